import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'

/** Storage key for the 大字模式 switch. */
export const BIG_TEXT_KEY = 'bigText'
/** 大字模式 enlarges all text by a quarter. */
export const BIG_TEXT_FACTOR = 1.25
/** Body text size at scale 1, in px. */
export const BASE_FONT_PX = 16

export interface FontScale {
  /** Multiply px sizes by this: (bigText ? 1.25 : 1) * WeChat's font factor. */
  scale: number
  bigText: boolean
  setBigText: (on: boolean) => void
}

type Listener = () => void

let bigText: boolean | undefined
const listeners = new Set<Listener>()

function readBigText(): boolean {
  if (bigText === undefined) {
    try {
      bigText = Taro.getStorageSync(BIG_TEXT_KEY) === true
    } catch {
      bigText = false
    }
  }
  return bigText
}

/** Switch 大字模式 on or off; persisted, and every mounted page re-renders. */
export function setBigText(on: boolean): void {
  if (readBigText() === on) return
  bigText = on
  try {
    Taro.setStorageSync(BIG_TEXT_KEY, on)
  } catch {
    // storage full or unavailable: keep the in-memory value for this session
  }
  listeners.forEach((listener) => listener())
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

let wechatFactor: number | undefined

/**
 * WeChat's own font-size setting (微信 设置 → 字体大小), weapp only; 1 elsewhere or when the
 * base library is too old to report it. Never below 1: body text stays at least 16px.
 */
export function getWechatFontFactor(): number {
  if (wechatFactor !== undefined) return wechatFactor
  wechatFactor = 1
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const getInfo = Taro.getAppBaseInfo as
        (() => { fontSizeScaleFactor?: number } | undefined) | undefined
      const factor = typeof getInfo === 'function' ? getInfo()?.fontSizeScaleFactor : undefined
      if (typeof factor === 'number' && Number.isFinite(factor) && factor > 0) {
        wechatFactor = Math.min(Math.max(factor, 1), 2)
      }
    } catch {
      // keep 1
    }
  }
  return wechatFactor
}

/** For tests: forget cached values so they are read again from storage / WeChat. */
export function resetFontScaleForTests(): void {
  bigText = undefined
  wechatFactor = undefined
}

export function useFontScale(): FontScale {
  const on = useSyncExternalStore(subscribe, readBigText, readBigText)
  const scale = (on ? BIG_TEXT_FACTOR : 1) * getWechatFontFactor()
  return { scale, bigText: on, setBigText }
}

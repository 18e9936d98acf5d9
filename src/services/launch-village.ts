import Taro from '@tarojs/taro'
import { ApiCallError, call } from './api'

/**
 * A village can arrive with the app. A shared link carries its id (`?villageId=<id>`); a village's
 * QR code carries its short code: a 小程序码 as `scene=v%3D<code>` (WeChat's `scene` is
 * URL-encoded and at most 32 characters, too few for an id), the H5 link as `?v=<code>`.
 * Remembering it lets a first-time villager join that village in one tap. It is kept in storage
 * because sign-in may happen later than the launch (the app is reopened).
 */
export type LaunchVillage = { villageId: string } | { villageCode: string }

const storageKey = 'launchVillage'

type Query = Record<string, string | undefined> | undefined

/** The `v` of a 小程序码's scene (`v=<code>`, possibly among other pairs), or null. */
function codeFromScene(encoded: string): string | null {
  let scene: string
  try {
    scene = decodeURIComponent(encoded)
  } catch {
    return null
  }
  for (const pair of scene.split('&')) {
    const [key, value] = pair.split('=')
    if (key === 'v' && value?.trim()) return value.trim()
  }
  return null
}

/** The village a page query or launch query names (by id or by code), or null. */
export function launchVillageFromQuery(query: Query): LaunchVillage | null {
  if (!query) return null
  const villageId = query.villageId?.trim()
  if (villageId) return { villageId }
  const villageCode = query.v?.trim() || (query.scene ? codeFromScene(query.scene) : null)
  return villageCode ? { villageCode } : null
}

/** Remembers the village from the given page query, else from the app's launch query. */
export function captureLaunchVillage(pageQuery?: Query): void {
  let launchQuery: Query
  try {
    launchQuery = Taro.getLaunchOptionsSync()?.query as Query
  } catch {
    // Not every platform can report launch options; the page query is enough then.
    launchQuery = undefined
  }
  const village = launchVillageFromQuery(pageQuery) ?? launchVillageFromQuery(launchQuery)
  if (village) Taro.setStorageSync(storageKey, village)
}

export function getLaunchVillage(): LaunchVillage | null {
  const stored = Taro.getStorageSync(storageKey) as LaunchVillage | ''
  return stored || null
}

/** Once the villager has joined a village, the link has done its job. */
export function forgetLaunchVillage(): void {
  Taro.removeStorageSync(storageKey)
}

export interface SuggestedVillage {
  /** The village to offer first in the picker, or null. */
  villageId: string | null
  /** Why a QR code's village is not offered, in words; the picker works all the same. */
  notice: string | null
}

/** The village to preselect: a QR code's code is looked up on the server (once). */
export async function suggestLaunchVillage(): Promise<SuggestedVillage> {
  const launch = getLaunchVillage()
  if (!launch) return { villageId: null, notice: null }
  if ('villageId' in launch) return { villageId: launch.villageId, notice: null }
  try {
    const village = await call('session', 'villageByCode', { code: launch.villageCode })
    Taro.setStorageSync(storageKey, { villageId: village.id })
    return { villageId: village.id, notice: null }
  } catch (caught) {
    const unknown =
      caught instanceof ApiCallError &&
      (caught.code === 'NOT_FOUND' || caught.code === 'INVALID_ARGUMENT')
    // A code no village has will not start working: forget it. Anything else may pass.
    if (unknown) forgetLaunchVillage()
    return {
      villageId: null,
      notice: unknown
        ? '没有找到您扫的二维码上的村，可能二维码已经换过了。请在下面自己选一下您所在的村。'
        : '暂时没认出您扫的二维码上的村。请在下面自己选一下您所在的村。',
    }
  }
}

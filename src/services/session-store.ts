import Taro from '@tarojs/taro'
import { tokenStorageKey as tokenKey } from './token-key'

/** The bearer token for the HTTP gateway; the cloud transport needs none (WeChat vouches). */
export function getToken(): string {
  return (Taro.getStorageSync(tokenKey) as string) || ''
}

export function setToken(token: string): void {
  Taro.setStorageSync(tokenKey, token)
}

export function clearToken(): void {
  Taro.removeStorageSync(tokenKey)
}

/** Everything the app keeps on this phone (token, settings, drafts): for a closed account. */
export function clearDeviceStorage(): void {
  Taro.clearStorageSync()
}

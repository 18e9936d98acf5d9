import Taro from '@tarojs/taro'

/**
 * A village id can arrive with the app: a shared link carries `?villageId=<id>`, and a mini-program
 * QR code carries `scene=v%3D<id>` (WeChat's `scene` is URL-encoded and limited to 32 characters,
 * hence the short `v=`). Remembering it lets a first-time villager join that village in one tap.
 * It is kept in storage because sign-in may happen later than the launch (the app is reopened).
 */
const storageKey = 'launchVillageId'

type Query = Record<string, string | undefined> | undefined

/** The village id a page query or launch query names, or null. */
export function villageIdFromQuery(query: Query): string | null {
  if (!query) return null
  const direct = query.villageId?.trim()
  if (direct) return direct
  if (!query.scene) return null
  let scene: string
  try {
    scene = decodeURIComponent(query.scene)
  } catch {
    return null
  }
  for (const pair of scene.split('&')) {
    const [key, value] = pair.split('=')
    if (key === 'v' && value?.trim()) return value.trim()
  }
  return null
}

/** Remembers the village id from the given page query, else from the app's launch query. */
export function captureLaunchVillage(pageQuery?: Query): void {
  let launchQuery: Query
  try {
    launchQuery = Taro.getLaunchOptionsSync()?.query as Query
  } catch {
    // Not every platform can report launch options; the page query is enough then.
    launchQuery = undefined
  }
  const villageId = villageIdFromQuery(pageQuery) ?? villageIdFromQuery(launchQuery)
  if (villageId) Taro.setStorageSync(storageKey, villageId)
}

export function getLaunchVillageId(): string | null {
  return (Taro.getStorageSync(storageKey) as string) || null
}

/** Once the villager has joined a village, the link has done its job. */
export function forgetLaunchVillage(): void {
  Taro.removeStorageSync(storageKey)
}

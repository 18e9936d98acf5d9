import Taro from '@tarojs/taro'

export const RULES_PAGE = '/pages/rules/index'

/** `undefined`: nothing asked; `null`: the current version; otherwise a version id. */
let requested: string | null | undefined

/**
 * Opens the 村规 tab on a given version. A tab page can't receive a query string through
 * switchTab, so the wish is left here for the page to pick up when it shows.
 */
export function openRulesVersion(versionId: string | null): void {
  requested = versionId
  void Taro.switchTab({ url: RULES_PAGE })
}

/** The version asked for by `openRulesVersion`, once. */
export function takeRequestedVersion(): string | null | undefined {
  const value = requested
  requested = undefined
  return value
}

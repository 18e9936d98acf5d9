import Taro from '@tarojs/taro'
import type { ApiCallError } from '../../services/api'

export const ADMIN_HOME = '/admin/pages/index/index'

/** Back to where the admin came from; to the admin menu when the page was opened directly. */
export function leavePage(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.redirectTo({ url: ADMIN_HOME })
  }
}

/**
 * The retry handler for a page's load error, or none when retrying can't help (no admin role,
 * the record is gone): PageShell then offers the way home instead of a useless 重试.
 */
export function retryFor(
  error: ApiCallError | null,
  reload: () => Promise<void>,
): (() => void) | undefined {
  if (error && (error.code === 'PERMISSION_DENIED' || error.code === 'NOT_FOUND')) return undefined
  return () => void reload()
}

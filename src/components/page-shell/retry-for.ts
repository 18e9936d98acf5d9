import type { ApiCallError } from '../../services/api'

/**
 * The retry handler for a page's load error, or none when retrying can't help (the user lacks
 * the role, the record is gone): PageShell then offers the way home instead of a useless 重试.
 */
export function retryFor(
  error: ApiCallError | null,
  reload: () => Promise<void>,
): (() => void) | undefined {
  if (error && (error.code === 'PERMISSION_DENIED' || error.code === 'NOT_FOUND')) return undefined
  return () => void reload()
}

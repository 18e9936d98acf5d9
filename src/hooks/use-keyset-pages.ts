import { useState } from 'react'
import { ApiCallError } from '../services/api'
import type { Query } from './use-query'

/** Where a newest-first list continues: the last item already shown. */
export interface KeysetCursor {
  createdAt: string
  id: string
}

export interface KeysetPages<T> {
  items: T[]
  /** The last page was full, so there may be older items. */
  hasMore: boolean
  loadMore: () => Promise<void>
  loadingMore: boolean
  moreError: string | null
  /** Forgets the older pages (before the first page is loaded again). */
  reset: () => void
}

/**
 * A list paged by (createdAt, id), newest first: the first page from `first`, older pages
 * appended by `loadPage(cursor)` one "加载更多" at a time.
 */
export function useKeysetPages<T extends KeysetCursor>(
  first: Query<T[]>,
  loadPage: (before: KeysetCursor) => Promise<T[]>,
  pageSize: number,
): KeysetPages<T> {
  const [older, setOlder] = useState<T[][]>([])
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)

  const pages = first.data ? [first.data, ...older] : []
  const items = pages.flat()
  const hasMore = pages.length > 0 && pages[pages.length - 1].length === pageSize

  const loadMore = async () => {
    setLoadingMore(true)
    setMoreError(null)
    try {
      const { createdAt, id } = items[items.length - 1]
      const page = await loadPage({ createdAt, id })
      setOlder((loaded) => [...loaded, page])
    } catch (caught) {
      setMoreError(caught instanceof ApiCallError ? caught.message : '没有加载成功，请重试')
    } finally {
      setLoadingMore(false)
    }
  }

  return { items, hasMore, loadMore, loadingMore, moreError, reset: () => setOlder([]) }
}

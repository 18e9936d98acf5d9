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

const newestFirst = ({ createdAt, id }: KeysetCursor): KeysetCursor => ({ createdAt, id })

/**
 * A list paged by keyset: the first page from `first`, the next pages appended by
 * `loadPage(cursor)` one "加载更多" at a time, the cursor taken from the last item shown. By
 * default the list is newest first and the cursor its (createdAt, id); `cursorOf` says otherwise
 * (the members, by villager number).
 */
export function useKeysetPages<T extends KeysetCursor>(
  first: Query<T[]>,
  loadPage: (before: KeysetCursor) => Promise<T[]>,
  pageSize: number,
): KeysetPages<T>
export function useKeysetPages<T, C>(
  first: Query<T[]>,
  loadPage: (after: C) => Promise<T[]>,
  pageSize: number,
  cursorOf: (item: T) => C,
): KeysetPages<T>
export function useKeysetPages<T, C>(
  first: Query<T[]>,
  loadPage: (cursor: C) => Promise<T[]>,
  pageSize: number,
  cursorOf = newestFirst as unknown as (item: T) => C,
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
      const page = await loadPage(cursorOf(items[items.length - 1]))
      setOlder((loaded) => [...loaded, page])
    } catch (caught) {
      setMoreError(caught instanceof ApiCallError ? caught.message : '没有加载成功，请重试')
    } finally {
      setLoadingMore(false)
    }
  }

  return { items, hasMore, loadMore, loadingMore, moreError, reset: () => setOlder([]) }
}

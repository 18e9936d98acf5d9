import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { call } from './api'

export const MESSAGES_PAGE = '/messages/pages/index/index'

/**
 * The number of unread 消息 for the badge on 我的, asked again whenever the page shows (coming
 * back from 消息 after reading some). A failed count shows no badge rather than an error: the
 * messages themselves are one tap away.
 */
export function useUnreadCount(enabled: boolean): number {
  const [unread, setUnread] = useState(0)
  const load = useCallback(() => {
    if (!enabled) return
    call('messages', 'unreadCount').then(
      (answer) => setUnread(answer.unread),
      () => undefined,
    )
  }, [enabled])
  useEffect(load, [load])
  useDidShow(load)
  return unread
}

import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Message } from '../../../../types/messages'
import PageShell from '../../../components/page-shell'
import { formatVillageDateTime } from '../../../../types/village-time'
import { useKeysetPages } from '../../../hooks/use-keyset-pages'
import { useQuery } from '../../../hooks/use-query'
import { ApiCallError, call } from '../../../services/api'
import { ariaRole, focusable } from '../../../utils/a11y'
import { openLink } from './open-link'
import { askForSubscription, canAskForSubscription } from '../../../services/subscribe'
import './index.css'

const PAGE_SIZE = 20

/** 消息: what concerns me, newest first; tapping one marks it read and opens what it is about. */
export default function MessagesPage() {
  const first = useQuery('messages', 'list', { limit: PAGE_SIZE })
  const pages = useKeysetPages(
    first,
    (before) => call('messages', 'list', { limit: PAGE_SIZE, before }),
    PAGE_SIZE,
  )
  // Read here since loading: shown as read at once, without asking for the list again.
  const [readHere, setReadHere] = useState<ReadonlySet<string> | 'all'>(new Set<string>())
  const isRead = (message: Message) =>
    message.readAt !== null || readHere === 'all' || readHere.has(message.id)
  const anyUnread = pages.items.some((message) => !isRead(message))

  const open = (message: Message) => {
    if (!isRead(message)) {
      setReadHere((read) => (read === 'all' ? read : new Set(read).add(message.id)))
      // Marking read must not hold up opening the page; a failure only leaves it unread.
      call('messages', 'markRead', { messageId: message.id }).catch(() => undefined)
    }
    if (message.link) openLink(message.link)
  }

  const markAllRead = async () => {
    try {
      await call('messages', 'markRead', { all: true })
      setReadHere('all')
    } catch (caught) {
      const title = caught instanceof ApiCallError ? caught.message : '没有标记成功，请重试'
      void Taro.showToast({ title, icon: 'none' })
    }
  }

  return (
    <PageShell
      title="消息"
      loading={first.loading && !first.data}
      error={first.error}
      onRetry={() => {
        pages.reset()
        void first.reload()
      }}
    >
      {canAskForSubscription ? <SubscribeCard /> : null}
      {anyUnread ? (
        <View
          className="vh-tap vh-link messages__all-read"
          {...ariaRole('button')}
          {...focusable()}
          onClick={() => void markAllRead()}
        >
          全部标为已读
        </View>
      ) : null}
      {pages.items.length === 0 ? <View className="vh-empty">还没有消息。</View> : null}
      {pages.items.length ? (
        <View className="vh-card">
          {pages.items.map((message) => (
            <MessageRow
              key={message.id}
              message={message}
              read={isRead(message)}
              onOpen={() => open(message)}
            />
          ))}
        </View>
      ) : null}
      {pages.moreError ? (
        <View className="messages__error" {...ariaRole('alert')}>
          {pages.moreError}
        </View>
      ) : null}
      {pages.hasMore ? (
        <Button
          fill="outline"
          block
          loading={pages.loadingMore}
          disabled={pages.loadingMore}
          onClick={() => void pages.loadMore()}
        >
          加载更多
        </Button>
      ) : pages.items.length ? (
        <View className="vh-muted messages__end">没有更早的消息了</View>
      ) : null}
    </PageShell>
  )
}

function MessageRow(props: { message: Message; read: boolean; onOpen: () => void }) {
  const { message, read, onOpen } = props
  return (
    <View
      className={read ? 'vh-row messages__item' : 'vh-row messages__item messages__item--unread'}
      hoverClass="vh-row--hover"
      // Named by its own words (未读, the title, the text, the time): a label of the title alone
      // would hide the rest from a screen reader (axe: label-content-name-mismatch).
      {...ariaRole('button')}
      {...focusable()}
      onClick={onOpen}
    >
      <View className="messages__text">
        <View className="messages__title">
          {read ? null : <Text className="messages__dot">未读</Text>}
          {message.title}
        </View>
        {message.body ? <View className="messages__body">{message.body}</View> : null}
        <View className="vh-muted">{formatVillageDateTime(message.createdAt)}</View>
      </View>
      {message.link ? <Text className="vh-row__arrow">›</Text> : null}
    </View>
  )
}

/**
 * 接收微信通知 (mini-program only): each time the villager accepts, WeChat lets us send one
 * notification of that kind, so the offer stays on the page for the next time.
 */
function SubscribeCard() {
  const templates = useQuery('messages', 'subscribeTemplates')
  const [note, setNote] = useState<string | null>(null)
  const templateIds = templates.data?.templateIds ?? []
  if (templateIds.length === 0) return null

  const subscribe = async () => {
    try {
      const outcome = await askForSubscription(templateIds)
      setNote(
        outcome === 'accepted'
          ? '好的，下一条消息也会通过微信通知您。'
          : outcome === 'rejected'
            ? '您没有同意，消息仍会在这里显示。'
            : '没有打开微信的通知设置，请稍后再试。',
      )
    } catch (caught) {
      setNote(caught instanceof ApiCallError ? caught.message : '没有记下来，请重试')
    }
  }

  return (
    <View className="vh-card messages__subscribe">
      <View className="messages__subscribe-text">
        想在微信里收到通知？点下面的按钮并选“允许”，下一条消息就会通过微信告诉您。
      </View>
      <Button type="primary" block onClick={() => void subscribe()}>
        接收微信通知
      </Button>
      {note ? (
        <View className="messages__subscribe-note" {...ariaRole('status')}>
          {note}
        </View>
      ) : null}
    </View>
  )
}

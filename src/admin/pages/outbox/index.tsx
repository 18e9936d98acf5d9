import { View } from '@tarojs/components'
import { useState } from 'react'
import { outboxStatuses, type OutboxEntry, type OutboxStatus } from '../../../../types/messages'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import ChoiceButtons from '../../../components/choice-buttons'
import { formatVillageDateTime } from '../../../../types/village-time'
import { useQuery } from '../../../hooks/use-query'
import { retryFor } from '../../../components/page-shell/retry-for'
import '../../components/admin.css'
import './index.css'

type Filter = OutboxStatus | 'all'
const filters: readonly Filter[] = ['all', ...outboxStatuses]

const outboxStatusLabels: Record<Filter, string> = {
  all: '全部',
  waiting: '等待发送',
  sending: '正在发送',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送',
}

/** 微信通知发送情况: the village's subscribe messages on their way to WeChat, newest first. */
export default function OutboxPage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="微信通知发送情况">
      <OutboxScreen />
    </RoleGate>
  )
}

function OutboxScreen() {
  const [filter, setFilter] = useState<Filter>('all')
  const list = useQuery('admin', 'outbox', filter === 'all' ? {} : { status: filter })
  const entries = list.data ?? []
  return (
    <PageShell
      className="admin-page"
      title="微信通知发送情况"
      loading={list.loading && !list.data}
      error={list.error}
      onRetry={retryFor(list.error, list.reload)}
    >
      <View className="vh-muted outbox__intro">
        村民同意接收微信通知后，消息会同时发到微信；没有同意的只在“消息”里显示。
      </View>
      <ChoiceButtons
        options={filters}
        labels={outboxStatusLabels}
        value={filter}
        onChange={setFilter}
      />
      {entries.length === 0 ? <View className="vh-empty">没有这样的通知。</View> : null}
      {entries.map((entry) => (
        <OutboxCard key={entry.id} entry={entry} />
      ))}
      {entries.length === 100 ? <View className="vh-muted">只显示最近的 100 条。</View> : null}
    </PageShell>
  )
}

function OutboxCard({ entry }: { entry: OutboxEntry }) {
  const when =
    entry.status === 'sent' && entry.sentAt
      ? `发送于 ${formatVillageDateTime(entry.sentAt)}`
      : entry.status === 'waiting' && entry.attempts > 0
        ? `将于 ${formatVillageDateTime(entry.nextAttemptAt)} 重试（已试 ${entry.attempts} 次）`
        : `生成于 ${formatVillageDateTime(entry.createdAt)}`
  return (
    <View className="vh-card outbox__entry">
      <View className="outbox__head">
        <View className={`vh-tag outbox__status outbox__status--${entry.status}`}>
          {outboxStatusLabels[entry.status]}
        </View>
        <View className="outbox__recipient">{entry.recipientName}</View>
      </View>
      <View className="outbox__title">{entry.title}</View>
      <View className="vh-muted">{when}</View>
      {entry.lastError ? <View className="outbox__reason">原因：{entry.lastError}</View> : null}
    </View>
  )
}

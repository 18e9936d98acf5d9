import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { AuditEntry } from '../../../../types/admin'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { formatVillageDateTime } from '../../../../types/village-time'
import { villagerLabel } from '../../../../types/villager-label'
import { useKeysetPages } from '../../../hooks/use-keyset-pages'
import { useQuery } from '../../../hooks/use-query'
import { call } from '../../../services/api'
import { retryFor } from '../../../components/page-shell/retry-for'
import { auditActionLabel, describeValue } from './describe'
import { ariaRole, focusable } from '../../../utils/a11y'
import '../../components/admin.css'
import './index.css'

const PAGE_SIZE = 20

/** 操作日志: every admin change, newest first, a page at a time. */
export default function AuditLogPage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="操作日志">
      <AuditLogScreen />
    </RoleGate>
  )
}

function AuditLogScreen() {
  const first = useQuery('admin', 'auditLog', { limit: PAGE_SIZE })
  const {
    items: entries,
    hasMore,
    loadMore,
    loadingMore,
    moreError,
    reset,
  } = useKeysetPages(
    first,
    (before) => call('admin', 'auditLog', { limit: PAGE_SIZE, before }),
    PAGE_SIZE,
  )

  const retry = retryFor(first.error, first.reload)
  return (
    <PageShell
      className="admin-page"
      title="操作日志"
      loading={first.loading}
      error={first.error}
      onRetry={
        retry &&
        (() => {
          reset()
          retry()
        })
      }
    >
      {entries.length === 0 ? <View className="vh-empty">还没有任何操作记录。</View> : null}
      {entries.map((entry) => (
        <AuditEntryCard key={entry.id} entry={entry} />
      ))}
      {moreError ? (
        <View className="admin-form-error" {...ariaRole('alert')}>
          {moreError}
        </View>
      ) : null}
      {hasMore ? (
        <Button
          className="admin-button"
          fill="outline"
          block
          loading={loadingMore}
          disabled={loadingMore}
          onClick={() => void loadMore()}
        >
          加载更多
        </Button>
      ) : entries.length ? (
        <View className="vh-muted audit-log__end">没有更早的记录了</View>
      ) : null}
    </PageShell>
  )
}

function AuditEntryCard({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false)
  const before = describeValue(entry.before)
  const after = describeValue(entry.after)
  const hasChange = before.length > 0 || after.length > 0
  return (
    <View className="vh-card audit-log__entry">
      <View className="audit-log__what">
        <View className="vh-tag vh-brand">{auditActionLabel(entry.action)}</View>
        <View className="audit-log__target">{entry.target}</View>
      </View>
      <View className="vh-muted">
        {villagerLabel(entry.actorName, entry.actorVillagerNo)} ·{' '}
        {formatVillageDateTime(entry.createdAt)}
      </View>
      {hasChange ? (
        <View
          className="vh-link vh-tap audit-log__toggle"
          {...ariaRole('button')}
          {...focusable()}
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? '收起改动 ▴' : '查看改动 ▾'}
        </View>
      ) : null}
      {open ? (
        <View className="audit-log__change">
          <ChangeLines title="改之前" lines={before} />
          <ChangeLines title="改之后" lines={after} compareWith={before} />
        </View>
      ) : null}
    </View>
  )
}

interface ChangeLinesProps {
  title: string
  lines: string[]
  /** Lines of the other side: a line not found there is what changed, and is marked. */
  compareWith?: string[]
}

function ChangeLines({ title, lines, compareWith }: ChangeLinesProps) {
  return (
    <View className="audit-log__side">
      <View className="audit-log__side-title">{title}</View>
      {lines.length ? (
        lines.map((line, index) => (
          <View
            key={index}
            className={
              compareWith && !compareWith.includes(line)
                ? 'audit-log__line audit-log__line--changed'
                : 'audit-log__line'
            }
          >
            {line}
          </View>
        ))
      ) : (
        <View className="vh-muted">（无）</View>
      )}
    </View>
  )
}

import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import ChoiceButtons from '../../../components/choice-buttons'
import { filingCouncilRoles } from '../../../../types/ceremony-filing'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import FilingRow from '../../../ceremony-filing/components/filing-row'
import { BackLink, filingPages } from '../../../ceremony-filing/components/navigation'
import '../../../ceremony-filing/components/filing.css'

const views = ['open', 'closed'] as const
const viewLabels = { open: '待处理', closed: '已办结' }

/** The ceremony council's queue: open filings oldest first, each with its limit marks. */
export default function QueuePage() {
  return (
    <RoleGate roles={filingCouncilRoles} title="报备处理" area="报备处理" className="filing-page">
      <Queue />
    </RoleGate>
  )
}

function Queue() {
  const [view, setView] = useState<(typeof views)[number]>('open')
  const queue = useQuery('ceremonyFiling', 'queue', { closed: view === 'closed' })
  return (
    <PageShell
      className="filing-page"
      title="报备处理"
      loading={queue.loading && !queue.data}
      error={queue.error}
      onRetry={queue.reload}
    >
      <ChoiceButtons options={views} labels={viewLabels} value={view} onChange={setView} />
      {queue.data?.length === 0 ? (
        <View className="vh-empty">没有{viewLabels[view]}的报备</View>
      ) : null}
      {queue.data?.map((filing) => (
        <FilingRow key={filing.id} filing={filing} url={filingPages.councilFiling(filing.id)} />
      ))}
      <Button
        className="filing-button"
        fill="outline"
        block
        onClick={() => void Taro.navigateTo({ url: filingPages.summary })}
      >
        月度汇总与导出
      </Button>
      <Button
        className="filing-button"
        fill="outline"
        block
        onClick={() => void Taro.navigateTo({ url: filingPages.deadlines })}
      >
        报备期限设置
      </Button>
      <BackLink />
    </PageShell>
  )
}

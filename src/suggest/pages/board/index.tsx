import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { topicStatusLabels } from '../../../../types/council'
import { resolutionStatusLabels } from '../../../../types/council-meetings'
import type { BoardItem, CouncilFigures } from '../../../../types/council-outcomes'
import { formatVillageDate, villageDayOf } from '../../../../types/village-time'
import PageShell from '../../../components/page-shell'
import { YearSwitcher } from '../../../components/period-switcher'
import { useKeysetPages } from '../../../hooks/use-keyset-pages'
import { useQuery } from '../../../hooks/use-query'
import { call } from '../../../services/api'
import { BackLink } from '../../components/navigation'
import { Photos } from '../../components/suggestion-card'
import '../../components/suggest.css'

/** The board's page size, as the server pages it. */
const PAGE_SIZE = 20
/** The figures go back one term of the council (five years): this year and the four before. */
const YEARS_BACK = 4

/**
 * 议事公开栏: every topic of my village and what came of it, so that everyone sees what happened
 * to what was raised, with the year's figures on top. Filers are named only where they allowed it.
 */
export default function BoardPage() {
  // The village's year, not the phone's (the phone may keep another time zone).
  const thisYear = Number(villageDayOf(new Date()).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const figures = useQuery('council', 'figures', { year })
  const first = useQuery('council', 'board', {})
  const pages = useKeysetPages(
    first,
    (before) => call('council', 'board', { before }),
    PAGE_SIZE,
    (item: BoardItem) => ({ createdAt: item.createdAt, id: item.topicId }),
  )
  return (
    <PageShell
      className="suggest-page"
      title="议事公开栏"
      loading={(first.loading && !first.data) || (figures.loading && !figures.data)}
      error={first.error ?? figures.error}
      onRetry={() => {
        pages.reset()
        void first.reload()
        void figures.reload()
      }}
    >
      {figures.data ? (
        <View className="vh-card">
          <YearSwitcher year={year} min={thisYear - YEARS_BACK} max={thisYear} onChange={setYear} />
          {/* Another year is loading: the figures shown are the last year's, so they make way. */}
          {figures.loading ? (
            <View className="vh-muted">正在读取{year}年的数字…</View>
          ) : (
            <Figures figures={figures.data} />
          )}
        </View>
      ) : null}
      {pages.items.length === 0 ? (
        <View className="vh-empty">还没有议题。村民的建议列为议题后，会在这里公开。</View>
      ) : null}
      {pages.items.map((item) => (
        <BoardCard key={item.topicId} item={item} />
      ))}
      {pages.moreError ? <View className="field-message">{pages.moreError}</View> : null}
      {pages.hasMore ? (
        <Button
          className="suggest-button"
          block
          loading={pages.loadingMore}
          disabled={pages.loadingMore}
          onClick={() => void pages.loadMore()}
        >
          加载更多
        </Button>
      ) : null}
      <BackLink />
    </PageShell>
  )
}

function Figures({ figures }: { figures: CouncilFigures }) {
  const rows: [string, string][] = [
    ['收到建议', `${figures.received} 条`],
    ['7 天内回复', `${figures.answeredWithin7Days} 条`],
    ['形成决议', `${figures.resolved} 项`],
    ['已销号', `${figures.closedOut} 项`],
    [
      '村民评价',
      figures.averageRating === null ? '还没有评价' : `${figures.averageRating} 分（满分 3 分）`,
    ],
  ]
  return (
    <>
      <View className="suggest-card__section">{figures.year} 年议事会公开</View>
      {rows.map(([label, value]) => (
        <View key={label} className="suggest-figure">
          <Text>{label}</Text>
          <Text className="suggest-figure__value">{value}</Text>
        </View>
      ))}
    </>
  )
}

function BoardCard({ item }: { item: BoardItem }) {
  const { resolution } = item
  const latest = resolution?.progress[resolution.progress.length - 1]
  const others = item.suggestionCount - item.shownNames.length
  const filers = [
    ...item.shownNames,
    ...(others > 0 ? [item.shownNames.length ? `另 ${others} 位村民` : `${others} 位村民`] : []),
  ]
  return (
    <View className="vh-card suggest-card">
      <View className="suggest-head">
        <Text className="suggest-head__title">{item.title}</Text>
        <Text className="vh-tag suggest-tag">
          {resolution ? resolutionStatusLabels[resolution.status] : topicStatusLabels[item.status]}
        </Text>
      </View>
      <View className="vh-muted">
        {filers.length ? `${filers.join('、')}提出` : '村民提出'} ·{' '}
        {formatVillageDate(item.createdAt)}
      </View>
      {item.notDeliberatedReason ? <View>不上会讨论：{item.notDeliberatedReason}</View> : null}
      {resolution ? (
        <View className="suggest-board__resolution">
          <View>决议：{resolution.decision}</View>
          <View>
            由{resolution.executor}办理，{formatVillageDate(resolution.dueOn)}前办完
            {resolution.overdue ? '（已超期）' : ''}
          </View>
          {latest ? (
            <View>
              最新进展（{formatVillageDate(latest.at)}）：{latest.text}
              <Photos photos={latest.photos} />
            </View>
          ) : null}
          {resolution.closeOut ? (
            <View>
              {formatVillageDate(resolution.closeOut.at)} 议事会销号：{resolution.closeOut.note}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

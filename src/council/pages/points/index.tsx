import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { councilRoles } from '../../../../types/council'
import type { PointRules } from '../../../../types/council-meetings'
import { councilYears, type PointsRow } from '../../../../types/council-outcomes'
import { villageDayOf } from '../../../../types/village-time'
import PageShell from '../../../components/page-shell'
import { YearSwitcher } from '../../../components/period-switcher'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { ariaRole, focusable } from '../../../utils/a11y'
import { BackLink } from '../../../suggest/components/navigation'
import '../../../suggest/components/suggest.css'
import './index.css'

/** 积分排行: the council members' points of a year by the village's 积分管理细则. */
export default function PointsPage() {
  return (
    <RoleGate roles={councilRoles} title="积分排行" area="积分排行" className="suggest-page">
      <Points />
    </RoleGate>
  )
}

/** Each deed the rules count: what it is called, its unit, and a member's count of it. */
const deeds = [
  { rule: 'attending', label: '参加会议', unit: '次', count: (row: PointsRow) => row.attended },
  { rule: 'speaking', label: '会上发言', unit: '次', count: (row: PointsRow) => row.statements },
  {
    rule: 'topicPassed',
    label: '提出的议题获得通过',
    unit: '个',
    count: (row: PointsRow) => row.topicsPassed,
  },
] satisfies {
  rule: keyof PointRules
  label: string
  unit: string
  count: (row: PointsRow) => number
}[]

function Points() {
  // The village's year, not the phone's: New Year's Eve in the village is not the phone's if
  // the phone keeps another time zone.
  const thisYear = Number(villageDayOf(new Date()).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const ranking = useQuery('council', 'points', { year })
  const rules = useQuery('council', 'meetingRules')
  const mine = ranking.data?.find((row) => row.mine)
  return (
    <PageShell
      className="suggest-page"
      title="积分排行"
      loading={ranking.loading && !ranking.data}
      error={ranking.error}
      onRetry={ranking.reload}
    >
      <View className="vh-muted suggest-intro">
        按本村的积分管理细则，议事会成员参加会议、会上发言、提出的议题获得通过，都记积分。
      </View>
      <RulesCard rules={rules.data?.points} error={rules.error?.message} onRetry={rules.reload} />
      <YearSwitcher year={year} min={councilYears.min} max={thisYear} onChange={setYear} />
      {/* Another year is loading: the rows shown are the last year's, so they make way. */}
      {ranking.loading ? (
        <View className="vh-muted">正在读取{year}年的积分…</View>
      ) : (
        <>
          {mine ? (
            <View className="vh-card points-mine">
              您{year === thisYear ? '今年到现在' : `${year}年`}排第 {mine.rank} 名，共{' '}
              {mine.points} 分。
            </View>
          ) : null}
          {ranking.data?.length === 0 ? (
            <View className="vh-empty">{year}年还没有议事会成员的积分。</View>
          ) : null}
          <View {...ariaRole('list')}>
            {ranking.data?.map((row) => (
              <RankingRow key={`${row.rank}-${row.name}`} row={row} />
            ))}
          </View>
        </>
      )}
      <BackLink />
    </PageShell>
  )
}

/** The rules, plainly: 参加会议 +2 分（每次）. */
function RulesCard(props: { rules?: PointRules; error?: string; onRetry: () => void }) {
  const { rules, error } = props
  return (
    <View className="vh-card">
      <View className="suggest-card__section points-rules__title">积分怎么算</View>
      {error ? (
        <View className="points-rules__failed">
          <Text className="vh-danger">积分规则没有读到：{error}</Text>
          <View
            className="vh-link vh-tap"
            {...ariaRole('button')}
            {...focusable()}
            onClick={props.onRetry}
          >
            重试
          </View>
        </View>
      ) : null}
      {!rules && !error ? <View className="vh-muted">正在读取积分规则…</View> : null}
      {rules
        ? deeds.map((deed) => (
            <View key={deed.rule} className="vh-text">
              {deed.label} +{rules[deed.rule]} 分（每{deed.unit}）
            </View>
          ))
        : null}
    </View>
  )
}

function RankingRow({ row }: { row: PointsRow }) {
  return (
    <View
      className={`vh-card points-row${row.mine ? ' points-row--mine' : ''}`}
      {...ariaRole('listitem')}
    >
      <View className="points-row__head">
        <Text className="points-row__rank">第 {row.rank} 名</Text>
        <Text className="points-row__name">
          {row.name}
          {row.mine ? '（我）' : ''}
        </Text>
        <Text className="points-row__points">{row.points} 分</Text>
      </View>
      <View className="vh-muted">
        {deeds.map((deed) => `${deed.label} ${deed.count(row)} ${deed.unit}`).join('，')}
      </View>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ceremonyTypeLabels } from '../../../../types/ceremony'
import { handlesFilings, type MonthlySummary } from '../../../../types/ceremony-filing'
import { villageDayOf } from '../../../../types/village-time'
import ExportButton from '../../../components/export-button'
import PageShell from '../../../components/page-shell'
import { MonthSwitcher } from '../../../components/period-switcher'
import { useQuery } from '../../../hooks/use-query'
import { call } from '../../../services/api'
import { useMe } from '../../../services/me'
import { ariaRole } from '../../../utils/a11y'
import { BackLink } from '../../components/navigation'
import '../../components/filing.css'
import './index.css'

/** The village's ceremonies of a month, counted, for every villager; no family is named. */
export default function SummaryPage() {
  const [month, setMonth] = useState(() => villageDayOf(new Date()).slice(0, 7))
  const summary = useQuery('ceremonyFiling', 'monthlySummary', { month })
  return (
    <PageShell
      className="filing-page summary-page"
      title="红白喜事月度汇总"
      loading={summary.loading && !summary.data}
      error={summary.error}
      onRetry={summary.reload}
    >
      <MonthSwitcher month={month} onChange={setMonth} />
      {summary.data ? <SummaryView summary={summary.data} /> : null}
      <CouncilExport month={month} />
      <BackLink />
    </PageShell>
  )
}

function SummaryView({ summary }: { summary: MonthlySummary }) {
  const { total } = summary
  if (total.filings === 0) return <View className="vh-empty">这个月没有报备的红白喜事</View>
  const most = Math.max(...summary.rows.map((row) => row.filings))
  return (
    <>
      <View className="vh-card">
        <View className="vh-text">
          共 {total.filings} 场，报备时都在标准内的 {total.filedWithinLimits} 场；现场查看{' '}
          {total.checked} 场，守了标准的 {total.checkedKept} 场。
        </View>
        <View className="vh-text">
          平均 {total.averageTables} 桌，每桌平均 {total.averageCostPerTable} 元。
        </View>
      </View>

      <View className="vh-section-title">各类事项场数</View>
      <View className="vh-card" {...ariaRole('list')}>
        {summary.rows.map((row) => (
          <View
            key={row.ceremonyType}
            className="summary-bar"
            {...ariaRole('listitem')}
            aria-label={`${ceremonyTypeLabels[row.ceremonyType]} ${row.filings} 场，其中 ${row.filedWithinLimits} 场在标准内`}
          >
            <Text className="summary-bar__label">{ceremonyTypeLabels[row.ceremonyType]}</Text>
            <View className="summary-bar__track">
              <View
                className="summary-bar__fill"
                style={{ width: `${most ? (row.filings / most) * 100 : 0}%` }}
              >
                <View
                  className="summary-bar__kept"
                  style={{
                    width: `${row.filings ? (row.filedWithinLimits / row.filings) * 100 : 0}%`,
                  }}
                />
              </View>
            </View>
            <Text className="summary-bar__value">{row.filings} 场</Text>
          </View>
        ))}
        <View className="vh-muted summary-legend">
          <Text className="summary-legend__kept">■</Text> 报备时在标准内{'  '}
          <Text className="summary-legend__over">■</Text> 有超标准
        </View>
      </View>

      <View className="vh-section-title">明细</View>
      <View className="summary-table" {...ariaRole('table')}>
        <View className="summary-table__row summary-table__row--head" {...ariaRole('row')}>
          {['事项', '场数', '标准内', '查看守标准', '平均桌数', '平均每桌'].map((head) => (
            <View key={head} className="summary-table__cell" {...ariaRole('columnheader')}>
              {head}
            </View>
          ))}
        </View>
        {summary.rows.map((row) => (
          <View key={row.ceremonyType} className="summary-table__row" {...ariaRole('row')}>
            <View className="summary-table__cell" {...ariaRole('rowheader')}>
              {ceremonyTypeLabels[row.ceremonyType]}
            </View>
            {[
              row.filings,
              row.filedWithinLimits,
              `${row.checkedKept}/${row.checked}`,
              row.averageTables ?? '—',
              row.averageCostPerTable === null ? '—' : `${row.averageCostPerTable}元`,
            ].map((value, index) => (
              <View key={index} className="summary-table__cell" {...ariaRole('cell')}>
                {value}
              </View>
            ))}
          </View>
        ))}
      </View>
    </>
  )
}

/** The council's 导出 Excel; villagers read the page only. */
function CouncilExport({ month }: { month: string }) {
  const { me } = useMe()
  if (!me || !handlesFilings(me.roles)) return null
  return <ExportButton load={() => call('ceremonyFiling', 'exportSummary', { month })} />
}

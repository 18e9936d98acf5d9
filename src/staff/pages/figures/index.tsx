import { View } from '@tarojs/components'
import { useState } from 'react'
import {
  satisfactionLabels,
  serviceDeskRoles,
  type MonthFigures,
} from '../../../../types/service-center'
import { addVillageDays, formatVillageDate, villageDayOf } from '../../../../types/village-time'
import ExportButton from '../../../components/export-button'
import PageShell from '../../../components/page-shell'
import PeriodSwitcher, { MonthSwitcher } from '../../../components/period-switcher'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call } from '../../../services/api'
import { ariaRole } from '../../../utils/a11y'
import { monthLabel } from '../../../utils/month'
import { BackLink } from '../../components/navigation'
import '../../components/staff.css'

/** 月度统计: a month's bookings at a glance, and 导出 Excel for a month or a day. */
export default function FiguresPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="月度统计" area="服务台" className="staff-page">
      <Figures />
    </RoleGate>
  )
}

function Figures() {
  const today = villageDayOf(new Date())
  const [month, setMonth] = useState(() => today.slice(0, 7))
  const [day, setDay] = useState(today)
  const query = useQuery('serviceDesk', 'monthFigures', { month })
  return (
    <PageShell
      className="staff-page"
      title="月度统计"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      <MonthSwitcher month={month} onChange={setMonth} />
      {query.data?.month === month ? <FiguresView figures={query.data} /> : null}
      <ExportButton
        label={`导出${monthLabel(month)}的 Excel`}
        load={() => call('serviceDesk', 'export', { month })}
      />

      <View className="vh-section-title">导出一天的预约</View>
      <PeriodSwitcher
        label={formatVillageDate(day)}
        earlier="前一天"
        later="后一天"
        onEarlier={() => setDay(addVillageDays(day, -1))}
        onLater={() => setDay(addVillageDays(day, 1))}
      />
      <ExportButton
        label={`导出${formatVillageDate(day)}的 Excel`}
        load={() => call('serviceDesk', 'export', { day })}
      />
      <BackLink />
    </PageShell>
  )
}

function FiguresView({ figures }: { figures: MonthFigures }) {
  if (figures.total === 0) return <View className="vh-empty">这个月没有预约</View>
  const average = figures.averageSatisfaction
  return (
    <>
      <View className="vh-card" {...ariaRole('list')}>
        {[
          ['预约', `${figures.total} 件`],
          ['办结', `${figures.finished} 件`],
          ['未到场', `${figures.noShows} 件`],
          ['取消', `${figures.cancelled} 件`],
          [
            '平均满意度',
            average === null
              ? '还没有回访'
              : `${average.toFixed(1)} 分（${satisfactionLabels[Math.round(average)]}）`,
          ],
        ].map(([label, value]) => (
          <View key={label} className="vh-row" {...ariaRole('listitem')}>
            <View className="vh-text">{label}</View>
            <View className="vh-text">{value}</View>
          </View>
        ))}
      </View>
      <View className="vh-section-title">各项服务的预约</View>
      <View className="vh-card" {...ariaRole('list')}>
        {figures.byService.map((row) => (
          <View key={row.serviceId} className="vh-row" {...ariaRole('listitem')}>
            <View className="vh-text">{row.serviceName}</View>
            <View className="vh-text">{row.count} 件</View>
          </View>
        ))}
      </View>
    </>
  )
}

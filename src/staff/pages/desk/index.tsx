import { View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { serviceDeskRoles, type DeskSlot } from '../../../../types/service-center'
import { addVillageDays, formatVillageDate, villageDayOf } from '../../../../types/village-time'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { ariaRole, focusable } from '../../../utils/a11y'
import AppointmentCard from '../../components/appointment-card'
import DeskSteps from '../../components/desk-steps'
import { BackLink, staffPages } from '../../components/navigation'
import { slotLabel } from '../../components/time'
import '../../components/staff.css'
import './index.css'

const menu: { label: string; url: string }[] = [
  { label: '登记来访/来电', url: staffPages.walkIn },
  { label: '回访', url: staffPages.followUps },
  { label: '服务设置', url: staffPages.settings },
  { label: '服务事项', url: staffPages.services },
  { label: '值班表', url: staffPages.roster },
  { label: '月度统计与导出', url: staffPages.figures },
]

/** 服务台: one day's appointments by slot, pending first, and every step staff take on them. */
export default function DeskPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="服务台" area="服务台" className="staff-page">
      <Desk />
    </RoleGate>
  )
}

function Desk() {
  const today = villageDayOf(new Date())
  // `?day=2026-12-01` opens that day (a link from elsewhere); otherwise today.
  const { params } = useRouter()
  const [day, setDay] = useState(() =>
    params.day && /^\d{4}-\d{2}-\d{2}$/.test(params.day) ? params.day : today,
  )
  const query = useQuery('serviceDesk', 'day', { day })
  // Back from 登记来访 or another page: show what changed meanwhile.
  useDidShow(() => {
    if (!query.loading) void query.reload()
  })
  // Slots holding a pending booking first (they wait for a decision), then by time.
  const waits = (slot: DeskSlot) => Number(slot.appointments.some((a) => a.status === 'pending'))
  const slots = [...(query.data?.day === day ? query.data.slots : [])].sort(
    (a, b) =>
      waits(b) - waits(a) ||
      a.start.localeCompare(b.start) ||
      a.serviceName.localeCompare(b.serviceName),
  )
  const pending = slots.flatMap((slot) => slot.appointments).filter((a) => a.status === 'pending')
  return (
    <PageShell
      className="staff-page desk-page"
      title="服务台"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      <View className="desk-menu">
        {menu.map((item) => (
          <View
            key={item.url}
            className="vh-card vh-row desk-menu__item"
            hoverClass="vh-row--hover"
            {...ariaRole('button')}
            {...focusable()}
            onClick={() => void Taro.navigateTo({ url: item.url })}
          >
            {item.label}
            <View className="vh-row__arrow">›</View>
          </View>
        ))}
      </View>

      <View className="desk-day">
        <Button
          className="staff-button"
          fill="outline"
          onClick={() => setDay(addVillageDays(day, -1))}
        >
          前一天
        </Button>
        <View className="vh-title desk-day__date">
          {formatVillageDate(day)}
          {day === today ? '（今天）' : ''}
        </View>
        <Button
          className="staff-button"
          fill="outline"
          onClick={() => setDay(addVillageDays(day, 1))}
        >
          后一天
        </Button>
      </View>
      {day === today ? null : (
        <View className="vh-link vh-tap" onClick={() => setDay(today)}>
          回到今天
        </View>
      )}

      {query.data?.day === day ? (
        slots.length === 0 ? (
          <View className="vh-empty">这一天没有预约</View>
        ) : (
          <>
            <View className={pending.length ? 'vh-danger' : 'vh-muted'}>
              {pending.length ? `有 ${pending.length} 条预约等待确认` : '没有等待确认的预约'}
            </View>
            {slots.map((slot) => (
              <SlotView
                key={`${slot.start} ${slot.serviceId}`}
                slot={slot}
                onChanged={query.reload}
              />
            ))}
          </>
        )
      ) : null}
      <BackLink toMe />
    </PageShell>
  )
}

function SlotView({ slot, onChanged }: { slot: DeskSlot; onChanged: () => Promise<void> }) {
  return (
    <View className="desk-slot">
      <View className="vh-section-title">
        {slotLabel(slot)} · {slot.serviceName} · 已约 {slot.booked}/{slot.capacity}
      </View>
      <View {...ariaRole('list')}>
        {slot.appointments.map((appointment) => (
          <AppointmentCard key={appointment.id} appointment={appointment}>
            <DeskSteps appointment={appointment} onChanged={onChanged} />
          </AppointmentCard>
        ))}
      </View>
    </View>
  )
}

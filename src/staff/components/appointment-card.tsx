import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import {
  appointmentChannelLabels,
  appointmentStatusLabels,
  serviceCategoryLabels,
  type DeskAppointment,
} from '../../../types/service-center'
import { formatVillageDateTime } from '../../../types/village-time'
import { ariaRole, focusable } from '../../utils/a11y'

/** The full number with a tap to call: the desk is where staff call villagers. */
export function PhoneLink({ phone }: { phone: string }) {
  if (!phone) return <View className="staff-line vh-muted">没有留电话</View>
  return (
    <View
      className="vh-link vh-tap staff-line"
      {...ariaRole('button')}
      {...focusable()}
      // Cancelling the call sheet rejects: the number stays on screen to dial by hand.
      onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}
    >
      打电话 {phone}
    </View>
  )
}

/** One appointment as staff see it: who, what, when, how to reach them; `children` the steps. */
export default function AppointmentCard({
  appointment: a,
  showTime = false,
  children,
}: {
  appointment: DeskAppointment
  /** The date and time too, where the card is not under its slot. */
  showTime?: boolean
  children?: ReactNode
}) {
  return (
    <View className="vh-card staff-appointment" {...ariaRole('listitem')}>
      <View className="staff-head">
        <View className="vh-title">{a.contactName}</View>
        <View className={`staff-status staff-status--${a.status}`}>
          {appointmentStatusLabels[a.status]}
        </View>
      </View>
      {showTime ? (
        <View className="staff-line">
          {a.serviceName} · {formatVillageDateTime(a.start)}
        </View>
      ) : (
        <View className="staff-line vh-muted">{serviceCategoryLabels[a.category]}</View>
      )}
      <View className="staff-line vh-muted">
        {appointmentChannelLabels[a.channel]}
        {a.userId ? `，${a.bookedBy}` : ''}
      </View>
      <PhoneLink phone={a.contactPhone} />
      {a.proxyFor ? <View className="staff-line">代办：为{a.proxyFor}办理</View> : null}
      {a.homeVisit ? <View className="staff-line">上门服务，地址：{a.address}</View> : null}
      {a.note ? <View className="staff-line">留言：{a.note}</View> : null}
      {a.result ? <View className="staff-line">办理结果：{a.result}</View> : null}
      {children}
    </View>
  )
}

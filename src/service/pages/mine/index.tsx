import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Appointment } from '../../../../types/service-center'
import { useConfirm } from '../../../components/confirm-dialog'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import { ariaRole } from '../../../utils/a11y'
import AppointmentCard from '../../components/appointment-card'
import { BackLink, SERVICE_CENTER_TAB } from '../../components/navigation'
import '../../components/service.css'

/** What the booking form says on arrival here, by the new appointment's status. */
const bookedNotices: Record<string, string> = {
  pending: '预约已提交。工作人员确认后会发消息告诉您。',
  confirmed: '预约成功。请按时带好材料到服务中心。',
}

/** 我的预约: upcoming and past appointments, each with its five steps; cancel, rate, materials. */
export default function MyAppointmentsPage() {
  const { params } = useRouter()
  const mine = useQuery('serviceCenter', 'myAppointments')
  const { ask, dialog } = useConfirm()
  const booked = params.booked ? bookedNotices[params.booked] : undefined
  const list = (appointments: Appointment[], empty: string) =>
    appointments.length === 0 ? (
      <View className="vh-empty">{empty}</View>
    ) : (
      appointments.map((appointment) => (
        <AppointmentCard
          key={appointment.id}
          appointment={appointment}
          ask={ask}
          onChanged={() => void mine.reload()}
        />
      ))
    )
  return (
    <PageShell
      className="service-page"
      title="我的预约"
      loading={mine.loading && !mine.data}
      error={mine.error}
      onRetry={mine.reload}
    >
      {booked ? (
        <View className="service-notice service-notice--ok" {...ariaRole('status')}>
          {booked}
        </View>
      ) : null}
      {mine.data ? (
        <>
          <View className="vh-section-title">要去办的</View>
          {list(mine.data.upcoming, '现在没有要去办的预约')}
          <View className="vh-section-title">办过的和取消的</View>
          {list(mine.data.past, '还没有办过的事')}
        </>
      ) : null}
      <Button
        className="service-button"
        type="primary"
        block
        onClick={() => void Taro.switchTab({ url: SERVICE_CENTER_TAB })}
      >
        预约办事
      </Button>
      <BackLink />
      {dialog}
    </PageShell>
  )
}

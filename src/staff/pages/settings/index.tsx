import { View } from '@tarojs/components'
import { serviceDeskRoles } from '../../../../types/service-center'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { BackLink } from '../../components/navigation'
import Blocks from './blocks'
import CenterSettingsForm from './center-settings-form'
import ClosedDates from './closed-dates'
import PlanForm from './plan-form'
import '../../components/staff.css'

/** 服务设置: the center's rules, its weekly opening plan, closed dates and 停约名单. */
export default function SettingsPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="服务设置" area="服务台" className="staff-page">
      <Settings />
    </RoleGate>
  )
}

function Settings() {
  const settings = useQuery('serviceDesk', 'settings')
  const plan = useQuery('serviceDesk', 'plan')
  const failed = settings.error ?? plan.error
  return (
    <PageShell
      className="staff-page"
      title="服务设置"
      loading={(settings.loading && !settings.data) || (plan.loading && !plan.data)}
      error={failed}
      onRetry={() => {
        void settings.reload()
        void plan.reload()
      }}
    >
      {settings.data && plan.data ? (
        <>
          <View className="vh-section-title">预约规则</View>
          <CenterSettingsForm saved={settings.data} />
          <View className="vh-section-title">每周开放时间</View>
          <PlanForm saved={plan.data} />
          <View className="vh-section-title">不开放的日子（节假日）</View>
          <ClosedDates />
          <View className="vh-section-title">停约名单</View>
          <Blocks />
        </>
      ) : null}
      <BackLink />
    </PageShell>
  )
}

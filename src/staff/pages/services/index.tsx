import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { serviceCategoryLabels, serviceDeskRoles } from '../../../../types/service-center'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { ariaRole } from '../../../utils/a11y'
import { BackLink } from '../../components/navigation'
import ServiceForm from './service-form'
import '../../components/staff.css'

/** 服务事项: every service the center offers, inactive ones too; add one or change one. */
export default function ServicesPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="服务事项" area="服务台" className="staff-page">
      <Services />
    </RoleGate>
  )
}

function Services() {
  const query = useQuery('serviceDesk', 'services')
  /** The service being edited, `new` for a new one. */
  const [editing, setEditing] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const saved = (name: string) => {
    setEditing(null)
    setStatus(`已保存：${name}`)
    void query.reload()
  }
  return (
    <PageShell
      className="staff-page"
      title="服务事项"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      {status ? (
        <View className="vh-success" {...ariaRole('status')}>
          {status}
        </View>
      ) : null}
      {editing === 'new' ? (
        <ServiceForm onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <Button
          className="staff-button"
          type="primary"
          block
          onClick={() => {
            setStatus(null)
            setEditing('new')
          }}
        >
          添加服务事项
        </Button>
      )}
      <View {...ariaRole('list')}>
        {(query.data ?? []).map((service) =>
          editing === service.id ? (
            <ServiceForm
              key={service.id}
              saved={service}
              onSaved={saved}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <View key={service.id} className="vh-card" {...ariaRole('listitem')}>
              <View className="staff-head">
                <View className="vh-title">{service.name}</View>
                <View className={service.active ? 'vh-success' : 'vh-muted'}>
                  {service.active ? '开放预约' : '已停用'}
                </View>
              </View>
              <View className="staff-line vh-muted">
                {serviceCategoryLabels[service.category]} · 办理约 {service.durationMinutes} 分钟 ·
                每 {service.slotMinutes} 分钟一个时段，每个时段 {service.capacity} 人
              </View>
              <View className="staff-line">
                {[
                  service.needsConfirmation ? '要工作人员确认' : '预约即确认',
                  service.homeVisit ? '可上门' : '',
                  service.proxyService ? '可代办' : '',
                ]
                  .filter(Boolean)
                  .join('，')}
              </View>
              {service.requiredMaterials.length ? (
                <View className="staff-line">带：{service.requiredMaterials.join('、')}</View>
              ) : null}
              <View
                className="vh-link vh-tap"
                aria-label={`修改${service.name}`}
                onClick={() => {
                  setStatus(null)
                  setEditing(service.id)
                }}
              >
                修改
              </View>
            </View>
          ),
        )}
      </View>
      <BackLink />
    </PageShell>
  )
}

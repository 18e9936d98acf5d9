import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { serviceCategoryLabels } from '../../../types/service-center-labels'
import type { DutyEntry } from '../../../types/service-center'
import { formatVillageDate } from '../../../types/village-time'
import PageShell from '../../components/page-shell'
import { useQuery } from '../../hooks/use-query'
import { servicePages } from '../../services/service-pages'
import { ariaRole, focusable, pageHeading } from '../../utils/a11y'
import './index.css'

/**
 * 办事 tab: the 党群服务中心's notice board — hours, address, today's duty cadre, services — and the
 * way into booking: a service opens its page (subpackage `service`), 我的预约 the appointments.
 */
export default function ServiceCenterPage() {
  const query = useQuery('serviceCenter', 'center')
  // A tab page stays alive: refresh on return so today's duty and the services stay current.
  useDidShow(() => {
    if (!query.loading) void query.reload()
  })
  const center = query.data
  return (
    <PageShell
      className="service-center"
      loading={query.loading && !center}
      error={query.error}
      onRetry={query.reload}
    >
      {center ? (
        <View className="vh-stack">
          <View className="vh-title" {...pageHeading()}>
            党群服务中心
          </View>
          <View
            className="vh-card vh-row"
            hoverClass="vh-row--hover"
            {...ariaRole('button')}
            {...focusable()}
            onClick={() => void Taro.navigateTo({ url: servicePages.mine })}
          >
            <View className="vh-text">我的预约</View>
            <View className="vh-row__arrow">›</View>
          </View>
          <View className="vh-card vh-stack">
            <View className="vh-text">办公时间：{center.settings.openingHours}</View>
            <View className="vh-text">地址：{center.settings.address}</View>
          </View>
          <View className="vh-section-title">今天挂牌值班</View>
          {center.onDuty.length === 0 ? (
            <View className="vh-muted">今天没有安排值班</View>
          ) : (
            center.onDuty.map((duty) => <DutyCard key={`${duty.name}-${duty.post}`} duty={duty} />)
          )}
          {center.blockedUntil ? (
            <View className="vh-danger">
              因多次预约未到，{formatVillageDate(center.blockedUntil)}{' '}
              前暂时不能在网上预约，请打电话或到中心办理。
            </View>
          ) : null}
          {center.categories.map(({ category, services }) => (
            <View key={category} className="vh-stack">
              <View className="vh-section-title">{serviceCategoryLabels[category]}</View>
              {services.map((service) => (
                <View
                  key={service.id}
                  className="vh-card vh-stack"
                  hoverClass="vh-row--hover"
                  {...ariaRole('link')}
                  {...focusable()}
                  onClick={() => void Taro.navigateTo({ url: servicePages.service(service.id) })}
                >
                  <View className="vh-text vh-brand">{service.name} ›</View>
                  <View className="vh-muted">{service.description}</View>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}

function DutyCard({ duty }: { duty: DutyEntry }) {
  return (
    <View className="vh-card vh-row">
      <View className="vh-text">
        {duty.name}（{duty.post}）
      </View>
      <View
        className="vh-link vh-tap"
        {...ariaRole('button')}
        {...focusable()}
        // Cancelling the call sheet rejects: the number stays on screen to dial by hand.
        onClick={() => void Taro.makePhoneCall({ phoneNumber: duty.phone }).catch(() => undefined)}
      >
        打电话 {duty.phone}
      </View>
    </View>
  )
}

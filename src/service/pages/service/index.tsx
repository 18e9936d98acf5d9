import { View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Slot } from '../../../../types/service-center'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import { servicePages } from '../../../services/service-pages'
import { ariaRole } from '../../../utils/a11y'
import { BackLink, pageParam } from '../../components/navigation'
import ServiceFacts from '../../components/service-facts'
import SlotPicker from '../../components/slot-picker'
import '../../components/service.css'

/** Booking, screen 1: what the service is, then a day of the window and a slot with places left. */
export default function ServicePage() {
  const { params } = useRouter()
  const serviceId = pageParam(params.id)
  const service = useQuery('serviceCenter', 'service', { serviceId })
  const availability = useQuery('serviceCenter', 'availability', { serviceId })
  const [slot, setSlot] = useState<Slot | null>(null)
  // Back from the form (a slot may have filled meanwhile): the places left are counted again.
  useDidShow(() => {
    if (!availability.loading) void availability.reload()
  })
  return (
    <PageShell
      className="service-page"
      title={service.data?.name ?? '预约办事'}
      loading={service.loading && !service.data}
      error={serviceId ? service.error : '没有找到这项服务'}
      onRetry={service.reload}
    >
      {service.data ? (
        <>
          <ServiceFacts service={service.data} />
          <View className="vh-section-title">选预约时间</View>
          {availability.error ? (
            <View className="service-notice service-notice--error" {...ariaRole('alert')}>
              {availability.error.message}
              <Button
                className="service-button"
                fill="outline"
                onClick={() => void availability.reload()}
              >
                重新查时段
              </Button>
            </View>
          ) : availability.data ? (
            <SlotPicker days={availability.data} value={slot?.start ?? null} onChange={setSlot} />
          ) : (
            <View className="vh-muted" {...ariaRole('status')}>
              正在查可以约的时段…
            </View>
          )}
          <View className="vh-gap" />
          <Button
            className="service-button"
            type="primary"
            block
            disabled={!slot}
            onClick={() =>
              slot && void Taro.navigateTo({ url: servicePages.book(serviceId, slot.start) })
            }
          >
            {slot ? '下一步：填写联系人' : '请先选一个时段'}
          </Button>
        </>
      ) : null}
      <BackLink label="返回办事" />
    </PageShell>
  )
}

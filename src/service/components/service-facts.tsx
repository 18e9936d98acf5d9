import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { serviceCategoryLabels, type Service } from '../../../types/service-center'
import { ariaRole } from '../../utils/a11y'

/** One line of facts: a label and its value. */
export function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="service-line">
      <Text className="service-line__label">{label}</Text>
      <Text className="service-line__value">{children}</Text>
    </View>
  )
}

/** 材料清单: what to bring, one per line. */
export function MaterialList({ materials }: { materials: string[] }) {
  if (materials.length === 0) return <View className="vh-text">不用带材料</View>
  return (
    <View className="service-materials" {...ariaRole('list')}>
      {materials.map((material) => (
        <View key={material} className="service-materials__item" {...ariaRole('listitem')}>
          · {material}
        </View>
      ))}
    </View>
  )
}

/** What a service is, before anyone books it: what to bring, how long, who confirms, how. */
export default function ServiceFacts({ service }: { service: Service }) {
  return (
    <View className="vh-card">
      <View className="vh-muted">{serviceCategoryLabels[service.category]}</View>
      {service.description ? <View className="vh-text">{service.description}</View> : null}
      <View className="service-facts__title">要带的材料（材料清单）</View>
      <MaterialList materials={service.requiredMaterials} />
      <Line label="办理时长">约 {service.durationMinutes} 分钟</Line>
      <Line label="预约以后">
        {service.needsConfirmation ? '要等工作人员确认，确认后会通知您' : '马上就约好了'}
      </Line>
      {service.homeVisit ? (
        <Line label="上门服务">老人、行动不便的可以请工作人员上门办理</Line>
      ) : null}
      {service.proxyService ? <Line label="代办">可以替家里人预约，由您代办</Line> : null}
    </View>
  )
}

import { View } from '@tarojs/components'
import { useState } from 'react'
import { formatVillageDate } from '../../../types/village-time'
import ChoiceButtons from '../../components/choice-buttons'
import { useQuery } from '../../hooks/use-query'
import { slotLabel } from './time'

/**
 * The service's slots with places left in the booking window, by day: where to move an
 * appointment, or when to register a walk-in.
 */
export default function SlotPicker(props: {
  serviceId: string
  /** The appointment's own slot, when moving it. */
  except?: string
  value: string | null
  onChange: (slotStart: string) => void
}) {
  const availability = useQuery('serviceCenter', 'availability', { serviceId: props.serviceId })
  const [day, setDay] = useState<string | null>(null)
  if (availability.error) {
    return <View className="vh-danger">{availability.error.message}</View>
  }
  if (!availability.data) return <View className="vh-muted">正在查有空位的时段…</View>
  const days = availability.data.filter((d) =>
    d.slots.some((slot) => slot.placesLeft > 0 && slot.start !== props.except),
  )
  if (days.length === 0) return <View className="vh-muted">可预约的日子里没有空位了</View>
  const chosen = days.find((d) => d.day === day) ?? null
  const slots = chosen
    ? chosen.slots.filter((slot) => slot.placesLeft > 0 && slot.start !== props.except)
    : []
  return (
    <View className="staff-field">
      <View className="staff-field__label">哪一天</View>
      <ChoiceButtons
        options={days.map((d) => d.day)}
        labels={Object.fromEntries(days.map((d) => [d.day, formatVillageDate(d.day)]))}
        value={day}
        onChange={setDay}
      />
      {chosen ? (
        <>
          <View className="staff-field__label">哪个时段</View>
          <ChoiceButtons
            options={slots.map((slot) => slot.start)}
            labels={Object.fromEntries(
              slots.map((slot) => [slot.start, `${slotLabel(slot)}（剩 ${slot.placesLeft} 个）`]),
            )}
            value={props.value}
            onChange={props.onChange}
          />
        </>
      ) : null}
    </View>
  )
}

import { View } from '@tarojs/components'
import { useState } from 'react'
import type { AvailabilityDay } from '../../../types/service-center'
import { formatVillageDate } from '../../../types/village-time'
import ChoiceButtons from '../../components/choice-buttons'
import { useQuery, type Query } from '../../hooks/use-query'
import { slotLabel } from './time'

interface PickerProps {
  serviceId: string
  value: string | null
  onChange: (slotStart: string) => void
}

/** Where to move an appointment: the slots a villager could book now, its own left out. */
export function MoveSlotPicker(props: PickerProps & { except: string }) {
  const query = useQuery('serviceCenter', 'availability', { serviceId: props.serviceId })
  return <SlotChoice {...props} query={query} />
}

/** When to register a walk-in or a call: the slot under way too, without the minimum notice. */
export function DeskSlotPicker(props: PickerProps) {
  const query = useQuery('serviceDesk', 'slots', { serviceId: props.serviceId })
  return <SlotChoice {...props} query={query} />
}

/** The service's slots with places left in the booking window: a day, then a slot of it. */
function SlotChoice(props: PickerProps & { except?: string; query: Query<AvailabilityDay[]> }) {
  const [day, setDay] = useState<string | null>(null)
  const { query } = props
  if (query.error) return <View className="vh-danger">{query.error.message}</View>
  if (!query.data) return <View className="vh-muted">正在查有空位的时段…</View>
  const open = (slot: { start: string; placesLeft: number }) =>
    slot.placesLeft > 0 && slot.start !== props.except
  const days = query.data.filter((d) => d.slots.some(open))
  if (days.length === 0) return <View className="vh-muted">可预约的日子里没有空位了</View>
  const chosen = days.find((d) => d.day === day) ?? null
  const slots = chosen ? chosen.slots.filter(open) : []
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

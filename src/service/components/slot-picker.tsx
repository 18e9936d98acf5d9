import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { weekdayLabels, type AvailabilityDay, type Slot } from '../../../types/service-center'
import { formatVillageTime, villageDayOf } from '../../../types/village-time'
import { ariaRole, focusable } from '../../utils/a11y'

/** `11月29日` and `星期六` of a village day (`2026-11-29`). */
function dayLabels(day: string): { date: string; weekday: string } {
  const [, month, date] = day.split('-').map(Number)
  // The calendar date alone, read in UTC: the weekday of that date wherever the phone is.
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7
  return { date: `${month}月${date}日`, weekday: weekdayLabels[weekday] }
}

/** Why a day has nothing to book, in one word that fits its button. */
function dayClosedWord(day: AvailabilityDay): string {
  if (day.closedReason) return '休息'
  return day.slots.length === 0 ? '不能约' : '已约满'
}

const freeSlots = (day: AvailabilityDay) => day.slots.filter((slot) => slot.placesLeft > 0)

interface SlotPickerProps {
  days: AvailabilityDay[]
  /** The chosen slot's start, or null. */
  value: string | null
  onChange: (slot: Slot) => void
}

/** A day of the booking window, then one of its slots with the places left; full ones say so. */
export default function SlotPicker({ days, value, onChange }: SlotPickerProps) {
  const [chosenDay, setChosenDay] = useState<string | null>(
    () =>
      (value ? villageDayOf(value) : null) ??
      days.find((day) => freeSlots(day).length > 0)?.day ??
      null,
  )
  const day = days.find((candidate) => candidate.day === chosenDay)
  if (!days.some((candidate) => freeSlots(candidate).length > 0)) {
    return <View className="vh-empty">最近几天都约满了，请过几天再来看，或打电话给服务中心</View>
  }
  return (
    <View>
      <View className="service-picker__label">先选日期</View>
      <View className="service-picker" {...ariaRole('radiogroup')} aria-label="日期">
        {days.map((candidate) => {
          const { date, weekday } = dayLabels(candidate.day)
          const open = freeSlots(candidate).length > 0
          const chosen = candidate.day === chosenDay
          return (
            <View
              key={candidate.day}
              className={`service-picker__item service-picker__item--day${chosen ? ' service-picker__item--chosen' : ''}${open ? '' : ' service-picker__item--off'}`}
              {...ariaRole('radio')}
              {...focusable()}
              aria-checked={chosen}
              onClick={() => open && setChosenDay(candidate.day)}
            >
              <Text>{date}</Text>
              <Text>{open ? weekday : dayClosedWord(candidate)}</Text>
            </View>
          )
        })}
      </View>
      {day ? (
        <>
          <View className="service-picker__label">
            再选时段（{dayLabels(day.day).date} {dayLabels(day.day).weekday}）
          </View>
          <View className="service-picker" {...ariaRole('radiogroup')} aria-label="时段">
            {day.slots.map((slot) => {
              const chosen = slot.start === value
              const full = slot.placesLeft === 0
              return (
                <View
                  key={slot.start}
                  className={`service-picker__item${chosen ? ' service-picker__item--chosen' : ''}${full ? ' service-picker__item--off' : ''}`}
                  {...ariaRole('radio')}
                  {...focusable()}
                  aria-checked={chosen}
                  onClick={() => !full && onChange(slot)}
                >
                  <Text>
                    {formatVillageTime(slot.start)}–{formatVillageTime(slot.end)}
                  </Text>
                  <Text>{full ? '已约满' : `还剩 ${slot.placesLeft} 个`}</Text>
                </View>
              )
            })}
          </View>
        </>
      ) : null}
    </View>
  )
}

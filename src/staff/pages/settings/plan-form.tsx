import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  serviceDeskContract,
  weekdayLabels,
  type PlanDay,
  type TimeRange,
} from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage from '../../../components/field-message'
import { call, fieldErrorOf } from '../../../services/api'
import SaveRow from '../../components/save-row'

const weekdays = [1, 2, 3, 4, 5, 6, 7]
const maxBreaks = 4

/** A weekday as the form holds it: closed, or open with its hours and breaks. */
interface DayDraft {
  open: 'open' | 'closed'
  opens: string
  closes: string
  breaks: TimeRange[]
}

function draftOf(saved: PlanDay[]): Record<number, DayDraft> {
  return Object.fromEntries(
    weekdays.map((weekday) => {
      const day = saved.find((d) => d.weekday === weekday)
      return [
        weekday,
        day
          ? { open: 'open', opens: day.opens, closes: day.closes, breaks: day.breaks }
          : { open: 'closed', opens: '08:30', closes: '17:30', breaks: [] },
      ]
    }),
  )
}

/** The weekly opening plan: which weekdays are open, their hours and breaks. */
export default function PlanForm({ saved }: { saved: PlanDay[] }) {
  const [draft, setDraft] = useState(() => draftOf(saved))
  const [error, setError] = useState<FieldError | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const openDays = weekdays.filter((weekday) => draft[weekday].open === 'open')
  const change = (weekday: number, patch: Partial<DayDraft>) =>
    setDraft((old) => ({ ...old, [weekday]: { ...old[weekday], ...patch } }))

  // Field paths of the payload (days.0.opens) named the way the form shows them.
  const labels = Object.fromEntries(
    openDays.flatMap((weekday, index) => {
      const name = weekdayLabels[weekday]
      return [
        [`days.${index}.opens`, `${name}开门`],
        [`days.${index}.closes`, `${name}关门`],
        ...[0, 1, 2, 3].flatMap((b) => [
          [`days.${index}.breaks.${b}.start`, `${name}休息${b + 1}开始`],
          [`days.${index}.breaks.${b}.end`, `${name}休息${b + 1}结束`],
        ]),
      ]
    }),
  )

  const save = async () => {
    setError(null)
    setStatus(null)
    const days = openDays.map((weekday) => {
      const { opens, closes, breaks } = draft[weekday]
      return {
        weekday,
        opens: opens.trim(),
        closes: closes.trim(),
        breaks: breaks.map((b) => ({ start: b.start.trim(), end: b.end.trim() })),
      }
    })
    const checked = validate(serviceDeskContract.savePlan.input, { days }, labels)
    if (!checked.ok) {
      // Shown under the whole form: the message names the weekday and the field.
      setError({ field: '', message: checked.error.message })
      return
    }
    setBusy(true)
    try {
      const plan = await call('serviceDesk', 'savePlan', checked.data)
      setDraft(draftOf(plan))
      setStatus('已保存')
    } catch (caught) {
      setError({ field: '', message: fieldErrorOf(caught, '没有保存成功，请重试').message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="vh-card">
      {weekdays.map((weekday) => {
        const day = draft[weekday]
        const name = weekdayLabels[weekday]
        return (
          <View key={weekday} className="staff-field plan-day">
            <View className="staff-field__label">{name}</View>
            <ChoiceButtons
              options={['open', 'closed'] as const}
              labels={{ open: '开放', closed: '不开放' }}
              value={day.open}
              onChange={(open) => change(weekday, { open })}
            />
            {day.open === 'open' ? (
              <>
                <TimePair
                  label="开放"
                  names={[`${name}开门时间`, `${name}关门时间`]}
                  range={{ start: day.opens, end: day.closes }}
                  onChange={(range) => change(weekday, { opens: range.start, closes: range.end })}
                />
                {day.breaks.map((range, index) => (
                  <View key={index}>
                    <TimePair
                      label={`休息${day.breaks.length > 1 ? index + 1 : ''}`}
                      names={[`${name}休息开始时间`, `${name}休息结束时间`]}
                      range={range}
                      onChange={(next) =>
                        change(weekday, {
                          breaks: day.breaks.map((b, i) => (i === index ? next : b)),
                        })
                      }
                    />
                    <View
                      className="vh-link vh-tap"
                      onClick={() =>
                        change(weekday, { breaks: day.breaks.filter((_, i) => i !== index) })
                      }
                    >
                      删掉这段休息
                    </View>
                  </View>
                ))}
                {day.breaks.length < maxBreaks ? (
                  <Button
                    className="staff-button"
                    fill="outline"
                    onClick={() =>
                      change(weekday, {
                        breaks: [...day.breaks, { start: '12:00', end: '14:00' }],
                      })
                    }
                  >
                    加一段休息（如午休）
                  </Button>
                ) : null}
              </>
            ) : null}
          </View>
        )
      })}
      <FieldMessage error={error} field="" />
      <SaveRow label="保存开放时间" busy={busy} status={status} onPress={() => void save()} />
    </View>
  )
}

/** From–to, two `HH:mm` boxes on one line. */
function TimePair(props: {
  label: string
  names: [string, string]
  range: TimeRange
  onChange: (range: TimeRange) => void
}) {
  return (
    <View className="staff-field__line">
      <View className="vh-text">{props.label}</View>
      <Input
        className="staff-input staff-input--time"
        value={props.range.start}
        placeholder="08:30"
        aria-label={props.names[0]}
        maxLength={5}
        onChange={(start) => props.onChange({ ...props.range, start })}
      />
      <View className="vh-text">到</View>
      <Input
        className="staff-input staff-input--time"
        value={props.range.end}
        placeholder="17:30"
        aria-label={props.names[1]}
        maxLength={5}
        onChange={(end) => props.onChange({ ...props.range, end })}
      />
    </View>
  )
}

import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  serviceDeskContract,
  serviceDeskRoles,
  weekdayLabels,
  type DutyEntry,
} from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import { addVillageDays, formatVillageDate, villageDayOf } from '../../../../types/village-time'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import PeriodSwitcher from '../../../components/period-switcher'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../components/navigation'
import SaveRow from '../../components/save-row'
import '../../components/staff.css'

/** The Monday of the week a village day falls in. */
export function mondayOf(day: string): string {
  const sundayIsZero = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addVillageDays(day, -((sundayIsZero + 6) % 7))
}

type Draft = Omit<DutyEntry, 'day'>
const emptyEntry: Draft = { name: '', post: '', phone: '' }
const perDay = 5

/** 值班表: who is on duty at the center each day, filled in a week at a time. */
export default function RosterPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="值班表" area="服务台" className="staff-page">
      <Roster />
    </RoleGate>
  )
}

function Roster() {
  const [weekStart, setWeekStart] = useState(() => mondayOf(villageDayOf(new Date())))
  const query = useQuery('serviceDesk', 'roster', { weekStart })
  return (
    <PageShell
      className="staff-page"
      title="值班表"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      <PeriodSwitcher
        label={`${formatVillageDate(weekStart)}起的一周`}
        earlier="上一周"
        later="下一周"
        onEarlier={() => setWeekStart(addVillageDays(weekStart, -7))}
        onLater={() => setWeekStart(addVillageDays(weekStart, 7))}
      />
      {/* Keyed by week and answer: another week, or the saved roster, starts a fresh draft. */}
      {query.data && !query.loading ? (
        <WeekForm key={weekStart} weekStart={weekStart} saved={query.data} />
      ) : null}
      <BackLink />
    </PageShell>
  )
}

function byDay(weekStart: string, entries: DutyEntry[], shiftDays = 0): Record<string, Draft[]> {
  return Object.fromEntries(
    Array.from({ length: 7 }, (_, index) => {
      const day = addVillageDays(weekStart, index)
      const of = entries.filter((entry) => addVillageDays(entry.day, shiftDays) === day)
      return [day, of.map(({ name, post, phone }) => ({ name, post, phone }))]
    }),
  )
}

function WeekForm({ weekStart, saved }: { weekStart: string; saved: DutyEntry[] }) {
  const [draft, setDraft] = useState(() => byDay(weekStart, saved))
  const [error, setError] = useState<FieldError | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const days = Object.keys(draft)
  const setDay = (day: string, entries: Draft[]) => setDraft((old) => ({ ...old, [day]: entries }))

  const copyLastWeek = async () => {
    setError(null)
    setStatus(null)
    try {
      const last = await call('serviceDesk', 'roster', { weekStart: addVillageDays(weekStart, -7) })
      setDraft(byDay(weekStart, last, 7))
      setStatus(last.length ? '已照上一周填好，请检查后保存' : '上一周没有排班')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有取到上一周的值班表，请重试'))
    }
  }

  const entries = days.flatMap((day) =>
    draft[day].map((entry) => ({
      day,
      name: entry.name.trim(),
      post: entry.post.trim(),
      phone: entry.phone.trim(),
    })),
  )
  const save = async () => {
    setError(null)
    setStatus(null)
    const checked = validate(serviceDeskContract.saveRoster.input, { weekStart, entries })
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    setBusy(true)
    try {
      const roster = await call('serviceDesk', 'saveRoster', checked.data)
      setDraft(byDay(weekStart, roster))
      setStatus('已保存这一周的值班表')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
    } finally {
      setBusy(false)
    }
  }

  // An entry's error (entries.3.phone) is shown under that entry.
  const at = (index: number, key: string) => `entries.${index}.${key}`
  let index = -1
  return (
    <View>
      <Button className="staff-button" fill="outline" block onClick={() => void copyLastWeek()}>
        照上一周填
      </Button>
      {days.map((day, dayIndex) => (
        <View key={day} className="vh-card">
          <View className="vh-title">
            {weekdayLabels[dayIndex + 1]} {formatVillageDate(day)}
          </View>
          {draft[day].length === 0 ? <View className="vh-muted">没有人值班</View> : null}
          {draft[day].map((entry, entryIndex) => {
            index += 1
            const n = index
            const change = (patch: Partial<Draft>) =>
              setDay(
                day,
                draft[day].map((e, i) => (i === entryIndex ? { ...e, ...patch } : e)),
              )
            return (
              <View key={entryIndex} className="staff-field roster-entry">
                <View className="staff-field__line">
                  <Input
                    className="staff-input"
                    value={entry.name}
                    placeholder="姓名"
                    maxLength={inputMaxLength(20)}
                    onChange={(name) => change({ name })}
                  />
                  <Input
                    className="staff-input"
                    value={entry.post}
                    placeholder="职务，如：网格员"
                    maxLength={inputMaxLength(20)}
                    onChange={(post) => change({ post })}
                  />
                </View>
                <Input
                  className="staff-input"
                  type="tel"
                  value={entry.phone}
                  placeholder="电话"
                  maxLength={20}
                  onChange={(phone) => change({ phone })}
                />
                <FieldMessage error={error} field={at(n, 'name')} />
                <FieldMessage error={error} field={at(n, 'post')} />
                <FieldMessage error={error} field={at(n, 'phone')} />
                <View
                  className="vh-link vh-tap"
                  onClick={() =>
                    setDay(
                      day,
                      draft[day].filter((_, i) => i !== entryIndex),
                    )
                  }
                >
                  删掉这个人
                </View>
              </View>
            )
          })}
          {draft[day].length < perDay ? (
            <Button
              className="staff-button"
              fill="outline"
              onClick={() => setDay(day, [...draft[day], { ...emptyEntry }])}
            >
              加一个值班的人
            </Button>
          ) : null}
        </View>
      ))}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="entries" />
      <SaveRow label="保存这一周" busy={busy} status={status} onPress={() => void save()} />
    </View>
  )
}

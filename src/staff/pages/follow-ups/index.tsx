import { View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  followUpMethodLabels,
  followUpMethods,
  satisfactionLabels,
  serviceDeskContract,
  serviceDeskRoles,
  timeOfDaySchema,
  type DeskAppointment,
  type FollowUpMethod,
} from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import {
  addVillageDays,
  formatVillageDate,
  villageDayOf,
  villageDayStart,
} from '../../../../types/village-time'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { ariaRole } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import AppointmentCard from '../../components/appointment-card'
import { BackLink } from '../../components/navigation'
import { villageClock } from '../../components/time'
import '../../components/staff.css'

const scores = ['5', '4', '3', '2', '1'] as const
const scoreLabels = Object.fromEntries(
  scores.map((s) => [s, satisfactionLabels[Number(s)]]),
) as Record<(typeof scores)[number], string>

/** The instant of `HH:mm` on a village day. */
function villageInstant(day: string, time: string): string {
  const [hours, minutes] = time.split(':').map(Number)
  return new Date(Date.parse(villageDayStart(day)) + (hours * 60 + minutes) * 60_000).toISOString()
}

/** 回访: every finished matter waits here until its follow-up is recorded (结必访). */
export default function FollowUpsPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="回访" area="服务台" className="staff-page">
      <FollowUps />
    </RoleGate>
  )
}

function FollowUps() {
  const query = useQuery('serviceDesk', 'followUps')
  const [recorded, setRecorded] = useState<string[]>([])
  const waiting = (query.data ?? []).filter((a) => !recorded.includes(a.id))
  return (
    <PageShell
      className="staff-page"
      title="回访"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      {query.data ? (
        <>
          <View className="vh-muted">办结的事项都要回访；记下回访后，事项就归档了。</View>
          {recorded.length ? (
            <View className="vh-success" {...ariaRole('status')}>
              已记下 {recorded.length} 次回访，已归档
            </View>
          ) : null}
          {waiting.length === 0 ? (
            <View className="vh-empty">没有等待回访的事项</View>
          ) : (
            <View {...ariaRole('list')}>
              {waiting.map((appointment) => (
                <AppointmentCard key={appointment.id} appointment={appointment} showTime>
                  <FollowUpForm
                    appointment={appointment}
                    onRecorded={() => setRecorded((ids) => [...ids, appointment.id])}
                  />
                </AppointmentCard>
              ))}
            </View>
          )}
        </>
      ) : null}
      <BackLink />
    </PageShell>
  )
}

function FollowUpForm({
  appointment,
  onRecorded,
}: {
  appointment: DeskAppointment
  onRecorded: () => void
}) {
  const today = villageDayOf(new Date())
  const [open, setOpen] = useState(false)
  const [method, setMethod] = useState<FollowUpMethod | null>(null)
  const [day, setDay] = useState(today)
  const [time, setTime] = useState(() => villageClock(new Date().toISOString()))
  const [score, setScore] = useState<(typeof scores)[number] | null>(null)
  const [remarks, setRemarks] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState(false)

  if (!open) {
    return (
      <View className="staff-actions">
        <Button className="staff-button" type="primary" onClick={() => setOpen(true)}>
          记录回访
        </Button>
      </View>
    )
  }

  const submit = async () => {
    setError(null)
    // A choice not made is said as such (the schema would call it 不在可选范围内).
    if (!method) {
      setError({ field: 'method', message: '请选怎么回访的' })
      return
    }
    if (!score) {
      setError({ field: 'satisfaction', message: '请选村民满意不满意' })
      return
    }
    const clock = timeOfDaySchema.safeParse(time.trim())
    if (!clock.success) {
      setError({ field: 'followedUpAt', message: clock.error.issues[0].message })
      return
    }
    const checked = validate(serviceDeskContract.recordFollowUp.input, {
      appointmentId: appointment.id,
      method,
      followedUpAt: villageInstant(day, clock.data),
      satisfaction: Number(score),
      remarks,
    })
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    if (Date.parse(checked.data.followedUpAt) > Date.now()) {
      setError({ field: 'followedUpAt', message: '回访时间不能晚于现在' })
      return
    }
    setBusy(true)
    try {
      await call('serviceDesk', 'recordFollowUp', checked.data)
      onRecorded()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有记下，请重试'))
      setBusy(false)
    }
  }

  return (
    <View className="follow-up-form">
      <View className="staff-field">
        <View className="staff-field__label">怎么回访的</View>
        <ChoiceButtons
          options={followUpMethods}
          labels={followUpMethodLabels}
          value={method}
          onChange={setMethod}
        />
        <FieldMessage error={error} field="method" />
      </View>
      <View className="staff-field">
        <View className="staff-field__label">回访时间</View>
        <View className="staff-field__line">
          <Button
            className="staff-button"
            fill="outline"
            onClick={() => setDay(addVillageDays(day, -1))}
          >
            前一天
          </Button>
          <View className="vh-text">
            {formatVillageDate(day)}
            {day === today ? '（今天）' : ''}
          </View>
          {day < today ? (
            <Button
              className="staff-button"
              fill="outline"
              onClick={() => setDay(addVillageDays(day, 1))}
            >
              后一天
            </Button>
          ) : null}
        </View>
        <Input
          className="staff-input"
          value={time}
          placeholder="几点几分，如 09:30"
          maxLength={5}
          onChange={setTime}
        />
        <FieldMessage error={error} field="followedUpAt" />
      </View>
      <View className="staff-field">
        <View className="staff-field__label">村民满意吗</View>
        <ChoiceButtons options={scores} labels={scoreLabels} value={score} onChange={setScore} />
        <FieldMessage error={error} field="satisfaction" />
      </View>
      <View className="staff-field">
        <View className="staff-field__label">备注（可以不写）</View>
        <TextArea
          className="staff-input"
          value={remarks}
          placeholder="村民说的话、还要跟进的事"
          maxLength={inputMaxLength(200)}
          autoSize
          onChange={setRemarks}
        />
        <FieldMessage error={error} field="remarks" />
      </View>
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="appointmentId" />
      <View className="staff-actions">
        <Button
          className="staff-button"
          type="primary"
          disabled={busy}
          loading={busy}
          onClick={() => void submit()}
        >
          记下回访并归档
        </Button>
        <Button className="staff-button" fill="outline" onClick={() => setOpen(false)}>
          先不记
        </Button>
      </View>
    </View>
  )
}

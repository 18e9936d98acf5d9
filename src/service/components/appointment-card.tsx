import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  appointmentEventLabels,
  appointmentStatusLabels,
  appointmentStepLabels,
  appointmentSteps,
  satisfactionLabels,
  serviceCenterContract,
  stepsReached,
  type Appointment,
} from '../../../types/service-center'
import { validate, type FieldError } from '../../../types/validation'
import { formatVillageDateTime, formatVillageTime } from '../../../types/village-time'
import ChoiceButtons from '../../components/choice-buttons'
import FieldMessage from '../../components/field-message'
import type { ConfirmRequest } from '../../components/confirm-dialog'
import { call, fieldErrorOf } from '../../services/api'
import { ariaRole } from '../../utils/a11y'
import { inputMaxLength } from '../../utils/input-max-length'
import { Line, MaterialList } from './service-facts'

/** Statuses that ended without the matter being done: no steps to show, the reason instead. */
const endedEarly = new Set(['cancelled', 'rejected', 'noShow'])

/** 受理 → 办理 → 办结 → 回访 → 归档, the steps reached marked. */
export function Timeline({ appointment }: { appointment: Pick<Appointment, 'status'> }) {
  const reached = stepsReached(appointment.status)
  return (
    <View className="service-steps" {...ariaRole('list')} aria-label="办理进度">
      {appointmentSteps.map((step, index) => {
        const done = index <= reached
        return (
          <View
            key={step}
            className={done ? 'service-step service-step--reached' : 'service-step'}
            {...ariaRole('listitem')}
            aria-label={`${appointmentStepLabels[step]}，${done ? '已完成' : '还没到'}`}
          >
            <View className="service-step__dot">{done ? '✓' : index + 1}</View>
            <Text>{appointmentStepLabels[step]}</Text>
          </View>
        )
      })}
    </View>
  )
}

interface CardProps {
  appointment: Appointment
  /** The page's confirm dialog (src/components/confirm-dialog). */
  ask: (request: ConfirmRequest) => void
  /** Called with the appointment as the server answered after a change. */
  onChanged: () => void
}

/** One of my appointments: when, where it stands, what to bring; cancel or rate it when I may. */
export default function AppointmentCard({ appointment, ask, onChanged }: CardProps) {
  const [showMaterials, setShowMaterials] = useState(false)
  const ended = endedEarly.has(appointment.status)
  return (
    <View className="vh-card service-card">
      <View className="service-card__head">
        <Text className="service-card__name">{appointment.serviceName}</Text>
        <Text className={`vh-tag service-status service-status--${appointment.status}`}>
          {appointmentStatusLabels[appointment.status]}
        </Text>
      </View>
      <Line label="时间">
        {formatVillageDateTime(appointment.start)}–{formatVillageTime(appointment.end)}
      </Line>
      <Line label="联系人">
        {appointment.contactName} {appointment.contactPhone}
      </Line>
      {appointment.homeVisit ? <Line label="上门地址">{appointment.address}</Line> : null}
      {appointment.proxyFor ? <Line label="替谁办">{appointment.proxyFor}</Line> : null}
      {appointment.note ? <Line label="备注">{appointment.note}</Line> : null}
      {appointment.result ? <Line label="办理结果">{appointment.result}</Line> : null}
      {ended ? null : <Timeline appointment={appointment} />}

      <View className="service-events" {...ariaRole('list')} aria-label="经过">
        {appointment.events.map((event, index) => (
          <View key={index} className="service-event" {...ariaRole('listitem')}>
            {formatVillageDateTime(event.at)} {appointmentEventLabels[event.kind]}（{event.by}）
            {event.slotStart ? `，改到 ${formatVillageDateTime(event.slotStart)}` : ''}
            {event.reason ? `：${event.reason}` : ''}
          </View>
        ))}
      </View>

      {appointment.rating ? (
        <View className="vh-text">
          我的评价：{appointment.rating.score} 分 {satisfactionLabels[appointment.rating.score]}
          {appointment.rating.comment ? `，${appointment.rating.comment}` : ''}
        </View>
      ) : null}

      <View className="service-actions">
        <Button
          className="service-button"
          fill="outline"
          onClick={() => setShowMaterials(!showMaterials)}
        >
          {showMaterials ? '收起材料清单' : '看要带的材料'}
        </Button>
      </View>
      {showMaterials ? <MaterialList materials={appointment.requiredMaterials} /> : null}
      {appointment.canCancel ? (
        <CancelForm appointment={appointment} ask={ask} onChanged={onChanged} />
      ) : null}
      {appointment.canRate ? <RateForm appointment={appointment} onChanged={onChanged} /> : null}
    </View>
  )
}

function CancelForm({ appointment, ask, onChanged }: CardProps) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const [sending, setSending] = useState(false)
  if (!open) {
    return (
      <View className="service-actions">
        <Button className="service-button" fill="outline" onClick={() => setOpen(true)}>
          取消预约
        </Button>
      </View>
    )
  }
  const cancel = async (data: { appointmentId: string; reason: string }) => {
    setSending(true)
    try {
      await call('serviceCenter', 'cancel', data)
      onChanged()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有取消成功，请重试'))
      setSending(false)
    }
  }
  const submit = () => {
    const checked = validate(
      serviceCenterContract.cancel.input,
      { appointmentId: appointment.id, reason },
      { reason: '取消原因' },
    )
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    setError(null)
    ask({
      title: '取消预约',
      message: `确定取消 ${formatVillageDateTime(appointment.start)} 的${appointment.serviceName}吗？`,
      confirmText: '确定取消',
      onConfirm: () => void cancel(checked.data),
    })
  }
  return (
    <View className="service-field">
      <View className="service-field__label">为什么取消</View>
      <TextArea
        className="service-input"
        value={reason}
        placeholder="如：那天有事，改天再约"
        maxLength={inputMaxLength(200)}
        autoSize
        onChange={setReason}
      />
      <FieldMessage error={error} field="reason" />
      <FieldMessage error={error} field="" />
      <View className="service-actions">
        <Button
          className="service-button"
          type="primary"
          disabled={sending}
          loading={sending}
          onClick={submit}
        >
          确认取消
        </Button>
        <Button className="service-button" fill="outline" onClick={() => setOpen(false)}>
          不取消了
        </Button>
      </View>
    </View>
  )
}

const scores = ['5', '4', '3', '2', '1'] as const
const scoreLabels = Object.fromEntries(
  scores.map((score) => [score, `${score} 分 ${satisfactionLabels[Number(score)]}`]),
) as Record<(typeof scores)[number], string>

function RateForm({ appointment, onChanged }: Omit<CardProps, 'ask'>) {
  const [score, setScore] = useState<(typeof scores)[number] | null>(null)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const [sending, setSending] = useState(false)
  const submit = async () => {
    const checked = validate(
      serviceCenterContract.rate.input,
      { appointmentId: appointment.id, score: score ? Number(score) : undefined, comment },
      { score: '评分', comment: '评价' },
    )
    if (!checked.ok) {
      setError(
        checked.error.field === 'score' ? { field: 'score', message: '请先选几分' } : checked.error,
      )
      return
    }
    setError(null)
    setSending(true)
    try {
      await call('serviceCenter', 'rate', checked.data)
      onChanged()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有提交成功，请重试'))
      setSending(false)
    }
  }
  return (
    <View className="service-field">
      <View className="service-field__label">事情办好了，给个评价（只能评一次）</View>
      <ChoiceButtons options={scores} labels={scoreLabels} value={score} onChange={setScore} />
      <FieldMessage error={error} field="score" />
      <View className="vh-gap" />
      <TextArea
        className="service-input"
        value={comment}
        placeholder="想说的话（可以不写）"
        maxLength={inputMaxLength(200)}
        autoSize
        onChange={setComment}
      />
      <FieldMessage error={error} field="comment" />
      <FieldMessage error={error} field="" />
      <Button
        className="service-button"
        type="primary"
        block
        disabled={sending}
        loading={sending}
        onClick={() => void submit()}
      >
        提交评价
      </Button>
    </View>
  )
}

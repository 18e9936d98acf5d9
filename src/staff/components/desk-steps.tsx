import { View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  canTransition,
  serviceDeskContract,
  type DeskAppointment,
} from '../../../types/service-center'
import { validate, type FieldError } from '../../../types/validation'
import { useConfirm } from '../../components/confirm-dialog'
import FieldMessage from '../../components/field-message'
import { ApiCallError, call, fieldErrorOf } from '../../services/api'
import { ariaRole } from '../../utils/a11y'
import { inputMaxLength } from '../../utils/input-max-length'
import { MoveSlotPicker } from './slot-picker'

type Step = 'confirm' | 'reject' | 'move' | 'checkIn' | 'finish' | 'markNoShow'
/** The steps that need words (and for a move a new slot) before they are sent. */
type Form = 'reject' | 'move' | 'finish'

const done: Record<Step, string> = {
  confirm: '已确认',
  reject: '已记为不受理',
  move: '已改时间，村民会收到消息',
  checkIn: '已登记到场',
  finish: '已办结，等待回访',
  markNoShow: '已记为未到场',
}

const formWords: Record<Form, { label: string; placeholder: string; send: string }> = {
  reject: { label: '不受理的原因', placeholder: '村民会看到这个原因', send: '确定不受理' },
  move: { label: '改时间的原因', placeholder: '村民会看到这个原因', send: '确定改时间' },
  finish: { label: '办理结果', placeholder: '例如：证明已开具，交给本人', send: '确定办结' },
}

/** The steps an appointment's status allows, each one press (and a few words where needed). */
export default function DeskSteps({
  appointment,
  onChanged,
}: {
  appointment: DeskAppointment
  onChanged: () => Promise<void>
}) {
  const [form, setForm] = useState<Form | null>(null)
  const [words, setWords] = useState('')
  const [slotStart, setSlotStart] = useState<string | null>(null)
  const [busy, setBusy] = useState<Step | null>(null)
  const [error, setError] = useState<FieldError | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const { ask, dialog } = useConfirm()
  const appointmentId = appointment.id
  const can = (step: Step) => canTransition(step, appointment.status)

  const run = async (step: Step, input: unknown) => {
    setError(null)
    setStatus(null)
    const checked = validate(serviceDeskContract[step].input, input)
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    setBusy(step)
    try {
      // The contract's own schema checked it: the call is typed per step.
      await (call as (f: 'serviceDesk', a: Step, d: unknown) => Promise<DeskAppointment>)(
        'serviceDesk',
        step,
        checked.data,
      )
      setForm(null)
      setWords('')
      setSlotStart(null)
      setStatus(done[step])
      await onChanged()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有办成，请重试'))
      // Someone else took a step first: show where the appointment stands now.
      if (
        caught instanceof ApiCallError &&
        ['CONFLICT', 'FAILED_PRECONDITION'].includes(caught.code)
      ) {
        void onChanged()
      }
    } finally {
      setBusy(null)
    }
  }

  const send = (which: Form) => {
    if (which === 'reject') void run('reject', { appointmentId, reason: words })
    if (which === 'finish') void run('finish', { appointmentId, result: words })
    if (which === 'move') {
      if (!slotStart) setError({ field: 'slotStart', message: '请选一个新的时段' })
      else void run('move', { appointmentId, slotStart, reason: words })
    }
  }

  const button = (step: Step, label: string, onPress: () => void, primary = false) => (
    <Button
      key={step}
      className="staff-button"
      type={primary ? 'primary' : 'default'}
      disabled={busy !== null}
      loading={busy === step}
      onClick={onPress}
    >
      {label}
    </Button>
  )
  const open = (which: Form) => () => {
    setError(null)
    setForm(form === which ? null : which)
  }

  return (
    <View className="desk-steps">
      <View className="staff-actions">
        {can('confirm')
          ? button('confirm', '确认', () => void run('confirm', { appointmentId }), true)
          : null}
        {can('checkIn')
          ? button(
              'checkIn',
              '登记到场',
              () => void run('checkIn', { appointmentId }),
              !can('confirm'),
            )
          : null}
        {can('finish') ? button('finish', '办结', open('finish'), true) : null}
        {can('reject') ? button('reject', '不受理', open('reject')) : null}
        {can('move') ? button('move', '改时间', open('move')) : null}
        {can('markNoShow')
          ? button('markNoShow', '未到场', () =>
              ask({
                title: '记为未到场',
                message: `${appointment.contactName}没有来？记下后不能改回。多次未到场会暂停网上预约。`,
                confirmText: '记为未到场',
                onConfirm: () => void run('markNoShow', { appointmentId }),
              }),
            )
          : null}
      </View>
      {form === 'move' ? (
        <MoveSlotPicker
          serviceId={appointment.serviceId}
          except={appointment.start}
          value={slotStart}
          onChange={setSlotStart}
        />
      ) : null}
      {form ? (
        <View className="staff-field desk-steps__form">
          <View className="staff-field__label">{formWords[form].label}</View>
          <TextArea
            className="staff-input"
            value={words}
            placeholder={formWords[form].placeholder}
            maxLength={inputMaxLength(200)}
            autoSize
            onChange={setWords}
          />
          <FieldMessage error={error} field={form === 'finish' ? 'result' : 'reason'} />
          <FieldMessage error={error} field="slotStart" />
          <View className="staff-actions">
            <Button
              className="staff-button"
              type="primary"
              disabled={busy !== null}
              loading={busy === form}
              onClick={() => send(form)}
            >
              {formWords[form].send}
            </Button>
            <Button className="staff-button" fill="outline" onClick={() => setForm(null)}>
              先不{form === 'finish' ? '办结' : form === 'move' ? '改' : '处理'}
            </Button>
          </View>
        </View>
      ) : null}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="appointmentId" />
      {status ? (
        <View className="vh-success" {...ariaRole('status')}>
          {status}
        </View>
      ) : null}
      {dialog}
    </View>
  )
}

import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { ActionInput } from '../../../../types/contract'
import { bookInput, type Service } from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import { formatVillageDateTime, formatVillageTime } from '../../../../types/village-time'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage, {
  FormField,
  fieldDomId,
  scrollToField,
} from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import { useSubscribeTemplates } from '../../../hooks/use-subscribe-templates'
import { ApiCallError, call, fieldErrorOf } from '../../../services/api'
import { servicePages } from '../../../services/service-pages'
import { askForSubscription } from '../../../services/subscribe'
import { ariaRole } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink, pageParam } from '../../components/navigation'
import { Line } from '../../components/service-facts'
import SlotPicker from '../../components/slot-picker'
import '../../components/service.css'

type LastContact = { contactName: string; contactPhone: string } | null

/** Booking, screens 2 and 3: who to contact, a note, a home visit or 代办, then 确认预约. */
export default function BookPage() {
  const { params } = useRouter()
  const serviceId = pageParam(params.serviceId)
  const slotStart = pageParam(params.slotStart)
  const service = useQuery('serviceCenter', 'service', { serviceId })
  const last = useQuery('serviceCenter', 'lastContact')
  const loaded = service.data && last.data !== undefined
  return (
    <PageShell
      className="service-page"
      title="填写预约"
      loading={!loaded && (service.loading || last.loading)}
      error={serviceId && slotStart ? (service.error ?? last.error) : '没有选好时段，请返回重选'}
      onRetry={() => void Promise.all([service.reload(), last.reload()])}
    >
      {service.data && last.data !== undefined ? (
        <BookingForm service={service.data} last={last.data} initialSlot={slotStart} />
      ) : null}
      <BackLink label="返回重选时间" />
    </PageShell>
  )
}

interface Draft {
  contactName: string
  /** Empty: the phone of my last booking, which the server keeps. */
  contactPhone: string
  note: string
  homeVisit: boolean
  address: string
  proxy: boolean
  proxyFor: string
}

const labels: Record<string, string> = {
  contactName: '联系人',
  // “电话” so the schema's own sentence reads whole: 电话号码格式不对, 电话不能为空.
  contactPhone: '电话',
  note: '备注',
  address: '上门地址',
  proxyFor: '替谁办',
}

const whereOptions = ['center', 'home'] as const
const whereLabels = { center: '到服务中心办', home: '请工作人员上门' }
const forOptions = ['self', 'family'] as const
const forLabels = { self: '给自己办', family: '替家里人办' }

function BookingForm(props: { service: Service; last: LastContact; initialSlot: string }) {
  const { service, last } = props
  const templateIds = useSubscribeTemplates('appointment')
  const [slotStart, setSlotStart] = useState(props.initialSlot)
  const [draft, setDraft] = useState<Draft>({
    contactName: last?.contactName ?? '',
    contactPhone: '',
    note: '',
    homeVisit: false,
    address: '',
    proxy: false,
    proxyFor: '',
  })
  const [newPhone, setNewPhone] = useState(!last)
  const [error, setError] = useState<FieldError | null>(null)
  /** Set when the slot was taken meanwhile: said plainly, with the slots counted again. */
  const [slotTaken, setSlotTaken] = useState<{ message: string; attempt: number } | null>(null)
  const [sending, setSending] = useState(false)
  const edit = (changes: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...changes }))
    // A field's message goes once the field is changed, so a corrected value is not still marked.
    if (error && error.field in changes) setError(null)
  }
  const slotEnd = new Date(Date.parse(slotStart) + service.slotMinutes * 60_000).toISOString()

  const send = async (data: ActionInput<'serviceCenter', 'book'>, asked: Promise<unknown>) => {
    setSending(true)
    try {
      const appointment = await call('serviceCenter', 'book', data)
      await asked
      await Taro.redirectTo({ url: `${servicePages.mine}?booked=${appointment.status}` })
    } catch (caught) {
      if (
        caught instanceof ApiCallError &&
        (caught.code === 'RESOURCE_EXHAUSTED' || caught.field === 'slotStart')
      ) {
        setSlotTaken((old) => ({ message: caught.message, attempt: (old?.attempt ?? 0) + 1 }))
        scrollToField('slotStart')
      } else {
        const failed = fieldErrorOf(caught, '没有约成功，请重试')
        setError(failed)
        scrollToField(failed.field)
      }
    } finally {
      setSending(false)
    }
  }

  const submit = () => {
    setError(null)
    const checked = validate(
      bookInput,
      {
        serviceId: service.id,
        slotStart,
        contactName: draft.contactName,
        ...(newPhone ? { contactPhone: draft.contactPhone } : {}),
        note: draft.note,
        homeVisit: draft.homeVisit,
        address: draft.homeVisit ? draft.address : '',
        proxyFor: draft.proxy ? draft.proxyFor : '',
      },
      labels,
    )
    const problem = !checked.ok
      ? checked.error
      : draft.homeVisit && !checked.data.address
        ? { field: 'address', message: '上门办理要写上地址' }
        : draft.proxy && !checked.data.proxyFor
          ? { field: 'proxyFor', message: '请写上替谁办（家里人的名字）' }
          : null
    if (problem || !checked.ok) {
      if (problem) {
        setError(problem)
        scrollToField(problem.field)
      }
      return
    }
    // WeChat shows its subscribe dialog only straight from a tap, so it is asked before anything
    // is awaited; the booking goes out meanwhile.
    const asked =
      templateIds.length > 0 ? askForSubscription(templateIds).catch(() => 'failed') : null
    void send(checked.data, asked ?? Promise.resolve())
  }

  return (
    <View>
      <View className="vh-card" id={fieldDomId('slotStart')}>
        <Line label="办什么">{service.name}</Line>
        <Line label="时间">
          {formatVillageDateTime(slotStart)}–{formatVillageTime(slotEnd)}
        </Line>
        {slotTaken ? (
          <>
            <View className="service-notice service-notice--error" {...ariaRole('alert')}>
              {slotTaken.message}
            </View>
            <Repick
              key={slotTaken.attempt}
              serviceId={service.id}
              onPick={(start) => {
                setSlotStart(start)
                setSlotTaken(null)
              }}
            />
          </>
        ) : null}
      </View>

      <FormField block="service-field" label="联系人" field="contactName" error={error}>
        <Input
          className="service-input"
          value={draft.contactName}
          placeholder="您的名字"
          maxLength={inputMaxLength(20)}
          onChange={(contactName) => edit({ contactName })}
        />
      </FormField>
      <FormField block="service-field" label="联系电话" field="contactPhone" error={error}>
        {newPhone ? (
          <Input
            className="service-input"
            type="tel"
            value={draft.contactPhone}
            placeholder="手机号或座机号"
            maxLength={inputMaxLength(20)}
            onChange={(contactPhone) => edit({ contactPhone })}
          />
        ) : (
          <View className="service-actions">
            <View className="vh-text">{last?.contactPhone}（上次留的号码）</View>
            <Button className="service-button" fill="outline" onClick={() => setNewPhone(true)}>
              换一个号码
            </Button>
          </View>
        )}
      </FormField>
      {service.homeVisit ? (
        <FormField block="service-field" label="在哪里办" field="homeVisit" error={error}>
          <ChoiceButtons
            options={whereOptions}
            labels={whereLabels}
            value={draft.homeVisit ? 'home' : 'center'}
            onChange={(where) => edit({ homeVisit: where === 'home' })}
          />
        </FormField>
      ) : null}
      {draft.homeVisit ? (
        <FormField block="service-field" label="上门地址" field="address" error={error}>
          <Input
            className="service-input"
            value={draft.address}
            placeholder="如：石龙村三组 12 号"
            maxLength={inputMaxLength(100)}
            onChange={(address) => edit({ address })}
          />
        </FormField>
      ) : null}
      {service.proxyService ? (
        <FormField block="service-field" label="给谁办" field="proxy" error={error}>
          <ChoiceButtons
            options={forOptions}
            labels={forLabels}
            value={draft.proxy ? 'family' : 'self'}
            onChange={(who) => edit({ proxy: who === 'family' })}
          />
        </FormField>
      ) : null}
      {draft.proxy ? (
        <FormField block="service-field" label="替谁办" field="proxyFor" error={error}>
          <Input
            className="service-input"
            value={draft.proxyFor}
            placeholder="家里人的名字"
            maxLength={inputMaxLength(20)}
            onChange={(proxyFor) => edit({ proxyFor })}
          />
        </FormField>
      ) : null}
      <FormField block="service-field" label="备注（可以不写）" field="note" error={error}>
        <TextArea
          className="service-input"
          value={draft.note}
          placeholder="想让工作人员先知道的事"
          maxLength={inputMaxLength(200)}
          autoSize
          onChange={(note) => edit({ note })}
        />
      </FormField>

      <FieldMessage error={error} field="" />
      <Button
        className="service-button"
        type="primary"
        block
        disabled={sending || Boolean(slotTaken)}
        loading={sending}
        onClick={submit}
      >
        确认预约
      </Button>
    </View>
  )
}

/** The service's slots counted again, after the chosen one filled up. */
function Repick({ serviceId, onPick }: { serviceId: string; onPick: (start: string) => void }) {
  const availability = useQuery('serviceCenter', 'availability', { serviceId })
  if (availability.error) {
    return (
      <View className="service-actions">
        <View className="vh-danger">{availability.error.message}</View>
        <Button
          className="service-button"
          fill="outline"
          onClick={() => void availability.reload()}
        >
          重新查时段
        </Button>
      </View>
    )
  }
  if (!availability.data) {
    return (
      <View className="vh-muted" {...ariaRole('status')}>
        正在查还有空位的时段…
      </View>
    )
  }
  return (
    <SlotPicker days={availability.data} value={null} onChange={(slot) => onPick(slot.start)} />
  )
}

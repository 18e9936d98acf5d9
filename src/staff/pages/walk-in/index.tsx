import { View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  appointmentChannelLabels,
  serviceDeskContract,
  serviceDeskRoles,
  type DeskAppointment,
  type Service,
} from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import { formatVillageDateTime } from '../../../../types/village-time'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage, { fieldDomId, scrollToField } from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { ariaRole } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../components/navigation'
import SlotPicker from '../../components/slot-picker'
import '../../components/staff.css'

const channels = ['walkIn', 'phoneCall'] as const

/** 登记来访/来电: a booking for a villager who came in or called, e.g. one without a phone. */
export default function WalkInPage() {
  return (
    <RoleGate roles={serviceDeskRoles} title="登记来访/来电" area="服务台" className="staff-page">
      <WalkIn />
    </RoleGate>
  )
}

function WalkIn() {
  const services = useQuery('serviceDesk', 'services')
  const active = (services.data ?? []).filter((service) => service.active)
  const [registered, setRegistered] = useState<DeskAppointment | null>(null)
  // Keyed so that 再登记一个 starts from an empty form.
  const [formKey, setFormKey] = useState(0)
  return (
    <PageShell
      className="staff-page"
      title="登记来访/来电"
      loading={services.loading && !services.data}
      error={services.error}
      onRetry={services.reload}
    >
      {registered ? (
        <View className="vh-card" {...ariaRole('status')}>
          <View className="vh-success">已登记：{registered.contactName}</View>
          <View className="staff-line">
            {registered.serviceName} · {formatVillageDateTime(registered.start)}
          </View>
          <View className="staff-actions">
            <Button
              className="staff-button"
              type="primary"
              onClick={() => {
                setRegistered(null)
                setFormKey(formKey + 1)
              }}
            >
              再登记一个
            </Button>
          </View>
        </View>
      ) : services.data && active.length === 0 ? (
        <View className="vh-empty">还没有开放的服务事项，请先在“服务事项”里添加</View>
      ) : services.data ? (
        <WalkInForm key={formKey} services={active} onRegistered={setRegistered} />
      ) : null}
      <BackLink />
    </PageShell>
  )
}

function WalkInForm({
  services,
  onRegistered,
}: {
  services: Service[]
  onRegistered: (appointment: DeskAppointment) => void
}) {
  const [channel, setChannel] = useState<(typeof channels)[number]>('walkIn')
  const [serviceId, setServiceId] = useState<string | null>(null)
  const [slotStart, setSlotStart] = useState<string | null>(null)
  const [contactName, setContactName] = useState('')
  const [contactPhone, setContactPhone] = useState('')
  const [note, setNote] = useState('')
  const [homeVisit, setHomeVisit] = useState<'no' | 'yes'>('no')
  const [address, setAddress] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState(false)
  const service = services.find((s) => s.id === serviceId)

  const submit = async () => {
    setError(null)
    const checked = validate(serviceDeskContract.registerWalkIn.input, {
      channel,
      serviceId: serviceId ?? undefined,
      slotStart: slotStart ?? undefined,
      contactName,
      contactPhone: contactPhone.trim() || undefined,
      note,
      homeVisit: homeVisit === 'yes',
      address: homeVisit === 'yes' ? address : '',
    })
    if (!checked.ok) {
      setError(checked.error)
      scrollToField(checked.error.field)
      return
    }
    if (checked.data.homeVisit && !checked.data.address) {
      setError({ field: 'address', message: '上门服务要填写地址' })
      return
    }
    setBusy(true)
    try {
      onRegistered(await call('serviceDesk', 'registerWalkIn', checked.data))
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有登记成功，请重试'))
      setBusy(false)
    }
  }

  return (
    <View className="vh-card">
      <View className="staff-field">
        <View className="staff-field__label">怎么来的</View>
        <ChoiceButtons
          options={channels}
          labels={appointmentChannelLabels}
          value={channel}
          onChange={setChannel}
        />
      </View>
      <View className="staff-field" id={fieldDomId('serviceId')}>
        <View className="staff-field__label">办什么事</View>
        <ChoiceButtons
          options={services.map((s) => s.id)}
          labels={Object.fromEntries(services.map((s) => [s.id, s.name]))}
          value={serviceId}
          onChange={(id) => {
            setServiceId(id)
            setSlotStart(null)
            setHomeVisit('no')
          }}
        />
        <FieldMessage error={error} field="serviceId" />
      </View>
      {serviceId ? (
        <View id={fieldDomId('slotStart')}>
          <SlotPicker
            key={serviceId}
            serviceId={serviceId}
            value={slotStart}
            onChange={setSlotStart}
          />
          <FieldMessage error={error} field="slotStart" />
        </View>
      ) : null}
      <View className="staff-field" id={fieldDomId('contactName')}>
        <View className="staff-field__label">村民姓名</View>
        <Input
          className="staff-input"
          value={contactName}
          placeholder="村民的名字"
          maxLength={inputMaxLength(20)}
          onChange={setContactName}
        />
        <FieldMessage error={error} field="contactName" />
      </View>
      <View className="staff-field" id={fieldDomId('contactPhone')}>
        <View className="staff-field__label">联系电话（没有可以不填）</View>
        <Input
          className="staff-input"
          type="tel"
          value={contactPhone}
          placeholder="手机或座机号码"
          maxLength={20}
          onChange={setContactPhone}
        />
        <FieldMessage error={error} field="contactPhone" />
      </View>
      {service?.homeVisit ? (
        <View className="staff-field" id={fieldDomId('address')}>
          <View className="staff-field__label">上门服务</View>
          <ChoiceButtons
            options={['no', 'yes'] as const}
            labels={{ no: '到中心办', yes: '上门办' }}
            value={homeVisit}
            onChange={setHomeVisit}
          />
          {homeVisit === 'yes' ? (
            <>
              <View className="staff-field__label">地址</View>
              <Input
                className="staff-input"
                value={address}
                placeholder="几组几号"
                maxLength={inputMaxLength(100)}
                onChange={setAddress}
              />
            </>
          ) : null}
          <FieldMessage error={error} field="address" />
        </View>
      ) : null}
      <View className="staff-field" id={fieldDomId('note')}>
        <View className="staff-field__label">备注（可以不写）</View>
        <TextArea
          className="staff-input"
          value={note}
          placeholder="可以不写"
          maxLength={inputMaxLength(200)}
          autoSize
          onChange={setNote}
        />
        <FieldMessage error={error} field="note" />
      </View>
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="channel" />
      <Button
        className="staff-button"
        type="primary"
        block
        disabled={busy}
        loading={busy}
        onClick={() => void submit()}
      >
        登记
      </Button>
    </View>
  )
}

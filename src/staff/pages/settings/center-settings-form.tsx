import { View } from '@tarojs/components'
import { Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { serviceDeskContract, type CenterSettings } from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import FieldMessage from '../../../components/field-message'
import { call, fieldErrorOf } from '../../../services/api'
import { inputMaxLength } from '../../../utils/input-max-length'
import { parseWholeNumber } from '../../../admin/components/numbers'
import SaveRow from '../../components/save-row'

type NumberKey = Exclude<keyof CenterSettings, 'address' | 'openingHours'>

const numberFields: { key: NumberKey; label: string; unit: string; hint?: string }[] = [
  { key: 'bookingWindowDays', label: '可以预约几天内的', unit: '天', hint: '含今天' },
  { key: 'minNoticeMinutes', label: '最少提前多久预约', unit: '分钟' },
  { key: 'cancelCutoffMinutes', label: '最晚提前多久取消', unit: '分钟' },
  { key: 'noShowLimit', label: '爽约几次暂停网上预约', unit: '次', hint: '0 表示不暂停' },
  { key: 'noShowWindowDays', label: '爽约次数统计最近', unit: '天' },
  { key: 'noShowBlockDays', label: '暂停网上预约', unit: '天' },
]

/** The center's address, hours, booking window and notice, and the no-show rule. */
export default function CenterSettingsForm({ saved }: { saved: CenterSettings }) {
  const [address, setAddress] = useState(saved.address)
  const [openingHours, setOpeningHours] = useState(saved.openingHours)
  const [numbers, setNumbers] = useState(
    () =>
      Object.fromEntries(numberFields.map(({ key }) => [key, String(saved[key])])) as Record<
        NumberKey,
        string
      >,
  )
  const [error, setError] = useState<FieldError | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    setError(null)
    setStatus(null)
    const checked = validate(serviceDeskContract.saveSettings.input, {
      address,
      openingHours,
      ...Object.fromEntries(numberFields.map(({ key }) => [key, parseWholeNumber(numbers[key])])),
    })
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    setBusy(true)
    try {
      await call('serviceDesk', 'saveSettings', checked.data)
      setStatus('已保存')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="vh-card">
      <View className="staff-field">
        <View className="staff-field__label">地址</View>
        <Input
          className="staff-input"
          value={address}
          placeholder="服务中心在哪里"
          maxLength={inputMaxLength(100)}
          onChange={setAddress}
        />
        <FieldMessage error={error} field="address" />
      </View>
      <View className="staff-field">
        <View className="staff-field__label">办公时间（写给村民看）</View>
        <TextArea
          className="staff-input"
          value={openingHours}
          placeholder="如：周一至周五 8:30–17:30，午休 12:00–14:00"
          maxLength={inputMaxLength(200)}
          autoSize
          onChange={setOpeningHours}
        />
        <FieldMessage error={error} field="openingHours" />
      </View>
      {numberFields.map(({ key, label, unit, hint }) => (
        <View key={key} className="staff-field">
          <View className="staff-field__label">
            {label}
            {hint ? `（${hint}）` : ''}
          </View>
          <View className="staff-field__line">
            <Input
              className="staff-input"
              type="number"
              value={numbers[key]}
              placeholder="填数字"
              onChange={(value) => setNumbers((old) => ({ ...old, [key]: value }))}
            />
            <View className="vh-text">{unit}</View>
          </View>
          <FieldMessage error={error} field={key} />
        </View>
      ))}
      <FieldMessage error={error} field="" />
      <SaveRow label="保存预约规则" busy={busy} status={status} onPress={() => void save()} />
    </View>
  )
}

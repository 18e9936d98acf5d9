import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  ceremonyTypeLabels,
  giftLimitUpdateSchema,
  relationshipLabels,
  type GiftLimit,
} from '../../../../types/ceremony'
import { validate, type FieldError } from '../../../../types/validation'
import { call, fieldErrorOf } from '../../../services/api'
import FieldMessage from '../../components/field-message'
import { parseWholeNumber } from '../../components/numbers'

const labels = { maxAmount: '礼金上限', note: '说明' }

/** One gift limit (ceremony type × relationship) with its own 保存. */
export default function GiftLimitRow({ limit }: { limit: GiftLimit }) {
  const [saved, setSaved] = useState(limit)
  const [amount, setAmount] = useState(String(limit.maxAmount))
  const [note, setNote] = useState(limit.note)
  const [error, setError] = useState<FieldError | null>(null)
  const [saving, setSaving] = useState(false)
  /** A short word beside 保存 about the last press: saved, or nothing to save. */
  const [status, setStatus] = useState<string | null>(null)
  const name = `${ceremonyTypeLabels[limit.ceremonyType]} · ${relationshipLabels[limit.relationship]}`
  const changed = amount.trim() !== String(saved.maxAmount) || note !== saved.note

  const save = async () => {
    setError(null)
    if (!changed) {
      setStatus('没有改动，不用保存')
      return
    }
    const result = validate(
      giftLimitUpdateSchema,
      {
        ceremonyType: limit.ceremonyType,
        relationship: limit.relationship,
        maxAmount: parseWholeNumber(amount),
        note,
      },
      labels,
    )
    if (!result.ok) {
      setError(result.error)
      return
    }
    setSaving(true)
    try {
      const updated = await call('ceremony', 'updateGiftLimit', result.data)
      setSaved(updated)
      setAmount(String(updated.maxAmount))
      setNote(updated.note)
      setStatus('已保存')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
    } finally {
      setSaving(false)
    }
  }

  const edited = (apply: () => void) => {
    apply()
    setStatus(null)
  }

  return (
    <View className="vh-card limits-row">
      <View className="limits-row__name">{name}</View>
      <View className="limits-row__field">
        <View className="admin-field__label">礼金上限（元）</View>
        <Input
          className="admin-input"
          type="number"
          value={amount}
          placeholder="填数字，如 200"
          onChange={(value) => edited(() => setAmount(value))}
        />
        <FieldMessage error={error} field="maxAmount" />
      </View>
      <View className="limits-row__field">
        <View className="admin-field__label">说明（可以不写）</View>
        <Input
          className="admin-input"
          value={note}
          maxLength={200}
          placeholder="可以不写"
          onChange={(value) => edited(() => setNote(value))}
        />
        <FieldMessage error={error} field="note" />
      </View>
      <FieldMessage error={error} field="" />
      <View className="admin-actions limits-row__actions">
        {status ? <View className="vh-success limits-row__saved">{status}</View> : null}
        <Button
          className="admin-button"
          type="primary"
          disabled={saving}
          loading={saving}
          onClick={() => void save()}
        >
          保存
        </Button>
      </View>
    </View>
  )
}

import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { banquetLimitUpdateSchema, type BanquetLimit } from '../../../../types/ceremony'
import { validate, type FieldError } from '../../../../types/validation'
import { call, fieldErrorOf } from '../../../services/api'
import FieldMessage from '../../components/field-message'
import { parseWholeNumber } from '../../components/numbers'

type NumberField = Exclude<keyof BanquetLimit, 'note'>

const numberFields: { field: NumberField; label: string; unit: string }[] = [
  { field: 'maxTables', label: '酒席最多', unit: '桌' },
  { field: 'maxCostPerTable', label: '每桌最多', unit: '元' },
  { field: 'maxCigarettePrice', label: '香烟每包最多', unit: '元' },
  { field: 'maxLiquorPrice', label: '酒每瓶最多', unit: '元' },
  { field: 'maxCars', label: '婚车最多', unit: '辆' },
  { field: 'maxBridePrice', label: '彩礼最多', unit: '元' },
]

const labels: Record<string, string> = {
  ...Object.fromEntries(numberFields.map(({ field, label }) => [field, label])),
  note: '说明',
}

type Texts = Record<keyof BanquetLimit, string>

function toTexts(limit: BanquetLimit): Texts {
  return {
    ...(Object.fromEntries(
      numberFields.map(({ field }) => [field, String(limit[field])]),
    ) as Record<NumberField, string>),
    note: limit.note,
  }
}

/** The banquet limits (tables, cost, cigarettes, liquor, cars, bride price), saved together. */
export default function BanquetLimitForm({ limit }: { limit: BanquetLimit }) {
  const [saved, setSaved] = useState(() => toTexts(limit))
  const [texts, setTexts] = useState(saved)
  const [error, setError] = useState<FieldError | null>(null)
  const [saving, setSaving] = useState(false)
  /** A short word beside 保存 about the last press: saved, or nothing to save. */
  const [status, setStatus] = useState<string | null>(null)
  const changed = (Object.keys(texts) as (keyof Texts)[]).some((key) => texts[key] !== saved[key])

  const save = async () => {
    setError(null)
    if (!changed) {
      setStatus('没有改动，不用保存')
      return
    }
    const input = {
      ...Object.fromEntries(
        numberFields.map(({ field }) => [field, parseWholeNumber(texts[field])]),
      ),
      note: texts.note,
    }
    const result = validate(banquetLimitUpdateSchema, input, labels)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setSaving(true)
    try {
      const updated = toTexts(await call('ceremony', 'updateBanquetLimit', result.data))
      setSaved(updated)
      setTexts(updated)
      setStatus('已保存')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
    } finally {
      setSaving(false)
    }
  }

  const edit = (key: keyof Texts, value: string) => {
    setTexts((old) => ({ ...old, [key]: value }))
    setStatus(null)
  }

  return (
    <View className="vh-card limits-banquet">
      {numberFields.map(({ field, label, unit }) => (
        <View key={field} className="limits-banquet__field">
          <View className="limits-banquet__line">
            <View className="admin-field__label limits-banquet__label">{label}</View>
            <Input
              className="admin-input limits-banquet__input"
              type="number"
              value={texts[field]}
              placeholder="填数字"
              onChange={(value) => edit(field, value)}
            />
            <View className="limits-banquet__unit">{unit}</View>
          </View>
          <FieldMessage error={error} field={field} />
        </View>
      ))}
      <View className="admin-field__label">说明（可以不写）</View>
      <Input
        className="admin-input"
        value={texts.note}
        maxLength={500}
        placeholder="可以不写"
        onChange={(value) => edit('note', value)}
      />
      <FieldMessage error={error} field="note" />
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
          保存酒席标准
        </Button>
      </View>
    </View>
  )
}

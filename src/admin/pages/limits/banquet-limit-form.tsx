import { View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { banquetLimitUpdateSchema, type BanquetLimit } from '../../../../types/ceremony'
import { call } from '../../../services/api'
import FieldMessage from '../../../components/field-message'
import { LimitSaveBar, useLimitForm, type LimitTexts } from './limit-form'
import { inputMaxLength } from '../../../utils/input-max-length'

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

function toTexts(limit: BanquetLimit): LimitTexts<NumberField> {
  return {
    ...(Object.fromEntries(
      numberFields.map(({ field }) => [field, String(limit[field])]),
    ) as Record<NumberField, string>),
    note: limit.note,
  }
}

/** The banquet limits (tables, cost, cigarettes, liquor, cars, bride price), saved together. */
export default function BanquetLimitForm({ limit }: { limit: BanquetLimit }) {
  const form = useLimitForm({
    saved: toTexts(limit),
    schema: banquetLimitUpdateSchema,
    labels,
    send: async (input) => toTexts(await call('ceremony', 'updateBanquetLimit', input)),
  })

  return (
    <View className="vh-card limits-banquet">
      {numberFields.map(({ field, label, unit }) => (
        <View key={field} className="limits-banquet__field">
          <View className="limits-banquet__line">
            <View className="admin-field__label limits-banquet__label">{label}</View>
            <Input
              className="admin-input limits-banquet__input"
              type="number"
              value={form.texts[field]}
              placeholder="填数字"
              onChange={(value) => form.edit(field, value)}
            />
            <View className="limits-banquet__unit">{unit}</View>
          </View>
          <FieldMessage error={form.error} field={field} />
        </View>
      ))}
      <View className="admin-field__label">说明（可以不写）</View>
      <Input
        className="admin-input"
        value={form.texts.note}
        maxLength={inputMaxLength(500)}
        placeholder="可以不写"
        onChange={(value) => form.edit('note', value)}
      />
      <FieldMessage error={form.error} field="note" />
      <LimitSaveBar form={form} label="保存酒席标准" />
    </View>
  )
}

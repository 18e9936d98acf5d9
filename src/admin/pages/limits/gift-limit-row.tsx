import { View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import {
  ceremonyTypeLabels,
  giftLimitUpdateSchema,
  relationshipLabels,
  type GiftLimit,
} from '../../../../types/ceremony'
import { call } from '../../../services/api'
import FieldMessage from '../../../components/field-message'
import { LimitSaveBar, useLimitForm, type LimitTexts } from './limit-form'
import { inputMaxLength } from '../../../utils/input-max-length'

const labels = { maxAmount: '礼金上限', note: '说明' }

const toTexts = (limit: GiftLimit): LimitTexts<'maxAmount'> => ({
  maxAmount: String(limit.maxAmount),
  note: limit.note,
})

/** One gift limit (ceremony type × relationship) with its own 保存. */
export default function GiftLimitRow({ limit }: { limit: GiftLimit }) {
  const form = useLimitForm({
    saved: toTexts(limit),
    fixed: { ceremonyType: limit.ceremonyType, relationship: limit.relationship },
    schema: giftLimitUpdateSchema,
    labels,
    send: async (input) => toTexts(await call('ceremony', 'updateGiftLimit', input)),
  })
  const name = `${ceremonyTypeLabels[limit.ceremonyType]} · ${relationshipLabels[limit.relationship]}`

  return (
    <View className="vh-card limits-row">
      <View className="limits-row__name">{name}</View>
      <View className="limits-row__field">
        <View className="admin-field__label">礼金上限（元）</View>
        <Input
          className="admin-input"
          type="number"
          value={form.texts.maxAmount}
          placeholder="填数字，如 200"
          onChange={(value) => form.edit('maxAmount', value)}
        />
        <FieldMessage error={form.error} field="maxAmount" />
      </View>
      <View className="limits-row__field">
        <View className="admin-field__label">说明（可以不写）</View>
        <Input
          className="admin-input"
          value={form.texts.note}
          maxLength={inputMaxLength(200)}
          placeholder="可以不写"
          onChange={(value) => form.edit('note', value)}
        />
        <FieldMessage error={form.error} field="note" />
      </View>
      <LimitSaveBar form={form} label="保存" />
    </View>
  )
}

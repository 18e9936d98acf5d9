import { View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  serviceCategories,
  serviceCategoryLabels,
  serviceDeskContract,
  type Service,
  type ServiceCategory,
} from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage, { fieldDomId, scrollToField } from '../../../components/field-message'
import { call, fieldErrorOf } from '../../../services/api'
import { inputMaxLength } from '../../../utils/input-max-length'
import { parseWholeNumber } from '../../../admin/components/numbers'

type Flag = 'needsConfirmation' | 'homeVisit' | 'proxyService' | 'active'
type NumberKey = 'durationMinutes' | 'slotMinutes' | 'capacity'

const flags: { key: Flag; label: string; yes: string; no: string }[] = [
  { key: 'needsConfirmation', label: '要工作人员确认吗', yes: '要确认', no: '预约即确认' },
  { key: 'homeVisit', label: '可以上门服务吗', yes: '可以上门', no: '不上门' },
  { key: 'proxyService', label: '可以代办吗（家人替他预约）', yes: '可以代办', no: '不代办' },
  { key: 'active', label: '开放预约吗', yes: '开放', no: '停用' },
]

const numberFields: { key: NumberKey; label: string; unit: string }[] = [
  { key: 'durationMinutes', label: '办理大约多久', unit: '分钟' },
  { key: 'slotMinutes', label: '每个时段多长', unit: '分钟' },
  { key: 'capacity', label: '每个时段几个人', unit: '人' },
]

const blank = {
  name: '',
  category: 'certificate' as ServiceCategory,
  description: '',
  requiredMaterials: [] as string[],
  durationMinutes: 30,
  needsConfirmation: true,
  homeVisit: false,
  proxyService: false,
  slotMinutes: 30,
  capacity: 1,
  active: true,
}

/** Adds a service, or changes one (`saved`). */
export default function ServiceForm(props: {
  saved?: Service
  onSaved: (name: string) => void
  onCancel: () => void
}) {
  const start = props.saved ?? blank
  const [name, setName] = useState(start.name)
  const [category, setCategory] = useState<ServiceCategory>(start.category)
  const [description, setDescription] = useState(start.description)
  // One material a line: easier to type on a phone than a list of boxes.
  const [materials, setMaterials] = useState(start.requiredMaterials.join('\n'))
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>({
    durationMinutes: String(start.durationMinutes),
    slotMinutes: String(start.slotMinutes),
    capacity: String(start.capacity),
  })
  const [flagValues, setFlagValues] = useState<Record<Flag, boolean>>({
    needsConfirmation: start.needsConfirmation,
    homeVisit: start.homeVisit,
    proxyService: start.proxyService,
    active: start.active,
  })
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    setError(null)
    const checked = validate(serviceDeskContract.saveService.input, {
      ...(props.saved ? { id: props.saved.id } : {}),
      name,
      category,
      description,
      requiredMaterials: materials
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      durationMinutes: parseWholeNumber(numbers.durationMinutes),
      slotMinutes: parseWholeNumber(numbers.slotMinutes),
      capacity: parseWholeNumber(numbers.capacity),
      ...flagValues,
    })
    if (!checked.ok) {
      // A material's path is requiredMaterials.2: shown under the materials box.
      const field = checked.error.field.split('.')[0]
      setError({ field, message: checked.error.message })
      scrollToField(field)
      return
    }
    setBusy(true)
    try {
      const service = await call('serviceDesk', 'saveService', checked.data)
      props.onSaved(service.name)
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
      setBusy(false)
    }
  }

  return (
    <View className="vh-card service-form">
      <View className="vh-title">{props.saved ? `修改：${props.saved.name}` : '添加服务事项'}</View>
      <View className="staff-field" id={fieldDomId('name')}>
        <View className="staff-field__label">名称</View>
        <Input
          className="staff-input"
          value={name}
          placeholder="如：开具居住证明"
          maxLength={inputMaxLength(30)}
          onChange={setName}
        />
        <FieldMessage error={error} field="name" />
      </View>
      <View className="staff-field" id={fieldDomId('category')}>
        <View className="staff-field__label">类别</View>
        <ChoiceButtons
          options={serviceCategories}
          labels={serviceCategoryLabels}
          value={category}
          onChange={setCategory}
        />
        <FieldMessage error={error} field="category" />
      </View>
      <View className="staff-field" id={fieldDomId('description')}>
        <View className="staff-field__label">说明（可以不写）</View>
        <TextArea
          className="staff-input"
          value={description}
          placeholder="办的是什么事"
          maxLength={inputMaxLength(500)}
          autoSize
          onChange={setDescription}
        />
        <FieldMessage error={error} field="description" />
      </View>
      <View className="staff-field" id={fieldDomId('requiredMaterials')}>
        <View className="staff-field__label">要带的材料（一行写一样）</View>
        <TextArea
          className="staff-input"
          value={materials}
          placeholder={'如：\n身份证\n户口本'}
          maxLength={inputMaxLength(1100)}
          autoSize
          onChange={setMaterials}
        />
        <FieldMessage error={error} field="requiredMaterials" />
      </View>
      {numberFields.map(({ key, label, unit }) => (
        <View key={key} className="staff-field" id={fieldDomId(key)}>
          <View className="staff-field__label">{label}</View>
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
      {flags.map(({ key, label, yes, no }) => (
        <View key={key} className="staff-field">
          <View className="staff-field__label">{label}</View>
          <ChoiceButtons
            options={['yes', 'no'] as const}
            labels={{ yes, no }}
            value={flagValues[key] ? 'yes' : 'no'}
            onChange={(value) => setFlagValues((old) => ({ ...old, [key]: value === 'yes' }))}
          />
        </View>
      ))}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="id" />
      <View className="staff-actions">
        <Button
          className="staff-button"
          type="primary"
          disabled={busy}
          loading={busy}
          onClick={() => void save()}
        >
          保存
        </Button>
        <Button className="staff-button" fill="outline" onClick={props.onCancel}>
          不改了
        </Button>
      </View>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { joinVillageSchema } from '../../../../types/session'
import { validate } from '../../../../types/validation'
import { useQuery } from '../../../hooks/use-query'
import { findVillage, type VillageChoice } from './find-village'
import { ariaRole, focusable } from '../../../utils/a11y'
import './index.css'
import { inputMaxLength } from '../../../utils/input-max-length'

export interface VillagePickerProps {
  /** A village named by the link or QR code the app was opened with: offered first. */
  suggestedVillageId: string | null
  /** True while the join request runs. */
  joining: boolean
  /** Why the last join failed, to show next to the button. */
  joinError: string | null
  onJoin: (choice: VillageChoice, displayName: string) => void
}

/**
 * Choose 镇 then 村, and confirm. A town list of one is skipped, and a village from the launch
 * link is preselected, so most villagers only tap the confirm button.
 */
export default function VillagePicker(props: VillagePickerProps) {
  const { suggestedVillageId, joining, joinError, onJoin } = props
  const towns = useQuery('session', 'listTowns')
  // undefined: nothing picked yet, so the suggestion (if any) applies; null: picked "choose again".
  const [picked, setPicked] = useState<VillageChoice | null>()
  const [pickedTownId, setPickedTownId] = useState<string | null>(null)
  const [displayName, setDisplayName] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)

  if (towns.error) {
    return (
      <View className="village-picker__state" {...ariaRole('alert')}>
        <Text className="vh-danger">{towns.error.message}</Text>
        <Button type="primary" block onClick={() => void towns.reload()}>
          重新加载
        </Button>
      </View>
    )
  }
  if (!towns.data) {
    return (
      <View className="village-picker__state" {...ariaRole('status')}>
        <Text>正在加载村子列表…</Text>
      </View>
    )
  }

  const list = towns.data
  const suggested = picked === undefined ? findVillage(list, suggestedVillageId) : null
  const choice = picked ?? suggested

  // Checked with the API's own schema, so the message is the one the server would give.
  const confirm = () => {
    if (!choice) return
    const checked = validate(joinVillageSchema.shape.displayName, displayName)
    if (!checked.ok) {
      setNameError(`称呼${checked.error.message}`)
      return
    }
    onJoin(choice, checked.data)
  }
  if (choice) {
    return (
      <View className="village-picker">
        {suggested ? (
          <Text className="village-picker__hint">根据您打开的链接，已为您选好村子：</Text>
        ) : (
          <Text className="village-picker__hint">您选择的是：</Text>
        )}
        <View className="village-picker__chosen">
          <Text className="village-picker__chosen-name">{choice.villageName}</Text>
          <Text className="village-picker__chosen-town">{choice.townName}</Text>
        </View>
        <Text className="village-picker__hint">
          您的称呼（村里人怎么叫您，工作人员办事时好认）：
        </Text>
        <View className="village-picker__name">
          <Input
            value={displayName}
            placeholder="例如：张秀英、王大伯"
            maxLength={inputMaxLength(20)}
            onChange={(value) => {
              setDisplayName(value)
              setNameError(null)
            }}
          />
        </View>
        {nameError || joinError ? (
          <View className="village-picker__error vh-danger" {...ariaRole('alert')}>
            {nameError ?? joinError}
          </View>
        ) : null}
        <Button type="primary" size="large" block loading={joining} onClick={confirm}>
          {`确认加入${choice.villageName}`}
        </Button>
        <View
          className="village-picker__again vh-tap"
          {...ariaRole('button')}
          {...focusable()}
          onClick={() => {
            if (joining) return
            setPicked(null)
            setPickedTownId(null)
          }}
        >
          <Text className="vh-link">不是这个村，重新选择</Text>
        </View>
      </View>
    )
  }

  if (!list.length) {
    return (
      <View className="village-picker__state">
        <Text>还没有村子开通村民之家。请联系村里的管理员。</Text>
        <Button type="primary" block onClick={() => void towns.reload()}>
          重新加载
        </Button>
      </View>
    )
  }

  const town = list.length === 1 ? list[0] : list.find((candidate) => candidate.id === pickedTownId)
  if (!town) {
    return (
      <View className="village-picker">
        <Text className="village-picker__question">第一步：您在哪个镇？</Text>
        {list.map((candidate) => (
          <View
            key={candidate.id}
            className="village-picker__option"
            {...ariaRole('button')}
            {...focusable()}
            hoverClass="village-picker__option--pressed"
            onClick={() => setPickedTownId(candidate.id)}
          >
            <Text>{candidate.name}</Text>
            <Text className="vh-row__arrow">›</Text>
          </View>
        ))}
      </View>
    )
  }

  return (
    <View className="village-picker">
      <Text className="village-picker__question">
        {list.length === 1 ? `您在${town.name}哪个村？` : `第二步：您在${town.name}哪个村？`}
      </Text>
      {town.villages.map((village) => (
        <View
          key={village.id}
          className="village-picker__option"
          {...ariaRole('button')}
          {...focusable()}
          hoverClass="village-picker__option--pressed"
          onClick={() =>
            setPicked({
              townId: town.id,
              townName: town.name,
              villageId: village.id,
              villageName: village.name,
            })
          }
        >
          <Text>{village.name}</Text>
          <Text className="vh-row__arrow">›</Text>
        </View>
      ))}
      {town.villages.length ? null : <Text className="vh-empty">这个镇还没有村子开通。</Text>}
      {list.length > 1 ? (
        <View
          className="village-picker__again vh-tap"
          {...ariaRole('button')}
          {...focusable()}
          onClick={() => setPickedTownId(null)}
        >
          <Text className="vh-link">‹ 换一个镇</Text>
        </View>
      ) : null}
    </View>
  )
}

import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import ChoiceButtons from '../../../components/choice-buttons'
import type { ConfirmRequest } from '../../../components/confirm-dialog'
import { useQuery } from '../../../hooks/use-query'

interface MoveMemberProps {
  /** The member as the list names them, 张三（12号）. */
  label: string
  /** This village: not a place to move to. */
  currentVillageId: string | null
  confirm: (request: ConfirmRequest) => void
  onMove: (villageId: string) => void
  onCancel: () => void
}

/** 移到别的村: for someone who joined the wrong village, choose 镇 then 村, and confirm. */
export default function MoveMember(props: MoveMemberProps) {
  const { label, currentVillageId, confirm, onMove, onCancel } = props
  const towns = useQuery('session', 'listTowns')
  const [townId, setTownId] = useState<string | null>(null)
  const [villageId, setVillageId] = useState<string | null>(null)

  if (towns.error) {
    return (
      <View className="people-move">
        <View className="vh-danger">{towns.error.message}</View>
        <Button className="admin-button" fill="outline" onClick={() => void towns.reload()}>
          重新加载村子列表
        </Button>
      </View>
    )
  }
  if (!towns.data) return <View className="people-move vh-muted">正在加载村子列表…</View>

  const town = towns.data.find((candidate) => candidate.id === townId)
  const villages = (town?.villages ?? []).filter((village) => village.id !== currentVillageId)
  const village = villages.find((candidate) => candidate.id === villageId)
  const byId = <T extends { id: string; name: string }>(items: T[]) =>
    Object.fromEntries(items.map((item) => [item.id, item.name]))

  return (
    <View className="people-move">
      <View>把{label}移到哪个镇？</View>
      <ChoiceButtons
        options={towns.data.map((candidate) => candidate.id)}
        labels={byId(towns.data)}
        value={townId}
        onChange={(id) => {
          setTownId(id)
          setVillageId(null)
        }}
      />
      {town ? (
        villages.length ? (
          <>
            <View>哪个村？</View>
            <ChoiceButtons
              options={villages.map((candidate) => candidate.id)}
              labels={byId(villages)}
              value={villageId}
              onChange={setVillageId}
            />
          </>
        ) : (
          <View className="vh-muted">{town.name}没有别的村开通村民之家。</View>
        )
      ) : null}
      <View className="people-member__actions">
        <Button
          className="admin-button"
          type="primary"
          disabled={!village || !town}
          onClick={() => {
            if (!village || !town) return
            const villageName = `${town.name}${village.name}`
            confirm({
              title: '移到别的村',
              message: `${label}将移到${villageName}，成为那里的普通村民；在本村的身份都会撤销，并会收到一条消息。本村的操作记录会记下这次移动。`,
              confirmText: '确定移动',
              onConfirm: () => onMove(village.id),
            })
          }}
        >
          {village && town ? `移到${town.name}${village.name}` : '请先选镇和村'}
        </Button>
        <Button className="admin-button" fill="outline" onClick={onCancel}>
          不移了
        </Button>
      </View>
    </View>
  )
}

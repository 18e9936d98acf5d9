import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { RulesVersionSummary } from '../../../types/rules'
import { formatVillageDate } from '../../../types/village-time'
import { useQuery } from '../../hooks/use-query'

interface VersionHistoryProps {
  /** The version on screen, marked as such. */
  shownId: string
  onOpen: (version: RulesVersionSummary) => void
}

/** Every published version, newest first as the server sends them; tap one to read it. */
export default function VersionHistory({ shownId, onOpen }: VersionHistoryProps) {
  const versions = useQuery('rules', 'versions')
  if (versions.loading && !versions.data) {
    return <View className="vh-card vh-muted">正在加载历史版本…</View>
  }
  if (versions.error) {
    return (
      <View className="vh-card">
        <View className="vh-danger">{versions.error.message}</View>
        <Button fill="outline" onClick={() => void versions.reload()}>
          重新加载历史版本
        </Button>
      </View>
    )
  }
  return (
    <View className="vh-card rules__history">
      {(versions.data ?? []).map((version) => (
        <View
          key={version.id}
          className="vh-row rules__history-item"
          hoverClass="vh-row--hover"
          onClick={() => onOpen(version)}
        >
          <View>
            <View>
              第{version.versionNo}版 · {version.title}
            </View>
            <View className="vh-muted">
              {formatVillageDate(version.adoptedOn)}通过
              {version.current ? ' · 现行版本' : ''}
              {version.id === shownId ? ' · 正在看' : ''}
            </View>
          </View>
          <Text className="vh-row__arrow">›</Text>
        </View>
      ))}
    </View>
  )
}

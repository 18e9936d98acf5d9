import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import { BackLink, suggestPages } from '../../components/navigation'
import SuggestionCard from '../../components/suggestion-card'
import '../../components/suggest.css'

/** 我的建议: each of my suggestions, newest first, with its whole way so far. */
export default function MySuggestionsPage() {
  const mine = useQuery('council', 'mySuggestions')
  // Back from 提建议 or from 消息: show what happened meanwhile.
  useDidShow(() => {
    if (!mine.loading) void mine.reload()
  })
  return (
    <PageShell
      className="suggest-page"
      title="我的建议"
      loading={mine.loading && !mine.data}
      error={mine.error}
      onRetry={mine.reload}
    >
      {mine.data?.length === 0 ? (
        <View className="vh-empty">还没有提过建议。村里有什么要改进的，都可以说。</View>
      ) : null}
      {mine.data?.map((suggestion) => (
        <SuggestionCard
          key={suggestion.id}
          suggestion={suggestion}
          onRated={() => void mine.reload()}
        />
      ))}
      <Button
        className="suggest-button"
        type="primary"
        block
        onClick={() => void Taro.navigateTo({ url: suggestPages.form })}
      >
        提新的建议
      </Button>
      <BackLink />
    </PageShell>
  )
}

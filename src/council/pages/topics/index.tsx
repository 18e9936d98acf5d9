import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { councilRoles, topicStatusLabels, type Topic } from '../../../../types/council'
import { formatVillageDateTime } from '../../../../types/village-time'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { focusable } from '../../../utils/a11y'
import { BackLink } from '../../../suggest/components/navigation'
import { meetingPages, topicPages, topicTone } from '../../components/topic-pages'
import '../../../suggest/components/suggest.css'

/** 议题: the council's topics, newest first; the party reviewer finds those waiting for 预审. */
export default function TopicsPage() {
  return (
    <RoleGate roles={councilRoles} title="议题与预审" area="议题" className="suggest-page">
      <Topics />
    </RoleGate>
  )
}

function Topics() {
  const topics = useQuery('council', 'topics', {})
  // Back from a topic: show its new status.
  useDidShow(() => {
    if (!topics.loading) void topics.reload()
  })
  const waiting = topics.data?.filter((topic) => topic.status === 'submitted').length ?? 0
  return (
    <PageShell
      className="suggest-page"
      title="议题与预审"
      loading={topics.loading && !topics.data}
      error={topics.error}
      onRetry={topics.reload}
    >
      <View className="vh-muted suggest-intro">
        议题由村民的建议而来。准备好材料后提交村党组织会前预审，通过了才上会讨论。
        {waiting > 0 ? `现在有 ${waiting} 个议题等待预审。` : ''}
      </View>
      <View
        className="vh-card vh-tap suggest-row"
        {...focusable()}
        onClick={() => void Taro.navigateTo({ url: meetingPages.list })}
      >
        会议（签到、表决、会议记录） ›
      </View>
      {topics.data?.length === 0 ? (
        <View className="vh-empty">还没有议题。在收件箱里可以把建议列为议题。</View>
      ) : null}
      {topics.data?.map((topic) => (
        <TopicRow key={topic.id} topic={topic} />
      ))}
      <BackLink />
    </PageShell>
  )
}

function TopicRow({ topic }: { topic: Topic }) {
  return (
    <View
      className="vh-card vh-tap suggest-row"
      {...focusable()}
      onClick={() => void Taro.navigateTo({ url: topicPages.topic(topic.id) })}
    >
      <View className="suggest-head">
        <Text className="suggest-head__title">{topic.title}</Text>
        <Text className={`vh-tag suggest-tag suggest-tag--${topicTone(topic)}`}>
          {topicStatusLabels[topic.status]}
        </Text>
      </View>
      <View className="vh-muted">
        {topic.suggestions.length} 条建议 · {formatVillageDateTime(topic.updatedAt)}
      </View>
    </View>
  )
}

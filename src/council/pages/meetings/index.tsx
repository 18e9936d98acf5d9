import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { councilRoles } from '../../../../types/council'
import { meetingStatusLabels, type MeetingSummary } from '../../../../types/council-meetings'
import { formatVillageDateTime } from '../../../../types/village-time'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { useMe } from '../../../services/me'
import { focusable } from '../../../utils/a11y'
import { BackLink } from '../../../suggest/components/navigation'
import { meetingPages } from '../../components/topic-pages'
import '../../../suggest/components/suggest.css'

/** 会议: the council's meetings, newest first. */
export default function MeetingsPage() {
  return (
    <RoleGate roles={councilRoles} title="会议" area="会议" className="suggest-page">
      <Meetings />
    </RoleGate>
  )
}

function Meetings() {
  const meetings = useQuery('council', 'meetings', {})
  const chair = (useMe().me?.roles ?? []).includes('councilChair')
  // Back from a meeting: show its new status.
  useDidShow(() => {
    if (!meetings.loading) void meetings.reload()
  })
  return (
    <PageShell
      className="suggest-page"
      title="会议"
      loading={meetings.loading && !meetings.data}
      error={meetings.error}
      onRetry={meetings.reload}
    >
      <View className="vh-muted suggest-intro">
        议事会开会：签到、讨论、表决，会后留下会议记录。
      </View>
      {chair ? (
        <View
          className="vh-card vh-tap suggest-row"
          {...focusable()}
          onClick={() => void Taro.navigateTo({ url: meetingPages.schedule })}
        >
          安排会议 ›
        </View>
      ) : null}
      <View
        className="vh-card vh-tap suggest-row"
        {...focusable()}
        onClick={() => void Taro.navigateTo({ url: meetingPages.points })}
      >
        积分排行（参会、发言记积分） ›
      </View>
      {chair ? (
        <View
          className="vh-card vh-tap suggest-row"
          {...focusable()}
          onClick={() => void Taro.navigateTo({ url: meetingPages.rules })}
        >
          议事规则（提前通知、到会人数、通过票数、积分） ›
        </View>
      ) : null}
      {meetings.data?.length === 0 ? <View className="vh-empty">还没有会议。</View> : null}
      {meetings.data?.map((meeting) => (
        <MeetingRow key={meeting.id} meeting={meeting} />
      ))}
      <BackLink />
    </PageShell>
  )
}

function MeetingRow({ meeting }: { meeting: MeetingSummary }) {
  const tone = meeting.status === 'closed' ? 'done' : 'waiting'
  return (
    <View
      className="vh-card vh-tap suggest-row"
      {...focusable()}
      onClick={() => void Taro.navigateTo({ url: meetingPages.meeting(meeting.id) })}
    >
      <View className="suggest-head">
        <Text className="suggest-head__title">
          {formatVillageDateTime(meeting.startsAt)} · {meeting.place}
        </Text>
        <Text className={`vh-tag suggest-tag suggest-tag--${tone}`}>
          {meetingStatusLabels[meeting.status]}
        </Text>
      </View>
      <View className="vh-muted">议题：{meeting.topicTitles.join('、')}</View>
    </View>
  )
}

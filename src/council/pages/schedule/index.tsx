import { Picker, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { councilContract } from '../../../../types/council'
import { earliestMeetingDay } from '../../../../types/council-rules'
import { formatVillageDate, villageDayStart } from '../../../../types/village-time'
import { validate } from '../../../../types/validation'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { useSend } from '../../../hooks/use-send'
import { call } from '../../../services/api'
import { ariaRole, focusable } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../../suggest/components/navigation'
import { meetingPages } from '../../components/topic-pages'
import '../../../suggest/components/suggest.css'

/** 安排会议: the chair picks approved topics, the place and time, and names any guests. */
export default function SchedulePage() {
  return (
    <RoleGate roles={['councilChair']} title="安排会议" area="安排会议" className="suggest-page">
      <ScheduleForm />
    </RoleGate>
  )
}

/** The instant a picked village day and the picked HH:MM on it stand for. */
function startsAtOf(day: string, time: string): string {
  const [hours, minutes] = time.split(':').map(Number)
  return new Date(Date.parse(villageDayStart(day)) + (hours * 60 + minutes) * 60_000).toISOString()
}

/** What Taro's Picker hands back on 确定: `YYYY-MM-DD` in date mode, `HH:mm` in time mode. */
type PickerChange = { detail: { value: string | number | number[] } }

function ScheduleForm() {
  const topics = useQuery('council', 'topics', {})
  const rules = useQuery('council', 'meetingRules', {})
  // The picker starts at the first day the notice period allows; the server checks it again.
  const earliest = rules.data ? earliestMeetingDay(new Date(), rules.data.noticeDays) : undefined
  const approved = topics.data?.filter((topic) => topic.status === 'approved') ?? []
  const [topicIds, setTopicIds] = useState<string[]>([])
  const [place, setPlace] = useState('村委会议室')
  const [day, setDay] = useState('')
  const [time, setTime] = useState('19:30')
  const [guests, setGuests] = useState<{ name: string; note: string }[]>([])
  const [guestName, setGuestName] = useState('')
  const [guestNote, setGuestNote] = useState('')
  const { error, setError, busy, run } = useSend()

  const toggle = (id: string) =>
    setTopicIds(
      topicIds.includes(id) ? topicIds.filter((other) => other !== id) : [...topicIds, id],
    )
  const addGuest = () => {
    if (!guestName.trim()) return setError({ field: 'guest', message: '请先写下客人的名字' })
    setError(null)
    setGuests([...guests, { name: guestName.trim(), note: guestNote.trim() }])
    setGuestName('')
    setGuestNote('')
  }
  const send = async () => {
    if (!day) return setError({ field: 'startsAt', message: '请选好开会的日期' })
    const checked = validate(
      councilContract.scheduleMeeting.input,
      { topicIds, place, startsAt: startsAtOf(day, time), guests },
      { topicIds: '议题', place: '地点', name: '客人名字', note: '客人身份' },
    )
    if (!checked.ok) return setError(checked.error)
    const meeting = await run('send', () => call('council', 'scheduleMeeting', checked.data))
    if (meeting) void Taro.redirectTo({ url: meetingPages.meeting(meeting.id) })
  }

  return (
    <PageShell
      className="suggest-page"
      title="安排会议"
      loading={(topics.loading && !topics.data) || (rules.loading && !rules.data)}
      error={topics.error ?? rules.error}
      onRetry={() => {
        void topics.reload()
        void rules.reload()
      }}
    >
      <View className="vh-card">
        <View className="suggest-field">
          <View className="suggest-field__label">上会的议题（预审通过的，点一下选中）</View>
          {approved.length === 0 ? <View className="vh-muted">还没有预审通过的议题。</View> : null}
          {approved.map((topic) => (
            <View
              key={topic.id}
              className={`vh-tap suggest-article${topicIds.includes(topic.id) ? ' suggest-article--chosen' : ''}`}
              {...ariaRole('checkbox')}
              {...focusable()}
              aria-checked={topicIds.includes(topic.id)}
              onClick={() => toggle(topic.id)}
            >
              {topicIds.includes(topic.id) ? '✓ ' : '○ '}
              {topic.title}
            </View>
          ))}
          <FieldMessage error={error} field="topicIds" />
        </View>
        <View className="suggest-field">
          <View className="suggest-field__label">地点</View>
          <Input
            className="suggest-input"
            value={place}
            maxLength={inputMaxLength(60)}
            onChange={setPlace}
          />
          <FieldMessage error={error} field="place" />
        </View>
        <View className="suggest-field">
          <View className="suggest-field__label">开会日期</View>
          <Picker
            mode="date"
            value={day || (earliest ?? '')}
            start={earliest}
            onChange={(event: PickerChange) => setDay(String(event.detail.value))}
          >
            <View
              className="vh-tap suggest-pick"
              {...ariaRole('button')}
              {...focusable()}
              aria-label={`开会日期：${day ? formatVillageDate(day) : '点这里选日期'}`}
            >
              {day ? formatVillageDate(day) : '点这里选日期'}
            </View>
          </Picker>
        </View>
        <View className="suggest-field">
          <View className="suggest-field__label">开会时间</View>
          <Picker
            mode="time"
            value={time}
            onChange={(event: PickerChange) => setTime(String(event.detail.value))}
          >
            <View
              className="vh-tap suggest-pick"
              {...ariaRole('button')}
              {...focusable()}
              aria-label={`开会时间：${time}`}
            >
              {time}
            </View>
          </Picker>
          <FieldMessage error={error} field="startsAt" />
        </View>
        <View className="suggest-field">
          <View className="suggest-field__label">列席的客人（可以不加）</View>
          {guests.map((guest, index) => (
            <View key={`${guest.name}-${index}`} className="suggest-material">
              <View className="vh-text suggest-material__item">
                {guest.name}
                {guest.note ? `（${guest.note}）` : ''}
              </View>
              <View
                className="vh-link vh-tap"
                {...ariaRole('button')}
                {...focusable()}
                onClick={() => setGuests(guests.filter((_, at) => at !== index))}
              >
                删除
              </View>
            </View>
          ))}
          <Input
            className="suggest-input"
            value={guestName}
            placeholder="客人名字"
            maxLength={inputMaxLength(20)}
            onChange={setGuestName}
          />
          <Input
            className="suggest-input"
            value={guestNote}
            placeholder="身份，如：法律顾问"
            maxLength={inputMaxLength(40)}
            onChange={setGuestNote}
          />
          <Button className="suggest-button" fill="outline" onClick={addGuest}>
            添加客人
          </Button>
          <FieldMessage error={error} field="guest" />
        </View>
        <FieldMessage error={error} field="" />
        <Button
          className="suggest-button"
          type="primary"
          block
          disabled={busy !== null}
          loading={busy !== null}
          onClick={() => void send()}
        >
          通知开会
        </Button>
      </View>
      <BackLink />
    </PageShell>
  )
}

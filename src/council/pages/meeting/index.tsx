import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { councilContract, councilRoles } from '../../../../types/council'
import {
  meetingStatusLabels,
  type AgendaItem,
  type Meeting,
  type Resolution,
} from '../../../../types/council-meetings'
import { voteChoiceLabels, voteChoices } from '../../../../types/council-rules'
import { formatVillageDateTime } from '../../../../types/village-time'
import { validate, type FieldError } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import ExportButton from '../../../components/export-button'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { useMe } from '../../../services/me'
import { ariaRole } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../../suggest/components/navigation'
import '../../../suggest/components/suggest.css'

/** One meeting: who is invited and present, the agenda, the votes; the minutes once closed. */
export default function MeetingPage() {
  return (
    <RoleGate roles={councilRoles} title="会议" area="会议" className="suggest-page">
      <MeetingScreen />
    </RoleGate>
  )
}

/**
 * A change to the meeting; true once done. A form passes `onError` to show the server's refusal
 * beside its own fields; otherwise it shows under the invitees.
 */
type Change = (
  work: () => Promise<Meeting>,
  onError?: (error: FieldError) => void,
) => Promise<boolean>

function MeetingScreen() {
  const { params } = useRouter()
  const meetingId = params.id ?? ''
  const query = useQuery('council', 'meeting', { meetingId })
  const [changed, setChanged] = useState<Meeting | null>(null)
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState(false)
  const meeting = changed ?? query.data
  const roles = useMe().me?.roles ?? []
  const chair = roles.includes('councilChair')

  const change: Change = async (work, onError) => {
    setError(null)
    setBusy(true)
    try {
      setChanged(await work())
      return true
    } catch (caught) {
      const refused = fieldErrorOf(caught, '没有办成，请重试')
      if (onError && refused.field !== 'meetingId') onError(refused)
      else setError(refused)
      return false
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell
      className="suggest-page"
      title="会议"
      loading={query.loading && !meeting}
      error={meetingId ? query.error : '没有找到这个会议'}
      onRetry={query.reload}
    >
      {meeting ? (
        <>
          <Overview meeting={meeting} />
          <Invitees meeting={meeting} chair={chair} busy={busy} change={change} />
          {meeting.status === 'announced' && chair ? (
            <Button
              className="suggest-button"
              type="primary"
              block
              disabled={busy}
              onClick={() => void change(() => call('council', 'openMeeting', { meetingId }))}
            >
              开会
            </Button>
          ) : null}
          <FieldMessage error={error} field="" />
          <FieldMessage error={error} field="meetingId" />
          {meeting.status === 'open' && chair ? (
            <CloseOuts meeting={meeting} busy={busy} change={change} />
          ) : null}
          {meeting.agenda.map((item) => (
            <Topic
              key={item.topicId}
              meeting={meeting}
              item={item}
              chair={chair}
              busy={busy}
              change={change}
            />
          ))}
          {meeting.status === 'open' && chair ? (
            <Button
              className="suggest-button"
              type="primary"
              block
              disabled={busy}
              onClick={() => void change(() => call('council', 'closeMeeting', { meetingId }))}
            >
              散会
            </Button>
          ) : null}
          {meeting.status === 'closed' ? (
            <ExportButton
              label="导出会议记录"
              load={() => call('council', 'exportMinutes', { meetingId })}
            />
          ) : null}
        </>
      ) : null}
      <BackLink />
    </PageShell>
  )
}

function Overview({ meeting }: { meeting: Meeting }) {
  return (
    <View className="vh-card suggest-card">
      <View className="suggest-head">
        <Text className="suggest-head__title">{formatVillageDateTime(meeting.startsAt)}</Text>
        <Text className="vh-tag suggest-tag">{meetingStatusLabels[meeting.status]}</Text>
      </View>
      <View className="vh-text">地点：{meeting.place}</View>
      <View className="vh-text">
        到会成员 {meeting.membersPresent} / {meeting.memberCount}，要 {meeting.quorumCount}{' '}
        人到会才能开会
      </View>
      {meeting.closeOuts.length > 0 ? (
        <>
          <View className="suggest-card__section">销号</View>
          {meeting.closeOuts.map((record) => (
            <View key={record.resolutionId} className="vh-text">
              {record.position}. {record.topicTitle}
              {record.note ? `：${record.note}` : ''}
            </View>
          ))}
        </>
      ) : null}
    </View>
  )
}

function Invitees(props: { meeting: Meeting; chair: boolean; busy: boolean; change: Change }) {
  const { meeting } = props
  // Only someone invited checks in: the server marks the reader's own row.
  const mine = meeting.invitees.find((invitee) => invitee.isMe)
  const open = meeting.status !== 'closed'
  const checkIn = (inviteeId?: string) =>
    void props.change(() =>
      call('council', 'checkIn', { meetingId: meeting.id, ...(inviteeId ? { inviteeId } : {}) }),
    )
  return (
    <View className="vh-card">
      <View className="vh-section-title">参会人员</View>
      {meeting.invitees.map((invitee) => (
        <View key={invitee.id} className="suggest-material">
          <View className="vh-text suggest-material__item">
            {invitee.name}
            {invitee.guestNote ? `（${invitee.guestNote}）` : invitee.member ? '' : '（列席）'}：
            <Text className={invitee.checkedInAt ? 'vh-success' : 'vh-muted'}>
              {invitee.checkedInAt ? '已签到' : '未签到'}
            </Text>
          </View>
          {/* The chair checks in whoever came without a phone, guests too; their own is 签到. */}
          {open && props.chair && !invitee.checkedInAt && !invitee.isMe ? (
            <Button
              className="suggest-button"
              fill="outline"
              aria-label={`给${invitee.name}代签到`}
              disabled={props.busy}
              onClick={() => checkIn(invitee.id)}
            >
              代签到
            </Button>
          ) : null}
        </View>
      ))}
      {open && mine && !mine.checkedInAt ? (
        <Button
          className="suggest-button"
          type="primary"
          block
          disabled={props.busy}
          onClick={() => checkIn()}
        >
          签到
        </Button>
      ) : null}
    </View>
  )
}

function Topic(props: {
  meeting: Meeting
  item: AgendaItem
  chair: boolean
  busy: boolean
  change: Change
}) {
  const { meeting, item, change } = props
  const open = meeting.status === 'open' && item.outcome === null
  const ids = { meetingId: meeting.id, topicId: item.topicId }
  return (
    <View className="vh-card suggest-card">
      <View className="suggest-head">
        <Text className="suggest-head__title">
          {item.position}. {item.title}
        </Text>
        {item.outcome ? (
          <Text className="vh-tag suggest-tag">
            {item.outcome === 'passed' ? '通过' : '没有通过'}
          </Text>
        ) : null}
      </View>
      {item.statements.map((statement) => (
        <View key={statement.position} className="vh-text">
          {statement.position}. {statement.speakerName}：{statement.text}
        </View>
      ))}
      <View className="vh-text">
        同意 {item.votes.for} · 反对 {item.votes.against} · 弃权 {item.votes.abstain}
      </View>
      {/* Who voted how is shown once the vote is over, so it sways no one still to vote. */}
      {item.outcome && item.cast.length > 0 ? (
        <>
          <View className="suggest-card__section">谁投了什么（按投票先后）</View>
          <View {...ariaRole('list')}>
            {item.cast.map((vote, index) => (
              <View key={index} className="vh-text" {...ariaRole('listitem')}>
                {vote.name}：{voteChoiceLabels[vote.choice]}
              </View>
            ))}
          </View>
        </>
      ) : null}
      {item.resolution ? (
        <View className="vh-text">
          决议：{item.resolution.decision}（{item.resolution.executor}，{item.resolution.dueOn}{' '}
          前办完）
        </View>
      ) : null}
      {open && item.myVote ? (
        <View className="vh-success">已投票：{voteChoiceLabels[item.myVote]}</View>
      ) : null}
      {open && !item.myVote ? (
        <View className="suggest-actions">
          {voteChoices.map((choice) => (
            <Button
              key={choice}
              className="suggest-button"
              type={choice === 'for' ? 'primary' : 'default'}
              disabled={props.busy}
              onClick={() => void change(() => call('council', 'vote', { ...ids, choice }))}
            >
              {voteChoiceLabels[choice]}
            </Button>
          ))}
        </View>
      ) : null}
      {open && props.chair ? (
        <>
          <StatementForm meeting={meeting} ids={ids} busy={props.busy} change={change} />
          <Decide ids={ids} busy={props.busy} change={change} />
        </>
      ) : null}
    </View>
  )
}

/** 宣布结果: a passed topic needs its resolution, so the chair writes it down beforehand. */
function Decide(props: {
  ids: { meetingId: string; topicId: string }
  busy: boolean
  change: Change
}) {
  const [decision, setDecision] = useState('')
  const [executor, setExecutor] = useState('村两委')
  const [dueOn, setDueOn] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const decide = () => {
    const written = decision.trim() !== ''
    const checked = validate(
      councilContract.decideTopic.input,
      { ...props.ids, ...(written ? { resolution: { decision, executor, dueOn } } : {}) },
      { decision: '决议内容', executor: '谁来办', dueOn: '办完日期' },
    )
    if (!checked.ok) return setError(checked.error)
    setError(null)
    void props.change(() => call('council', 'decideTopic', checked.data), setError)
  }
  return (
    <View className="suggest-field">
      <View className="suggest-field__label">决议内容（通过时要写；没通过可不写）</View>
      <TextArea
        className="suggest-input"
        value={decision}
        maxLength={inputMaxLength(1000)}
        autoSize
        onChange={setDecision}
      />
      <FieldMessage error={error} field="resolution.decision" />
      <View className="suggest-field__label">谁来办</View>
      <Input
        className="suggest-input"
        value={executor}
        maxLength={inputMaxLength(40)}
        onChange={setExecutor}
      />
      <FieldMessage error={error} field="resolution.executor" />
      <View className="suggest-field__label">办完日期（如 2026-12-31）</View>
      <Input className="suggest-input" value={dueOn} placeholder="2026-12-31" onChange={setDueOn} />
      <FieldMessage error={error} field="resolution.dueOn" />
      <FieldMessage error={error} field="resolution" />
      <FieldMessage error={error} field="" />
      <Button
        className="suggest-button"
        type="primary"
        block
        disabled={props.busy}
        onClick={decide}
      >
        宣布结果
      </Button>
    </View>
  )
}

/** 记录发言: who spoke, among those present, in the order spoken. */
function StatementForm(props: {
  meeting: Meeting
  ids: { meetingId: string; topicId: string }
  busy: boolean
  change: Change
}) {
  const present = props.meeting.invitees.filter((invitee) => invitee.checkedInAt)
  const names = Object.fromEntries(present.map((invitee) => [invitee.id, invitee.name]))
  const [inviteeId, setInviteeId] = useState<string | null>(null)
  const [words, setWords] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const record = async () => {
    const checked = validate(
      councilContract.recordStatement.input,
      { ...props.ids, inviteeId: inviteeId ?? undefined, text: words },
      { inviteeId: '发言人', text: '发言内容' },
    )
    if (!checked.ok) return setError(checked.error)
    setError(null)
    if (await props.change(() => call('council', 'recordStatement', checked.data), setError)) {
      setWords('')
    }
  }
  return (
    <View className="suggest-field">
      <View className="suggest-field__label">谁发言（点一下选中）</View>
      <ChoiceButtons
        options={present.map((invitee) => invitee.id)}
        labels={names}
        value={inviteeId}
        onChange={setInviteeId}
      />
      <FieldMessage error={error} field="inviteeId" />
      <View className="suggest-field__label">说了什么</View>
      <TextArea
        className="suggest-input"
        value={words}
        maxLength={inputMaxLength(1000)}
        autoSize
        onChange={setWords}
      />
      <FieldMessage error={error} field="text" />
      <FieldMessage error={error} field="" />
      <Button
        className="suggest-button"
        fill="outline"
        block
        disabled={props.busy}
        onClick={() => void record()}
      >
        记下发言
      </Button>
    </View>
  )
}

/** 销号: resolutions 两委 reported finished, closed out on the record before the topics. */
function CloseOuts(props: { meeting: Meeting; busy: boolean; change: Change }) {
  const finished = useQuery('council', 'resolutions', { status: 'finished' })
  const done = new Set(props.meeting.closeOuts.map((record) => record.resolutionId))
  const waiting = finished.data?.filter((resolution) => !done.has(resolution.id)) ?? []
  if (finished.loading && !finished.data) {
    return <View className="vh-muted">正在查有没有办完、要销号的决议…</View>
  }
  if (finished.error) {
    return (
      <View className="vh-card">
        <View className="vh-danger">{finished.error.message}</View>
        <Button className="suggest-button" block onClick={() => void finished.reload()}>
          重新读取
        </Button>
      </View>
    )
  }
  if (waiting.length === 0) return null
  return (
    <View className="vh-card">
      <View className="vh-section-title">先给办完的决议销号</View>
      {waiting.map((resolution) => (
        <CloseOutItem
          key={resolution.id}
          meetingId={props.meeting.id}
          resolution={resolution}
          busy={props.busy}
          change={props.change}
        />
      ))}
    </View>
  )
}

/** One finished resolution: the chair may say in a few words how it was found, then 销号. */
function CloseOutItem(props: {
  meetingId: string
  resolution: Resolution
  busy: boolean
  change: Change
}) {
  const { resolution } = props
  const [note, setNote] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const closeOut = () => {
    const checked = validate(
      councilContract.closeOut.input,
      { meetingId: props.meetingId, resolutionId: resolution.id, note },
      { note: '销号说明' },
    )
    if (!checked.ok) return setError(checked.error)
    setError(null)
    void props.change(() => call('council', 'closeOut', checked.data), setError)
  }
  return (
    <View className="suggest-field">
      <View className="vh-text">
        {resolution.topicTitle}：{resolution.decision}
      </View>
      <View className="suggest-field__label">销号说明（可以不写）</View>
      <TextArea
        className="suggest-input"
        value={note}
        placeholder="如：已硬化完毕，村民验收"
        maxLength={inputMaxLength(500)}
        autoSize
        onChange={setNote}
      />
      <FieldMessage error={error} field="note" />
      <FieldMessage error={error} field="" />
      <Button className="suggest-button" fill="outline" disabled={props.busy} onClick={closeOut}>
        销号
      </Button>
    </View>
  )
}

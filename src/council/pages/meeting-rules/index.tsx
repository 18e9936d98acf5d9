import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { councilContract } from '../../../../types/council'
import type { CouncilRules, PointRules } from '../../../../types/council-meetings'
import {
  noticeDaysRange,
  quorumCount,
  shareLabel,
  votesToPass,
  type Share,
} from '../../../../types/council-rules'
import { validate } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { useSend } from '../../../hooks/use-send'
import { call } from '../../../services/api'
import { ariaRole } from '../../../utils/a11y'
import { parseWholeNumber } from '../../../admin/components/numbers'
import { BackLink } from '../../../suggest/components/navigation'
import '../../../suggest/components/suggest.css'

/** 议事规则: the chair sets the notice period, quorum, pass threshold and 积分管理细则. */
export default function MeetingRulesPage() {
  return (
    <RoleGate roles={['councilChair']} title="议事规则" area="议事规则" className="suggest-page">
      <MeetingRules />
    </RoleGate>
  )
}

function MeetingRules() {
  const rules = useQuery('council', 'meetingRules')
  return (
    <PageShell
      className="suggest-page"
      title="议事规则"
      loading={rules.loading && !rules.data}
      error={rules.error}
      onRetry={rules.reload}
    >
      <View className="vh-muted suggest-intro">
        这些规则决定会议提前几天通知、到多少人才能开会、多少人同意议题才算通过，以及成员的积分。
      </View>
      {rules.data ? <RulesForm saved={rules.data} /> : null}
      <BackLink />
    </PageShell>
  )
}

/** A share as the buttons know it: `2/3`. */
type ShareKey = `${number}/${number}`
const keyOf = ({ numerator, denominator }: Share): ShareKey => `${numerator}/${denominator}`
const shareOf = (key: ShareKey): Share => {
  const [numerator, denominator] = key.split('/').map(Number)
  return { numerator, denominator }
}

// The shares a village picks from; the saved one is always offered too, whatever it is.
const quorumChoices: ShareKey[] = ['1/2', '3/5', '2/3', '3/4', '4/5']
const passChoices: ShareKey[] = ['1/2', '3/5', '2/3', '3/4']
const noticeChoices = Array.from(
  { length: noticeDaysRange.max - noticeDaysRange.min + 1 },
  (_, index) => String(noticeDaysRange.min + index),
)

function withSaved(choices: ShareKey[], saved: Share): ShareKey[] {
  const key = keyOf(saved)
  return choices.includes(key) ? choices : [...choices, key]
}

/** 9 members is a usual council: the example makes the share a number of people. */
const exampleMembers = 9

const pointFields: { key: keyof PointRules; label: string }[] = [
  { key: 'attending', label: '参加一次会议' },
  { key: 'speaking', label: '会上每发言一次' },
  { key: 'topicPassed', label: '提出或参与的议题通过一次' },
]

function RulesForm({ saved }: { saved: CouncilRules }) {
  const [noticeDays, setNoticeDays] = useState(String(saved.noticeDays))
  const [quorum, setQuorum] = useState(keyOf(saved.quorum))
  const [passThreshold, setPassThreshold] = useState(keyOf(saved.passThreshold))
  const [points, setPoints] = useState(
    () =>
      Object.fromEntries(pointFields.map(({ key }) => [key, String(saved.points[key])])) as Record<
        keyof PointRules,
        string
      >,
  )
  const [status, setStatus] = useState<string | null>(null)
  const { error, setError, busy, run } = useSend('没有保存成功，请重试')

  const quorumKeys = withSaved(quorumChoices, saved.quorum)
  const passKeys = withSaved(passChoices, saved.passThreshold)
  const quorumLabels = Object.fromEntries(
    quorumKeys.map((key) => [key, `${shareLabel(shareOf(key))}成员`]),
  ) as Record<ShareKey, string>
  const passLabels = Object.fromEntries(
    passKeys.map((key) => [key, key === '1/2' ? '过半数' : `超过${shareLabel(shareOf(key))}`]),
  ) as Record<ShareKey, string>
  const noticeLabels = Object.fromEntries(
    noticeChoices.map((days) => [days, `提前 ${days} 天`]),
  ) as Record<string, string>

  const save = async () => {
    setError(null)
    setStatus(null)
    const checked = validate(
      councilContract.saveMeetingRules.input,
      {
        noticeDays: Number(noticeDays),
        quorum: shareOf(quorum),
        passThreshold: shareOf(passThreshold),
        points: Object.fromEntries(
          pointFields.map(({ key }) => [key, parseWholeNumber(points[key])]),
        ),
      },
      {
        noticeDays: '通知天数',
        'points.attending': '参加会议的积分',
        'points.speaking': '发言的积分',
        'points.topicPassed': '议题通过的积分',
      },
    )
    if (!checked.ok) return setError(checked.error)
    const saved = await run('send', () => call('council', 'saveMeetingRules', checked.data))
    if (saved) setStatus('已保存，下次安排会议起按新规则')
  }

  return (
    <View className="vh-card">
      <View className="suggest-field">
        <View className="suggest-field__label">开会要提前几天通知</View>
        <ChoiceButtons
          options={noticeChoices}
          labels={noticeLabels}
          value={noticeDays}
          size="large"
          onChange={setNoticeDays}
        />
        <FieldMessage error={error} field="noticeDays" />
      </View>
      <View className="suggest-field">
        <View className="suggest-field__label">到会多少成员才能开会（不能少于一半）</View>
        <ChoiceButtons
          options={quorumKeys}
          labels={quorumLabels}
          value={quorum}
          onChange={setQuorum}
        />
        <View className="vh-muted">
          比如 {exampleMembers} 名成员，至少到 {quorumCount(exampleMembers, shareOf(quorum))}{' '}
          人才能开会。
        </View>
        <FieldMessage error={error} field="quorum" />
      </View>
      <View className="suggest-field">
        <View className="suggest-field__label">到会的人中多少同意，议题才算通过</View>
        <ChoiceButtons
          options={passKeys}
          labels={passLabels}
          value={passThreshold}
          onChange={setPassThreshold}
        />
        <View className="vh-muted">
          比如到会 {exampleMembers} 人，至少 {votesToPass(exampleMembers, shareOf(passThreshold))}{' '}
          人同意才通过；弃权和没投的不算同意。
        </View>
        <FieldMessage error={error} field="passThreshold" />
      </View>
      <View className="suggest-field">
        <View className="suggest-field__label">积分管理细则（每次得几分）</View>
        {pointFields.map(({ key, label }) => (
          <View key={key} className="suggest-field">
            <View className="vh-text">{label}（分）</View>
            <Input
              className="suggest-input"
              type="number"
              value={points[key]}
              placeholder="填 0 到 100"
              onChange={(value) => setPoints((old) => ({ ...old, [key]: value }))}
            />
            <FieldMessage error={error} field={`points.${key}`} />
          </View>
        ))}
      </View>
      <FieldMessage error={error} field="" />
      <Button
        className="suggest-button"
        type="primary"
        block
        disabled={busy !== null}
        loading={busy !== null}
        onClick={() => void save()}
      >
        保存议事规则
      </Button>
      {status ? (
        <View className="vh-success" {...ariaRole('status')}>
          {status}
        </View>
      ) : null}
    </View>
  )
}

import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  councilContract,
  councilRoles,
  type Suggestion,
  type Topic,
} from '../../../../types/council'
import { makesTopics } from '../../../../types/council-roles'
import { validate } from '../../../../types/validation'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { useSend } from '../../../hooks/use-send'
import { call } from '../../../services/api'
import { useMe } from '../../../services/me'
import { ariaRole } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../../suggest/components/navigation'
import { Photos, SuggestionHead } from '../../../suggest/components/suggestion-card'
import { topicPages } from '../../components/topic-pages'
import '../../../suggest/components/suggest.css'

/** Topics a suggestion can still be merged into (the server's rule for addToTopic). */
const openTopicStatuses: readonly Topic['status'][] = [
  'draft',
  'submitted',
  'approved',
  'scheduled',
]

/** The council's inbox: new suggestions, oldest first, to answer, decline or release. */
export default function InboxPage() {
  return (
    <RoleGate
      roles={councilRoles}
      title="议事会收件箱"
      area="议事会收件箱"
      className="suggest-page"
    >
      <Inbox />
    </RoleGate>
  )
}

function Inbox() {
  const inbox = useQuery('council', 'inbox')
  const makes = makesTopics(useMe().me?.roles ?? [])
  const [open, setOpen] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [replaced, setReplaced] = useState<Record<string, Suggestion>>({})

  const handled = (message: string) => {
    setDone(message)
    setOpen(null)
    void inbox.reload()
  }
  return (
    <PageShell
      className="suggest-page"
      title="议事会收件箱"
      loading={inbox.loading && !inbox.data}
      error={inbox.error}
      onRetry={inbox.reload}
    >
      <View className="vh-muted suggest-intro">
        村民提的新建议，先提的在前。每一条都要有个回音：答复，或者写明原因不采纳。
      </View>
      {done ? (
        <View className="vh-success suggest-kept" {...ariaRole('status')}>
          {done}
        </View>
      ) : null}
      {inbox.data?.length === 0 ? <View className="vh-empty">没有待处理的建议</View> : null}
      {inbox.data?.map((listed) => {
        const suggestion = replaced[listed.id] ?? listed
        return (
          <InboxItem
            key={suggestion.id}
            suggestion={suggestion}
            open={open === suggestion.id}
            onOpen={() => setOpen(open === suggestion.id ? null : suggestion.id)}
            onReleased={(released) => setReplaced((old) => ({ ...old, [released.id]: released }))}
            onHandled={handled}
            makesTopics={makes}
          />
        )
      })}
      <BackLink />
    </PageShell>
  )
}

type Step = 'release' | 'answer' | 'decline' | 'topic'

function InboxItem(props: {
  suggestion: Suggestion
  open: boolean
  onOpen: () => void
  onReleased: (suggestion: Suggestion) => void
  onHandled: (message: string) => void
  makesTopics: boolean
}) {
  const { suggestion } = props
  const [text, setText] = useState('')
  const { error, setError, busy, run } = useSend<Step>()
  const author = suggestion.filedByName ?? '村民'

  const release = async () => {
    const released = await run('release', () =>
      call('council', 'release', { suggestionId: suggestion.id }),
    )
    if (released) props.onReleased(released)
  }

  const answer = async () => {
    const checked = validate(
      councilContract.answer.input,
      { suggestionId: suggestion.id, answer: text },
      { answer: '答复' },
    )
    if (!checked.ok) return setError(checked.error)
    const answered = await run('answer', () => call('council', 'answer', checked.data))
    if (answered) props.onHandled(`已答复“${suggestion.title}”，${author}会在消息里看到。`)
  }

  const decline = async () => {
    const checked = validate(
      councilContract.decline.input,
      { suggestionId: suggestion.id, reason: text },
      { reason: '不采纳的原因' },
    )
    if (!checked.ok) return setError(checked.error)
    const declined = await run('decline', () => call('council', 'decline', checked.data))
    if (declined) props.onHandled(`已回复“${suggestion.title}”不采纳，${author}会看到原因。`)
  }

  const newTopic = async () => {
    const topic = await run('topic', () =>
      call('council', 'createTopic', { suggestionIds: [suggestion.id], title: suggestion.title }),
    )
    if (topic) {
      props.onHandled(`已把“${suggestion.title}”列为议题。`)
      void Taro.navigateTo({ url: topicPages.topic(topic.id) })
    }
  }

  const merge = async (topicId: string, title: string) => {
    const merged = await run('topic', () =>
      call('council', 'addToTopic', { topicId, suggestionIds: [suggestion.id] }),
    )
    if (merged) props.onHandled(`已把“${suggestion.title}”并入议题“${title}”。`)
  }

  return (
    <View className="vh-card suggest-card">
      <SuggestionHead suggestion={suggestion} />
      <View className="vh-text">
        提建议的人：{author}
        {suggestion.showName ? '（同意公开名字）' : '（不公开名字）'}
      </View>
      <View className="suggest-card__body">{suggestion.body}</View>
      <Photos photos={suggestion.photos} />
      {suggestion.contentCheck === 'held' ? (
        <View className="suggest-notice" {...ariaRole('note')}>
          这条建议先放着没公开：请看一下内容是否文明、适合公开。没有问题就放行，村里照常处理。
          <Button
            className="suggest-button"
            fill="outline"
            disabled={busy !== null}
            loading={busy === 'release'}
            onClick={() => void release()}
          >
            内容没问题，放行
          </Button>
        </View>
      ) : null}
      {props.open ? (
        <View className="suggest-field suggest-card__reply">
          <View className="suggest-field__label">给{author}的答复，或不采纳的原因</View>
          <TextArea
            className="suggest-input"
            value={text}
            placeholder="用大白话写，村民能看懂"
            maxLength={inputMaxLength(500)}
            autoSize
            onChange={setText}
          />
          <FieldMessage error={error} field="answer" />
          <FieldMessage error={error} field="reason" />
          <View className="suggest-actions">
            <Button
              className="suggest-button"
              type="primary"
              disabled={busy !== null}
              loading={busy === 'answer'}
              onClick={() => void answer()}
            >
              答复
            </Button>
            <Button
              className="suggest-button"
              fill="outline"
              disabled={busy !== null}
              loading={busy === 'decline'}
              onClick={() => void decline()}
            >
              不采纳
            </Button>
          </View>
          {props.makesTopics ? (
            <TopicChoice busy={busy} onNew={() => void newTopic()} onMerge={merge} />
          ) : null}
        </View>
      ) : (
        <Button className="suggest-button" type="primary" block onClick={props.onOpen}>
          处理这条建议
        </Button>
      )}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="suggestionId" />
    </View>
  )
}

/** 列为议题: a new topic of this suggestion, or merged into a topic still open to more. */
function TopicChoice(props: {
  busy: Step | null
  onNew: () => void
  onMerge: (topicId: string, title: string) => Promise<void>
}) {
  const topics = useQuery('council', 'topics', {})
  const open = (topics.data ?? []).filter((topic) => openTopicStatuses.includes(topic.status))
  return (
    <View className="suggest-field suggest-card__reply">
      <View className="suggest-field__label">或者列为议题，拿到会上商量</View>
      <Button
        className="suggest-button"
        fill="outline"
        block
        disabled={props.busy !== null}
        loading={props.busy === 'topic'}
        onClick={props.onNew}
      >
        列为新议题
      </Button>
      {open.map((topic) => (
        <Button
          key={topic.id}
          className="suggest-button"
          fill="outline"
          block
          disabled={props.busy !== null}
          onClick={() => void props.onMerge(topic.id, topic.title)}
        >
          并入议题：{topic.title}
        </Button>
      ))}
    </View>
  )
}

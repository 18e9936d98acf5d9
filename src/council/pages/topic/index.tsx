import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import {
  councilContract,
  councilRoles,
  preReviewOutcomeLabels,
  preReviewSchema,
  topicStatusLabels,
  type PreReview,
  type Topic,
  type TopicMaterial,
} from '../../../../types/council'
import { makesTopics } from '../../../../types/council-roles'
import { formatVillageDateTime } from '../../../../types/village-time'
import { validate, type FieldError } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { useSend } from '../../../hooks/use-send'
import { call } from '../../../services/api'
import { useMe } from '../../../services/me'
import { ariaRole, focusable } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../../suggest/components/navigation'
import { topicTone } from '../../components/topic-pages'
import '../../../suggest/components/suggest.css'

/** One topic: where it came from, its preparation, its 会前预审, and the next step. */
export default function TopicPage() {
  return (
    <RoleGate roles={councilRoles} title="议题" area="议题" className="suggest-page">
      <TopicScreen />
    </RoleGate>
  )
}

function TopicScreen() {
  const { params } = useRouter()
  const topicId = params.id ?? ''
  const query = useQuery('council', 'topic', { topicId })
  const [changed, setChanged] = useState<Topic | null>(null)
  const topic = changed ?? query.data
  const roles = useMe().me?.roles ?? []
  return (
    <PageShell
      className="suggest-page"
      title="议题"
      loading={query.loading && !topic}
      error={topicId ? query.error : '没有找到这个议题'}
      onRetry={query.reload}
    >
      {topic ? (
        <>
          <TopicView topic={topic} />
          {topic.status === 'draft' && makesTopics(roles) ? (
            <Preparation key={topic.updatedAt} topic={topic} onChanged={setChanged} />
          ) : null}
          {topic.status === 'submitted' && roles.includes('partyReviewer') ? (
            <PreReviewForm topic={topic} onChanged={setChanged} />
          ) : null}
        </>
      ) : null}
      <BackLink />
    </PageShell>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <View className="suggest-card__section">{title}</View>
      {children}
    </>
  )
}

function TopicView({ topic }: { topic: Topic }) {
  return (
    <View className="vh-card suggest-card">
      <View className="suggest-head">
        <Text className="suggest-head__title">{topic.title}</Text>
        <Text className={`vh-tag suggest-tag suggest-tag--${topicTone(topic)}`}>
          {topicStatusLabels[topic.status]}
        </Text>
      </View>
      <View className="vh-muted">
        {topic.createdByName} 列为议题 · {formatVillageDateTime(topic.createdAt)}
      </View>
      <Section title="来自这些建议">
        {topic.suggestions.map((suggestion) => (
          <View key={suggestion.id} className="vh-text">
            · {suggestion.title}（{suggestion.filedByName}）
          </View>
        ))}
      </Section>
      <Section title="背景">
        <View className="suggest-card__body">{topic.background || '还没有写'}</View>
      </Section>
      <Section title="方案">
        <View className="suggest-card__body">{topic.options || '还没有写'}</View>
      </Section>
      <Section title="材料清单">
        {topic.materials.length === 0 ? <View className="vh-muted">还没有列材料</View> : null}
        {topic.materials.map((material) => (
          <View key={material.item} className={material.ready ? 'vh-success' : 'vh-danger'}>
            {material.ready ? '✓ 已备齐' : '○ 未备齐'}：{material.item}
          </View>
        ))}
      </Section>
      {topic.preReviews.length > 0 ? (
        <Section title="会前预审">
          {topic.preReviews.map((review) => (
            <ReviewRecord key={review.at} review={review} />
          ))}
        </Section>
      ) : null}
    </View>
  )
}

function ReviewRecord({ review }: { review: PreReview }) {
  return (
    <View className="suggest-step">
      <View className="suggest-step__head">
        <Text className="suggest-step__label">{review.outcomeLabel}</Text>
        <Text className="suggest-step__at">
          {review.reviewedByName} · {formatVillageDateTime(review.at)}
        </Text>
      </View>
      {review.note ? <View className="suggest-step__text">{review.note}</View> : null}
      {review.law ? <View className="suggest-step__text">依据：{review.law}</View> : null}
      {review.article ? (
        <View className="suggest-step__article" {...ariaRole('note')}>
          村规民约第 {review.article.number} 条：{review.article.text}
        </View>
      ) : null}
    </View>
  )
}

type OnChanged = (topic: Topic) => void

/** 准备: background, options and the materials checklist; then 提交会前预审. */
function Preparation({ topic, onChanged }: { topic: Topic; onChanged: OnChanged }) {
  const [background, setBackground] = useState(topic.background)
  const [options, setOptions] = useState(topic.options)
  const [materials, setMaterials] = useState<TopicMaterial[]>(topic.materials)
  const [newItem, setNewItem] = useState('')
  const { error, setError, busy, run } = useSend<'save' | 'submit'>()

  const save = async (): Promise<Topic | null> => {
    const checked = validate(
      councilContract.editTopic.input,
      { topicId: topic.id, title: topic.title, background, options, materials },
      { background: '背景', options: '方案', item: '材料' },
    )
    if (!checked.ok) {
      setError(checked.error)
      return null
    }
    return call('council', 'editTopic', checked.data)
  }
  const finish = async (step: 'save' | 'submit', work: () => Promise<Topic | null>) => {
    const topic = await run(step, work)
    if (topic) onChanged(topic)
  }
  const add = () => {
    const item = newItem.trim()
    if (!item) return setError({ field: 'item', message: '请先写下材料的名字' })
    if (materials.some((material) => material.item === item)) {
      return setError({ field: 'item', message: '清单里已经有这项材料了' })
    }
    setError(null)
    setMaterials([...materials, { item, ready: false }])
    setNewItem('')
  }
  const unready = materials.filter((material) => !material.ready).length

  return (
    <View className="vh-card">
      <View className="vh-section-title">准备议题</View>
      <View className="suggest-field">
        <View className="suggest-field__label">背景（是什么情况）</View>
        <TextArea
          className="suggest-input"
          value={background}
          maxLength={inputMaxLength(2000)}
          autoSize
          onChange={setBackground}
        />
        <FieldMessage error={error} field="background" />
      </View>
      <View className="suggest-field">
        <View className="suggest-field__label">方案（打算怎么办）</View>
        <TextArea
          className="suggest-input"
          value={options}
          maxLength={inputMaxLength(2000)}
          autoSize
          onChange={setOptions}
        />
        <FieldMessage error={error} field="options" />
      </View>
      <View className="suggest-field">
        <View className="suggest-field__label">材料清单（点一下改成已备齐）</View>
        {materials.map((material, index) => (
          <View key={material.item} className="suggest-material">
            <View
              className={`vh-tap suggest-material__item ${material.ready ? 'vh-success' : 'vh-danger'}`}
              {...ariaRole('checkbox')}
              {...focusable()}
              aria-checked={material.ready}
              onClick={() =>
                setMaterials(
                  materials.map((other, at) =>
                    at === index ? { ...other, ready: !other.ready } : other,
                  ),
                )
              }
            >
              {material.ready ? '✓ 已备齐' : '○ 未备齐'}：{material.item}
            </View>
            <View
              className="vh-link vh-tap"
              {...ariaRole('button')}
              {...focusable()}
              onClick={() => setMaterials(materials.filter((_, at) => at !== index))}
            >
              删除
            </View>
          </View>
        ))}
        <View className="suggest-material">
          <Input
            className="suggest-input suggest-material__new"
            value={newItem}
            placeholder="如：现场照片、费用测算"
            maxLength={inputMaxLength(40)}
            onChange={setNewItem}
          />
          <Button className="suggest-button" fill="outline" onClick={add}>
            添加
          </Button>
        </View>
        <FieldMessage error={error} field="item" />
        <FieldMessage error={error} field="materials" />
      </View>
      <FieldMessage error={error} field="" />
      <View className="suggest-actions">
        <Button
          className="suggest-button"
          fill="outline"
          disabled={busy !== null}
          loading={busy === 'save'}
          onClick={() => void finish('save', save)}
        >
          保存
        </Button>
        <Button
          className="suggest-button"
          type="primary"
          disabled={busy !== null}
          loading={busy === 'submit'}
          onClick={() =>
            void finish('submit', async () => {
              if (unready > 0) {
                setError({
                  field: '',
                  message: `还有 ${unready} 项材料没有备齐，备齐了才能提交预审`,
                })
                return null
              }
              // What is on the screen is what the reviewer reads: saved first.
              const saved = await save()
              return saved ? call('council', 'submitTopic', { topicId: topic.id }) : null
            })
          }
        >
          提交会前预审
        </Button>
      </View>
    </View>
  )
}

const outcomes = ['approved', 'insufficientPreparation', 'coveredByLaw', 'coveredByRules'] as const
type Outcome = (typeof outcomes)[number]

/** 会前预审 by 村党组织: approve, or exactly one reason not to deliberate, with what it needs. */
function PreReviewForm({ topic, onChanged }: { topic: Topic; onChanged: OnChanged }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [note, setNote] = useState('')
  const [law, setLaw] = useState('')
  const [articleId, setArticleId] = useState<string | null>(null)
  const { error, setError, busy, run } = useSend()

  const send = async () => {
    const checked = validate(
      preReviewSchema,
      {
        topicId: topic.id,
        outcome: outcome ?? undefined,
        ...(outcome === 'approved' || outcome === 'insufficientPreparation' ? { note } : {}),
        ...(outcome === 'coveredByLaw' ? { law } : {}),
        ...(outcome === 'coveredByRules' ? { articleId: articleId ?? undefined } : {}),
      },
      {
        outcome: '预审结果',
        note: outcome === 'insufficientPreparation' ? '要补充的内容' : '意见',
        law: '法律政策',
        articleId: '村规条款',
      },
    )
    if (!checked.ok) return setError(checked.error)
    const reviewed = await run('send', () => call('council', 'preReview', checked.data))
    if (reviewed) onChanged(reviewed)
  }

  return (
    <View className="vh-card">
      <View className="vh-section-title">会前预审</View>
      <ChoiceButtons
        options={outcomes}
        labels={preReviewOutcomeLabels}
        value={outcome}
        onChange={setOutcome}
      />
      <FieldMessage error={error} field="outcome" />
      {outcome === 'approved' || outcome === 'insufficientPreparation' ? (
        <View className="suggest-field">
          <View className="suggest-field__label">
            {outcome === 'approved' ? '意见（可以不写）' : '要补充什么（必须写）'}
          </View>
          <TextArea
            className="suggest-input"
            value={note}
            maxLength={inputMaxLength(500)}
            autoSize
            onChange={setNote}
          />
          <FieldMessage error={error} field="note" />
        </View>
      ) : null}
      {outcome === 'coveredByLaw' ? (
        <View className="suggest-field">
          <View className="suggest-field__label">哪条法律或政策已有规定</View>
          <Input
            className="suggest-input"
            value={law}
            placeholder="如：《村民委员会组织法》第二十四条"
            maxLength={inputMaxLength(200)}
            onChange={setLaw}
          />
          <FieldMessage error={error} field="law" />
        </View>
      ) : null}
      {outcome === 'coveredByRules' ? (
        <ArticlePicker value={articleId} onChange={setArticleId} error={error} />
      ) : null}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="topicId" />
      <Button
        className="suggest-button"
        type="primary"
        block
        disabled={busy !== null}
        loading={busy !== null}
        onClick={() => void send()}
      >
        提交预审结果
      </Button>
    </View>
  )
}

/** An article of the current rules, the one the villagers behind the topic will read. */
function ArticlePicker(props: {
  value: string | null
  onChange: (articleId: string) => void
  error: FieldError | null
}) {
  const rules = useQuery('rules', 'current')
  const articles = rules.data?.chapters.flatMap((chapter) => chapter.articles) ?? []
  return (
    <View className="suggest-field">
      <View className="suggest-field__label">村规民约哪一条已有约定（点一下选中）</View>
      {rules.loading && !rules.data ? <View className="vh-muted">正在读取村规…</View> : null}
      {rules.error ? <View className="vh-danger">{rules.error.message}</View> : null}
      {rules.data === null ? <View className="vh-danger">村里还没有发布村规民约</View> : null}
      <View {...ariaRole('radiogroup')}>
        {articles.map((article) => (
          <View
            key={article.id}
            className={`vh-tap suggest-article${props.value === article.id ? ' suggest-article--chosen' : ''}`}
            {...ariaRole('radio')}
            {...focusable()}
            aria-checked={props.value === article.id}
            onClick={() => props.onChange(article.id)}
          >
            {props.value === article.id ? '✓ ' : ''}第 {article.number} 条：{article.text}
          </View>
        ))}
      </View>
      <FieldMessage error={props.error} field="articleId" />
    </View>
  )
}

import { Image, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import {
  suggestionCategoryLabels,
  suggestionStatusLabels,
  type Suggestion,
  type SuggestionStep,
} from '../../../types/council'
import type { Photo } from '../../../types/photos'
import { formatVillageDateTime } from '../../../types/village-time'
import { photoSrc } from '../../services/photo-upload'
import { ariaRole } from '../../utils/a11y'
import RateOutcome, { canRate } from './rate-outcome'
import './suggest.css'

/** What each step of a suggestion's way is called on its timeline. */
export const stepLabels: Record<SuggestionStep['kind'], string> = {
  filed: '已提交',
  held: '等议事会成员看过',
  refused: '没有提交成功',
  released: '看过了，照常处理',
  answered: '议事会答复',
  declined: '没有采纳',
  inTopic: '列为议题',
  submitted: '提交会前预审',
  approved: '通过会前预审',
  sentBack: '预审要求补充准备',
  notDeliberated: '不上会讨论',
  onAgenda: '安排上会',
  passed: '议事会通过，形成决议',
  notPassed: '议事会没有通过',
  progress: '办理进展',
  finished: '已办完，等销号',
  closedOut: '已销号',
  rated: '我的评价',
}

/** Where a suggestion stands, in a word or two: the content check first, then its status. */
export function standing(suggestion: Pick<Suggestion, 'status' | 'contentCheck'>): {
  label: string
  tone: 'waiting' | 'done' | 'stopped'
} {
  if (suggestion.contentCheck === 'refused') return { label: '没有提交成功', tone: 'stopped' }
  if (suggestion.status === 'received' && suggestion.contentCheck === 'held') {
    return { label: '等议事会成员看过', tone: 'waiting' }
  }
  const tone =
    suggestion.status === 'declined'
      ? 'stopped'
      : suggestion.status === 'received'
        ? 'waiting'
        : 'done'
  return { label: suggestionStatusLabels[suggestion.status], tone }
}

/** The held or refused suggestion's notice, in plain words; what to do next, if anything. */
export function checkNotice(suggestion: Pick<Suggestion, 'status' | 'contentCheck'>) {
  if (suggestion.contentCheck === 'refused') {
    return '这条建议没有交给议事会：里面有不文明或不适合公开的话。请改一改，再提交一次。'
  }
  if (suggestion.contentCheck === 'held' && suggestion.status === 'received') {
    return '这条建议要先请议事会成员看一下再公开，看过没有问题就照常处理，您不用重新提交。'
  }
  return null
}

/** What happens next to a suggestion still waiting for the council. */
function nextStep(suggestion: Suggestion): string | null {
  if (suggestion.status !== 'received' || suggestion.contentCheck === 'refused') return null
  return '接下来：议事会成员会答复您，或者把它列为议题，拿到乡村夜话上商量。'
}

export function StandingTag({
  suggestion,
}: {
  suggestion: Pick<Suggestion, 'status' | 'contentCheck'>
}) {
  const { label, tone } = standing(suggestion)
  return <Text className={`vh-tag suggest-tag suggest-tag--${tone}`}>{label}</Text>
}

/** A suggestion's head: title, where it stands, its category and when it was filed. */
export function SuggestionHead({
  suggestion,
  children,
}: {
  suggestion: Suggestion
  children?: ReactNode
}) {
  return (
    <>
      <View className="suggest-head">
        <Text className="suggest-head__title">{suggestion.title}</Text>
        <StandingTag suggestion={suggestion} />
      </View>
      <View className="vh-muted">
        {suggestionCategoryLabels[suggestion.category]} ·{' '}
        {formatVillageDateTime(suggestion.filedAt)}
        {children}
      </View>
    </>
  )
}

/** Every step of a suggestion's way, oldest first, each with its words and its time. */
export function Timeline({ steps }: { steps: SuggestionStep[] }) {
  return (
    <View className="suggest-timeline" {...ariaRole('list')}>
      {steps.map((step, index) => (
        <View
          key={`${step.at}-${index}`}
          className={`suggest-step suggest-step--${step.kind}`}
          {...ariaRole('listitem')}
        >
          <View className="suggest-step__head">
            <Text className="suggest-step__label">{stepLabels[step.kind]}</Text>
            <Text className="suggest-step__at">{formatVillageDateTime(step.at)}</Text>
          </View>
          {step.text ? (
            <View className="suggest-step__text">
              {step.kind === 'declined' ? `原因：${step.text}` : step.text}
            </View>
          ) : null}
          {step.article ? (
            <View className="suggest-step__article" {...ariaRole('note')}>
              村规民约第 {step.article.number} 条：{step.article.text}
            </View>
          ) : null}
          <Photos photos={step.photos} />
        </View>
      ))}
    </View>
  )
}

/** An item's photos this reader may see (a suggestion, a progress report), each with what the check said to its owner. */
export function Photos({ photos }: { photos: Photo[] }) {
  if (photos.length === 0) return null
  return (
    <View className="suggest-photos">
      {photos.map((photo, index) => {
        const src = photoSrc(photo)
        return (
          <View key={photo.id} className="suggest-photos__item">
            {src ? (
              <Image
                className="suggest-photos__thumb"
                src={src}
                mode="aspectFill"
                aria-label={`第 ${index + 1} 张照片`}
              />
            ) : (
              <View className="suggest-photos__thumb suggest-photos__thumb--empty">照片</View>
            )}
            {photo.checkNote ? (
              <View className="suggest-photos__note">{photo.checkNote}</View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}

/**
 * One of my suggestions: what I wrote, where it stands, its whole way so far, and, once it is
 * closed out, my rating of it.
 */
export default function SuggestionCard(props: { suggestion: Suggestion; onRated: () => void }) {
  const { suggestion } = props
  const notice = checkNotice(suggestion)
  const next = nextStep(suggestion)
  return (
    <View className="vh-card suggest-card">
      <SuggestionHead suggestion={suggestion}>
        {suggestion.showName ? ' · 公开我的名字' : ' · 不公开名字'}
      </SuggestionHead>
      <View className="suggest-card__body">{suggestion.body}</View>
      <Photos photos={suggestion.photos} />
      {notice ? (
        <View
          className={`suggest-notice suggest-notice--${suggestion.contentCheck}`}
          {...ariaRole('note')}
        >
          {notice}
        </View>
      ) : null}
      <View className="suggest-card__section">办理经过</View>
      <Timeline steps={suggestion.steps} />
      {next ? <View className="vh-muted suggest-card__next">{next}</View> : null}
      {canRate(suggestion) ? <RateOutcome suggestion={suggestion} onRated={props.onRated} /> : null}
    </View>
  )
}

import { View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  councilContract,
  councilRatingLabels,
  councilRatings,
  type CouncilRating,
  type Suggestion,
} from '../../../types/council'
import { validate, type FieldError } from '../../../types/validation'
import ChoiceButtons from '../../components/choice-buttons'
import FieldMessage, { FormField } from '../../components/field-message'
import { call, fieldErrorOf } from '../../services/api'
import { inputMaxLength } from '../../utils/input-max-length'
import './suggest.css'

/** Whether the author may rate it now: closed out (销号) and not rated yet. */
export const canRate = (suggestion: Suggestion) =>
  suggestion.rating === null && suggestion.steps.some((step) => step.kind === 'closedOut')

/**
 * The author's one rating of what came of their suggestion, once it is closed out. A rating
 * given shows on the timeline (its `rated` step), so this form is only for the one not given.
 */
export default function RateOutcome(props: { suggestion: Suggestion; onRated: () => void }) {
  const [rating, setRating] = useState<CouncilRating | null>(null)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const [sending, setSending] = useState(false)
  const submit = async () => {
    const checked = validate(
      councilContract.rateSuggestion.input,
      { suggestionId: props.suggestion.id, rating: rating ?? undefined, comment },
      { rating: '评价', comment: '想说的话' },
    )
    if (!checked.ok) {
      setError(
        checked.error.field === 'rating'
          ? { field: 'rating', message: '请先选满意、基本满意或不满意' }
          : checked.error,
      )
      return
    }
    setError(null)
    setSending(true)
    try {
      await call('council', 'rateSuggestion', checked.data)
      props.onRated()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有提交成功，请重试'))
      setSending(false)
    }
  }
  return (
    <View className="suggest-rate">
      <FormField
        block="suggest-field"
        label="事情已经销号，您满意吗？（只能评一次）"
        field="rating"
        error={error}
      >
        <ChoiceButtons
          options={councilRatings}
          labels={councilRatingLabels}
          value={rating}
          onChange={setRating}
        />
      </FormField>
      <FormField block="suggest-field" label="想说的话（可以不写）" field="comment" error={error}>
        <TextArea
          className="suggest-input"
          value={comment}
          maxLength={inputMaxLength(300)}
          autoSize
          onChange={setComment}
        />
      </FormField>
      <FieldMessage error={error} field="" />
      <Button
        className="suggest-button"
        type="primary"
        block
        disabled={sending}
        loading={sending}
        onClick={() => void submit()}
      >
        提交评价
      </Button>
    </View>
  )
}

import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { z } from 'zod'
import { validate, type FieldError } from '../../../../types/validation'
import { fieldErrorOf } from '../../../services/api'
import FieldMessage from '../../../components/field-message'
import { parseWholeNumber } from '../../components/numbers'

/** A limits form's boxes as typed: whole-number boxes, and the free-text 说明 (`note`). */
export type LimitTexts<N extends string> = Record<N | 'note', string>

interface LimitFormSpec<N extends string, S extends z.ZodType> {
  /** The limit as saved, in the boxes' words. */
  saved: LimitTexts<N>
  /** What the payload carries besides the boxes: which limit this is. */
  fixed?: Record<string, unknown>
  schema: S
  labels: Record<string, string>
  /** Saves a valid payload and answers the limit as now saved, in the boxes' words. */
  send: (input: z.output<S>) => Promise<LimitTexts<N>>
}

export interface LimitForm<N extends string> {
  texts: LimitTexts<N>
  edit: (key: N | 'note', value: string) => void
  error: FieldError | null
  saving: boolean
  /** A short word beside 保存 about the last press: saved, or nothing to save. */
  status: string | null
  save: () => Promise<void>
}

/**
 * Editing one limits form that has its own 保存: a press with nothing changed says so instead of
 * writing, and a bad number is named, with the schema the server uses, before anything is sent.
 */
export function useLimitForm<N extends string, S extends z.ZodType>(
  spec: LimitFormSpec<N, S>,
): LimitForm<N> {
  const [saved, setSaved] = useState(spec.saved)
  const [texts, setTexts] = useState(spec.saved)
  const [error, setError] = useState<FieldError | null>(null)
  const [saving, setSaving] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const numberFields = (Object.keys(texts) as (N | 'note')[]).filter((key) => key !== 'note')
  // Spaces typed around the same digits are no change.
  const changed =
    texts.note !== saved.note || numberFields.some((key) => texts[key].trim() !== saved[key])

  const edit = (key: N | 'note', value: string) => {
    setTexts((old) => ({ ...old, [key]: value }))
    setStatus(null)
  }

  const save = async () => {
    setError(null)
    if (!changed) {
      setStatus('没有改动，不用保存')
      return
    }
    const input = {
      ...spec.fixed,
      ...Object.fromEntries(numberFields.map((key) => [key, parseWholeNumber(texts[key])])),
      note: texts.note,
    }
    const result = validate(spec.schema, input, spec.labels)
    if (!result.ok) {
      setError(result.error)
      return
    }
    setSaving(true)
    try {
      const updated = await spec.send(result.data)
      setSaved(updated)
      setTexts(updated)
      setStatus('已保存')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
    } finally {
      setSaving(false)
    }
  }

  return { texts, edit, error, saving, status, save }
}

/** The foot of a limits form: a whole-form error, the last press's word and the 保存 button. */
export function LimitSaveBar({
  form,
  label,
}: {
  form: Pick<LimitForm<string>, 'error' | 'saving' | 'status' | 'save'>
  label: string
}) {
  return (
    <>
      <FieldMessage error={form.error} field="" />
      <View className="admin-actions limits-row__actions">
        {form.status ? <View className="vh-success limits-row__saved">{form.status}</View> : null}
        <Button
          className="admin-button"
          type="primary"
          disabled={form.saving}
          loading={form.saving}
          onClick={() => void form.save()}
        >
          {label}
        </Button>
      </View>
    </>
  )
}

import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, DatePicker, Input, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { ceremonyTypeLabels, ceremonyTypes, type CeremonyType } from '../../../../types/ceremony'
import { filingSchema, type FilingForm } from '../../../../types/ceremony-filing'
import {
  deadlineText,
  figureApplies,
  filingTimeProblem,
  limitFields,
  limitKinds,
  type LimitKind,
} from '../../../../types/ceremony-filing-rules'
import { validate, type FieldError } from '../../../../types/validation'
import { addVillageDays, formatVillageDate } from '../../../../types/village-time'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage, { FormField, scrollToField } from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { inputMaxLength } from '../../../utils/input-max-length'
import {
  deadlineOf,
  draftLabels,
  draftMarks,
  earliestDay,
  emptyDraft,
  toFilingInput,
  type FilingDraft,
} from '../../components/filing-draft'
import { MarkList } from '../../components/filing-view'
import { BackLink, filingPages } from '../../components/navigation'
import '../../components/filing.css'

/** 红白喜事报备: the family's form, each figure marked at once against the village's limits. */
export default function NewFilingPage() {
  const form = useQuery('ceremonyFiling', 'form')
  return (
    <PageShell
      className="filing-page"
      title="红白喜事报备"
      loading={form.loading && !form.data}
      error={form.error}
      onRetry={form.reload}
    >
      {form.data ? <FilingFormView form={form.data} /> : null}
      <BackLink />
    </PageShell>
  )
}

function FilingFormView({ form }: { form: FilingForm }) {
  const [draft, setDraft] = useState<FilingDraft>(emptyDraft)
  const [error, setError] = useState<FieldError | null>(null)
  const [sending, setSending] = useState(false)
  const [pickingDate, setPickingDate] = useState(false)
  const edit = (changes: Partial<FilingDraft>) => setDraft((old) => ({ ...old, ...changes }))
  const editFigure = (kind: LimitKind, value: string) =>
    setDraft((old) => ({ ...old, figures: { ...old.figures, [kind]: value } }))

  const marks = draftMarks(draft, form)
  const rule = draft.ceremonyType ? deadlineOf(form, draft.ceremonyType) : null
  const timing =
    rule && draft.ceremonyDate ? filingTimeProblem(draft.ceremonyDate, rule, new Date()) : null

  const chooseType = (ceremonyType: CeremonyType) => {
    const earliest = earliestDay(deadlineOf(form, ceremonyType), new Date())
    // A date already picked stays; the first choice of a type starts at its earliest day.
    edit({ ceremonyType, ceremonyDate: draft.ceremonyDate ?? earliest })
  }

  const submit = async () => {
    setError(null)
    const checked = validate(filingSchema, toFilingInput(draft), draftLabels)
    // The server says the same; saying it here spares the family a round trip on weak 4G.
    const problem = !checked.ok
      ? checked.error
      : formProblem(timing, marks.length > 0, checked.data.explanation)
    if (problem || !checked.ok) {
      if (problem) {
        setError(problem)
        scrollToField(problem.field)
      }
      return
    }
    setSending(true)
    try {
      const filing = await call('ceremonyFiling', 'file', checked.data)
      await Taro.redirectTo({ url: filingPages.detail(filing.id) })
    } catch (caught) {
      const failed = fieldErrorOf(caught, '没有报备成功，请重试')
      setError(failed)
      scrollToField(failed.field)
    } finally {
      setSending(false)
    }
  }

  return (
    <View>
      <View className="vh-muted">填写时，超过本村标准的数字会马上标出来，并写明依据的村规。</View>

      <FormField block="filing-field" label="办什么事" field="ceremonyType" error={error}>
        <ChoiceButtons
          options={ceremonyTypes}
          labels={ceremonyTypeLabels}
          value={draft.ceremonyType}
          onChange={chooseType}
          size="large"
        />
        {rule ? <View className="vh-muted">{deadlineText(rule)}</View> : null}
      </FormField>

      {draft.ceremonyType && draft.ceremonyDate ? (
        <FormField block="filing-field" label="办事日期" field="ceremonyDate" error={error}>
          <View className="filing-field__line">
            <View className="vh-title filing-date">{formatVillageDate(draft.ceremonyDate)}</View>
          </View>
          <View className="filing-actions">
            {[
              ['前一天', -1],
              ['后一天', 1],
            ].map(([label, days]) => (
              <Button
                key={label}
                className="filing-button"
                fill="outline"
                onClick={() =>
                  edit({ ceremonyDate: addVillageDays(draft.ceremonyDate as string, Number(days)) })
                }
              >
                {label}
              </Button>
            ))}
            <Button className="filing-button" fill="outline" onClick={() => setPickingDate(true)}>
              选日期
            </Button>
          </View>
          {timing ? <View className="vh-danger">{timing}</View> : null}
          <DatePicker
            title="选择办事日期"
            type="date"
            showChinese
            visible={pickingDate}
            value={new Date(`${draft.ceremonyDate}T00:00:00`)}
            startDate={new Date(`${addVillageDays(draft.ceremonyDate, -30)}T00:00:00`)}
            endDate={new Date(`${addVillageDays(draft.ceremonyDate, 365)}T00:00:00`)}
            onClose={() => setPickingDate(false)}
            onConfirm={(_, [year, month, day]) =>
              edit({
                ceremonyDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
              })
            }
          />
        </FormField>
      ) : null}

      <FormField block="filing-field" label="地点" field="place" error={error}>
        <Input
          className="filing-input"
          value={draft.place}
          placeholder="如：村文化礼堂、自家院子"
          maxLength={inputMaxLength(60)}
          onChange={(place) => edit({ place })}
        />
      </FormField>
      <FormField block="filing-field" label="主家" field="hostName" error={error}>
        <Input
          className="filing-input"
          value={draft.hostName}
          placeholder="主事人的名字"
          maxLength={inputMaxLength(20)}
          onChange={(hostName) => edit({ hostName })}
        />
      </FormField>

      {limitKinds
        .filter((kind) => !draft.ceremonyType || figureApplies(kind, draft.ceremonyType))
        .map((kind) => {
          const { label, unit, limit } = limitFields[kind]
          const mark = marks.find((candidate) => candidate.kind === kind)
          const optional = kind === 'bridePrice' ? '（可以不填）' : ''
          return (
            <FormField
              block="filing-field"
              key={kind}
              label={`${label}${optional}`}
              field={kind}
              error={error}
            >
              <View className="filing-field__line">
                <Input
                  className="filing-input"
                  type="number"
                  value={draft.figures[kind]}
                  placeholder={`本村上限 ${form.banquetLimit[limit]}`}
                  onChange={(value) => editFigure(kind, value)}
                />
                <View className="filing-unit">{unit}</View>
              </View>
              {mark ? <MarkList marks={[mark]} /> : null}
            </FormField>
          )
        })}

      <FormField
        block="filing-field"
        label={
          marks.length > 0 ? '情况说明（有数字超过标准，必须写明原因）' : '情况说明（可以不写）'
        }
        field="explanation"
        error={error}
      >
        <TextArea
          className="filing-input"
          value={draft.explanation}
          placeholder={marks.length > 0 ? '为什么要超过标准' : '可以不写'}
          maxLength={inputMaxLength(500)}
          autoSize
          onChange={(explanation) => edit({ explanation })}
        />
      </FormField>

      <FieldMessage error={error} field="" />
      <Button
        className="filing-button"
        type="primary"
        block
        disabled={sending}
        loading={sending}
        onClick={() => void submit()}
      >
        提交报备
      </Button>
    </View>
  )
}

/** What the server would refuse that the schema alone cannot tell: the deadline, the reason. */
function formProblem(timing: string | null, over: boolean, explanation: string): FieldError | null {
  if (timing) return { field: 'ceremonyDate', message: timing }
  if (over && !explanation) {
    return { field: 'explanation', message: '有数字超过了本村的标准，请写明原因' }
  }
  return null
}

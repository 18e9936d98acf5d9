import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import { textLength } from '../../../../types/common'
import {
  suggestionCategories,
  suggestionCategoryLabels,
  suggestionSchema,
} from '../../../../types/council'
import { validate, type FieldError } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage, { FormField, scrollToField } from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import PhotoPicker from '../../../components/photo-picker'
import { useSubscribeTemplates } from '../../../hooks/use-subscribe-templates'
import { ApiCallError, callWithRequestId, fieldErrorOf, newRequestId } from '../../../services/api'
import { useMe } from '../../../services/me'
import { askForSubscription } from '../../../services/subscribe'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink, suggestPages } from '../../components/navigation'
import { checkNotice } from '../../components/suggestion-card'
import {
  clearDraft,
  draftLabels,
  draftStarted,
  emptyDraft,
  loadDraft,
  saveDraft,
  toSuggestionInput,
  type SuggestionDraft,
} from '../../components/suggestion-draft'
import '../../components/suggest.css'

const nameChoices = ['show', 'hide'] as const
const nameLabels = { show: '公开我的名字', hide: '不公开名字' }

/** 提建议: one screen, kept on the phone as it is typed, sent once however often it is sent. */
export default function NewSuggestionPage() {
  const { me, loading, error, refresh } = useMe()
  return (
    <PageShell
      className="suggest-page"
      title="提建议"
      loading={loading && !me}
      error={error}
      onRetry={() => void refresh().catch(() => undefined)}
    >
      {me ? <SuggestionForm key={me.user.id} userId={me.user.id} /> : null}
      <BackLink />
    </PageShell>
  )
}

function SuggestionForm({ userId }: { userId: string }) {
  const [draft, setDraft] = useState<SuggestionDraft>(() => loadDraft(userId))
  // The latest draft for changes that arrive late (a photo whose upload ends after more typing).
  const latest = useRef(draft)
  const [restored, setRestored] = useState(() => draftStarted(draft))
  const [error, setError] = useState<FieldError | null>(null)
  const [sending, setSending] = useState(false)
  const [uploading, setUploading] = useState(false)
  const templateIds = useSubscribeTemplates('council')
  // Every keystroke is kept on the phone: closing the app or losing the network loses nothing.
  const keep = (next: SuggestionDraft) => {
    latest.current = next
    setDraft(next)
    saveDraft(userId, next)
  }
  const edit = (changes: Partial<SuggestionDraft>) => keep({ ...latest.current, ...changes })

  const submit = async () => {
    setError(null)
    const checked = validate(suggestionSchema, toSuggestionInput(draft), draftLabels)
    if (!checked.ok) {
      setError(checked.error)
      scrollToField(checked.error.field)
      return
    }
    // WeChat shows its subscribe dialog only straight from a tap, so it is asked before anything
    // is awaited (as 确认预约 does); the suggestion goes out meanwhile.
    const asked =
      templateIds.length > 0 ? askForSubscription(templateIds).catch(() => 'failed') : null
    const requestId = draft.requestId ?? newRequestId()
    // Kept before sending: if the app is closed while it is on its way, the next send is the
    // same request.
    keep({ ...latest.current, requestId })
    setSending(true)
    try {
      const suggestion = await callWithRequestId(
        requestId,
        'council',
        'fileSuggestion',
        checked.data,
      )
      if (suggestion.contentCheck === 'refused') {
        // Not handed to the council: the words stay here to change, and go as a new request.
        keep({ ...latest.current, requestId: null })
        setError({ field: '', message: checkNotice(suggestion) ?? '' })
        return
      }
      clearDraft(userId)
      await asked
      await Taro.redirectTo({ url: suggestPages.mine })
    } catch (caught) {
      const failed = fieldErrorOf(caught, '没有提交成功，请重试')
      const offline = caught instanceof ApiCallError && caught.code === 'NETWORK'
      setError(
        offline
          ? { ...failed, message: `${failed.message}。写好的内容已经存在手机上，不会丢。` }
          : failed,
      )
      scrollToField(failed.field)
    } finally {
      setSending(false)
    }
  }

  const startOver = () => {
    keep(emptyDraft)
    setRestored(false)
    setError(null)
  }

  return (
    <View>
      <View className="vh-muted suggest-intro">
        写下村里哪里需要改进。议事会会答复您，每一步都能在“我的建议”里看到。写的内容会自动存在手机上。
      </View>
      {restored ? (
        <View className="suggest-kept">
          上次没写完的建议已经帮您找回来了。
          <View className="vh-link vh-tap" onClick={startOver}>
            不要了，重新写
          </View>
        </View>
      ) : null}

      <FormField block="suggest-field" label="标题（40 字以内）" field="title" error={error}>
        <Input
          className="suggest-input"
          value={draft.title}
          placeholder="一句话说清楚，如：村口路灯坏了"
          maxLength={inputMaxLength(40)}
          onChange={(title) => edit({ title })}
        />
      </FormField>

      <FormField block="suggest-field" label="什么事，在哪里" field="body" error={error}>
        <TextArea
          className="suggest-input"
          value={draft.body}
          placeholder="如：村口到小学那段路的路灯坏了三盏，晚上孩子放学看不清路"
          maxLength={inputMaxLength(1000)}
          autoSize
          onChange={(body) => edit({ body })}
        />
        <View className="suggest-field__hint">已写 {textLength(draft.body)} 字，最多 1000 字</View>
      </FormField>

      <FormField block="suggest-field" label="是哪方面的事" field="category" error={error}>
        <ChoiceButtons
          options={suggestionCategories}
          labels={suggestionCategoryLabels}
          value={draft.category}
          onChange={(category) => edit({ category })}
        />
      </FormField>

      <FormField block="suggest-field" label="照片" field="photoIds" error={error}>
        <PhotoPicker
          value={draft.photos}
          onChange={(photos) => edit({ photos })}
          onBusyChange={setUploading}
        />
      </FormField>

      <FormField
        block="suggest-field"
        label="公开栏上写不写我的名字"
        field="showName"
        error={error}
      >
        <ChoiceButtons
          options={nameChoices}
          labels={nameLabels}
          value={draft.showName ? 'show' : 'hide'}
          onChange={(choice) => edit({ showName: choice === 'show' })}
        />
        <View className="suggest-field__hint">议事会成员都能看到是谁提的，这样才好回复您。</View>
      </FormField>

      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="requestId" />
      <Button
        className="suggest-button"
        type="primary"
        block
        disabled={sending || uploading}
        loading={sending}
        onClick={() => void submit()}
      >
        {uploading ? '照片还在上传…' : '提交给议事会'}
      </Button>
    </View>
  )
}

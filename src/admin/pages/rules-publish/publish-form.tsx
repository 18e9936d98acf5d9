import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, DatePicker, Dialog, Input, TextArea } from '@nutui/nutui-react-taro'
import dayjs from 'dayjs'
import { useState, type ReactNode } from 'react'
import { rulesPublishSchema, type RulesVersion } from '../../../../types/rules'
import { validate, type FieldError } from '../../../../types/validation'
import { formatVillageDate, villageDayOf } from '../../../../types/village-time'
import { articleLabel, chapterLabel } from '../../../components/rules-article-text/numbering'
import { call, fieldErrorOf } from '../../../services/api'
import FieldMessage, { fieldDomId, scrollToField } from '../../../components/field-message'
import { leavePage } from '../../components/navigation'
import {
  articleNumbers,
  draftFromVersion,
  draftLabels,
  emptyArticle,
  emptyChapter,
  toPublishInput,
  type DraftChapter,
  type RulesDraft,
} from './draft'
import { inputMaxLength } from '../../../utils/input-max-length'

/**
 * The rules form: title, adoption date, preamble, chapters and their articles, checked with the
 * API's own schema before the confirm dialog and the publish call.
 */
export default function PublishForm({ current }: { current: RulesVersion | null }) {
  const [draft, setDraft] = useState<RulesDraft>(() =>
    draftFromVersion(current, villageDayOf(new Date())),
  )
  const [error, setError] = useState<FieldError | null>(null)
  const [pickingDate, setPickingDate] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [publishing, setPublishing] = useState(false)
  const numbers = articleNumbers(draft)

  const edit = (change: Partial<RulesDraft>) => setDraft((old) => ({ ...old, ...change }))
  const editChapter = (index: number, change: (chapter: DraftChapter) => DraftChapter) =>
    setDraft((old) => ({
      ...old,
      chapters: old.chapters.map((chapter, i) => (i === index ? change(chapter) : chapter)),
    }))
  const removeChapter = (index: number) =>
    setDraft((old) => ({ ...old, chapters: old.chapters.filter((_, i) => i !== index) }))

  const check = (): boolean => {
    const result = validate(rulesPublishSchema, toPublishInput(draft), draftLabels(draft))
    if (result.ok) {
      setError(null)
      return true
    }
    showError(result.error)
    return false
  }

  const showError = (fieldError: FieldError) => {
    setError(fieldError)
    scrollToField(fieldError.field)
  }

  const publish = async () => {
    setConfirming(false)
    setPublishing(true)
    try {
      await call('rules', 'publish', toPublishInput(draft))
      void Taro.showToast({ title: '已发布', icon: 'success', duration: 1500 })
      setTimeout(leavePage, 1500)
    } catch (caught) {
      showError(fieldErrorOf(caught, '发布没有成功，请重试'))
    } finally {
      setPublishing(false)
    }
  }

  return (
    <View className="rules-publish">
      <View className="vh-muted rules-publish__intro">
        {current
          ? `下面是现行第${current.versionNo}版的副本，改好后发布。`
          : '还没有村规，请从第一章写起。'}
      </View>

      <Field label="标题" field="title" error={error}>
        <Input
          className="admin-input"
          value={draft.title}
          placeholder="如：石龙村村规民约"
          maxLength={inputMaxLength(60)}
          onChange={(title) => edit({ title })}
        />
      </Field>

      <Field label="村民大会通过日期" field="adoptedOn" error={error}>
        <View
          className="admin-input rules-publish__date"
          hoverClass="vh-row--hover"
          onClick={() => setPickingDate(true)}
        >
          {formatVillageDate(draft.adoptedOn)}
          <View className="vh-link">改日期</View>
        </View>
        <DatePicker
          title="选择通过日期"
          type="date"
          showChinese
          visible={pickingDate}
          value={dayjs(draft.adoptedOn).toDate()}
          startDate={new Date(1980, 0, 1)}
          endDate={dayjs().add(1, 'year').toDate()}
          onClose={() => setPickingDate(false)}
          onConfirm={(_, [year, month, day]) =>
            edit({
              adoptedOn: dayjs(new Date(Number(year), Number(month) - 1, Number(day))).format(
                'YYYY-MM-DD',
              ),
            })
          }
        />
      </Field>

      <Field label="序言（可以不写）" field="preamble" error={error}>
        <TextArea
          className="admin-input rules-publish__textarea"
          value={draft.preamble}
          placeholder="可以不写"
          maxLength={inputMaxLength(2000)}
          autoSize
          onChange={(preamble) => edit({ preamble })}
        />
      </Field>

      {draft.chapters.map((chapter, chapterIndex) => (
        <View
          key={chapter.key}
          id={fieldDomId(`chapters.${chapterIndex}`)}
          className="vh-card rules-publish__chapter"
        >
          <View className="rules-publish__chapter-head">
            <View className="rules-publish__chapter-name">{chapterLabel(chapterIndex + 1)}</View>
            {draft.chapters.length > 1 ? (
              <Button
                className="admin-button"
                fill="none"
                onClick={() => removeChapter(chapterIndex)}
              >
                删除{chapterLabel(chapterIndex + 1)}
              </Button>
            ) : null}
          </View>
          <FieldMessage error={error} field={`chapters.${chapterIndex}`} />
          <Field
            label={`${chapterLabel(chapterIndex + 1)}的标题`}
            field={`chapters.${chapterIndex}.title`}
            error={error}
          >
            <Input
              className="admin-input"
              value={chapter.title}
              placeholder="如：总则"
              maxLength={inputMaxLength(60)}
              onChange={(title) => editChapter(chapterIndex, (old) => ({ ...old, title }))}
            />
          </Field>
          {chapter.articles.map((article, articleIndex) => (
            <Field
              key={article.key}
              label={articleLabel(numbers[chapterIndex][articleIndex])}
              field={`chapters.${chapterIndex}.articles.${articleIndex}.text`}
              error={error}
              action={
                chapter.articles.length > 1 ? (
                  <Button
                    className="admin-button"
                    fill="none"
                    size="small"
                    onClick={() =>
                      editChapter(chapterIndex, (old) => ({
                        ...old,
                        articles: old.articles.filter((_, i) => i !== articleIndex),
                      }))
                    }
                  >
                    删除{articleLabel(numbers[chapterIndex][articleIndex])}
                  </Button>
                ) : null
              }
            >
              <TextArea
                className="admin-input rules-publish__textarea"
                value={article.text}
                placeholder="写这一条的内容"
                maxLength={inputMaxLength(2000)}
                autoSize
                onChange={(text) =>
                  editChapter(chapterIndex, (old) => ({
                    ...old,
                    articles: old.articles.map((item, i) =>
                      i === articleIndex ? { ...item, text } : item,
                    ),
                  }))
                }
              />
            </Field>
          ))}
          <View id={fieldDomId(`chapters.${chapterIndex}.articles`)}>
            <FieldMessage error={error} field={`chapters.${chapterIndex}.articles`} />
          </View>
          <Button
            className="admin-button"
            fill="outline"
            block
            onClick={() =>
              editChapter(chapterIndex, (old) => ({
                ...old,
                articles: [...old.articles, emptyArticle()],
              }))
            }
          >
            在{chapterLabel(chapterIndex + 1)}末尾加一条
          </Button>
        </View>
      ))}
      <View id={fieldDomId('chapters')}>
        <FieldMessage error={error} field="chapters" />
      </View>
      <Button
        className="admin-button"
        fill="outline"
        block
        onClick={() => edit({ chapters: [...draft.chapters, emptyChapter()] })}
      >
        加一章
      </Button>

      <View id={fieldDomId('')}>
        <FieldMessage error={error} field="" />
      </View>
      {error && error.field ? (
        <View className="admin-form-error">还有没填好的地方，请看上面红字提示。</View>
      ) : null}
      <Button
        className="admin-button rules-publish__submit"
        type="primary"
        block
        loading={publishing}
        disabled={publishing}
        onClick={() => {
          if (check()) setConfirming(true)
        }}
      >
        发布新版村规
      </Button>
      <Dialog
        visible={confirming}
        title="确认发布"
        confirmText="确定发布"
        cancelText="再看看"
        onConfirm={() => void publish()}
        onCancel={() => setConfirming(false)}
      >
        发布后将成为现行版本，旧版本仍可查阅
      </Dialog>
    </View>
  )
}

interface FieldProps {
  label: string
  field: string
  error: FieldError | null
  /** A control beside the label, such as 删除. */
  action?: ReactNode
  children: ReactNode
}

function Field({ label, field, error, action, children }: FieldProps) {
  return (
    <View id={fieldDomId(field)} className="admin-field">
      <View className="rules-publish__label-row">
        <View className="admin-field__label">{label}</View>
        {action}
      </View>
      {children}
      <FieldMessage error={error} field={field} />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  heldWordLimits,
  heldWordSchema,
  heldWordsSchema,
  type HeldWords,
} from '../../../../types/held-words'
import { validate } from '../../../../types/validation'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import FieldMessage from '../../../components/field-message'
import { useQuery } from '../../../hooks/use-query'
import { useSend } from '../../../hooks/use-send'
import { call } from '../../../services/api'
import { ariaRole, focusable } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'
import { leavePage } from '../../components/navigation'
import '../../components/admin.css'
import './index.css'

/** 敏感词: the words that hold a villager's suggestion for a council member, in demo mode. */
export default function HeldWordsPage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="敏感词">
      <HeldWordsScreen />
    </RoleGate>
  )
}

function HeldWordsScreen() {
  const list = useQuery('admin', 'heldWords')
  return (
    <PageShell
      className="admin-page"
      title="敏感词"
      loading={list.loading && !list.data}
      error={list.error}
      onRetry={list.reload}
    >
      {list.data ? <HeldWordsForm saved={list.data} /> : null}
      <View
        className="vh-link vh-tap held-words__back"
        {...ariaRole('link')}
        {...focusable()}
        onClick={leavePage}
      >
        ‹ 回到管理后台
      </View>
    </PageShell>
  )
}

function HeldWordsForm({ saved }: { saved: HeldWords }) {
  const [words, setWords] = useState(saved.words)
  const [typed, setTyped] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const { error, setError, busy, run } = useSend('没有保存成功，请重试')

  const add = () => {
    setStatus(null)
    // One word checked as the server checks each: its length, no line break, not blank.
    const word = validate(heldWordSchema, typed, { '': '这个词' })
    if (!word.ok) return setError({ field: 'word', message: word.error.message })
    if (words.includes(word.data)) {
      return setError({ field: 'word', message: `“${word.data}”已经在词表里了` })
    }
    if (words.length >= heldWordLimits.count) {
      return setError({ field: 'word', message: `最多 ${heldWordLimits.count} 个词` })
    }
    setError(null)
    setWords([...words, word.data])
    setTyped('')
  }
  const remove = (word: string) => {
    setStatus(null)
    setError(null)
    setWords(words.filter((other) => other !== word))
  }
  const save = async () => {
    setStatus(null)
    const checked = validate(heldWordsSchema, { words }, { words: '词表' })
    if (!checked.ok) return setError(checked.error)
    const answer = await run('send', () => call('admin', 'saveHeldWords', checked.data))
    if (!answer) return
    setWords(answer.words)
    setStatus('已保存')
  }

  return (
    <View className="vh-card">
      <View className="vh-text">
        村民提的建议里有下面这些词时，先由议事会成员看过，再给别人看。
      </View>
      {saved.inUse ? null : (
        <View className="vh-muted">
          现在的建议由微信的内容安全检查把关，这份词表只在体验模式下使用。
        </View>
      )}
      <View className="admin-field__label">
        词表（共 {words.length} 个，最多 {heldWordLimits.count} 个）
      </View>
      {words.length === 0 ? <View className="vh-muted">词表是空的：建议都不会被拦下。</View> : null}
      <View className="held-words__list">
        {words.map((word) => (
          <View
            key={word}
            className="vh-tap held-words__chip"
            {...ariaRole('button')}
            {...focusable()}
            onClick={() => remove(word)}
          >
            <Text>{word}</Text>
            <Text className="held-words__remove">删除</Text>
          </View>
        ))}
      </View>
      <View className="admin-field__label">添加一个词（最多 {heldWordLimits.length} 个字）</View>
      <View className="held-words__add">
        <Input
          className="admin-input held-words__input"
          value={typed}
          placeholder="输入要添加的词"
          maxLength={inputMaxLength(heldWordLimits.length)}
          onChange={(value) => {
            setTyped(value)
            setStatus(null)
          }}
          onConfirm={add}
        />
        <Button className="admin-button" fill="outline" onClick={add}>
          添加
        </Button>
      </View>
      <FieldMessage error={error} field="word" />
      <FieldMessage error={error} field="words" />
      <FieldMessage error={error} field="" />
      <View className="admin-actions">
        <Button
          className="admin-button"
          type="primary"
          disabled={busy !== null}
          loading={busy !== null}
          onClick={() => void save()}
        >
          保存词表
        </Button>
        {status ? (
          <View className="vh-success" {...ariaRole('status')}>
            {status}
          </View>
        ) : null}
      </View>
    </View>
  )
}

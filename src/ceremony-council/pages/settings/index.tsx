import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { ceremonyTypeLabels } from '../../../../types/ceremony'
import { ceremonyFilingContract, filingCouncilRoles } from '../../../../types/ceremony-filing'
import { deadlineText, type FilingDeadline } from '../../../../types/ceremony-filing-rules'
import { validate, type FieldError } from '../../../../types/validation'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { parseWholeNumber } from '../../../admin/components/numbers'
import { BackLink } from '../../../ceremony-filing/components/navigation'
import '../../../ceremony-filing/components/filing.css'

const labels = { noticeDays: '提前天数', lateHours: '事后补报小时数' }

/** The ceremony council's deadlines: how many days ahead each type is filed, and how late. */
export default function DeadlinesPage() {
  return (
    <RoleGate roles={filingCouncilRoles} title="报备期限" area="报备处理" className="filing-page">
      <Deadlines />
    </RoleGate>
  )
}

function Deadlines() {
  const form = useQuery('ceremonyFiling', 'form')
  return (
    <PageShell
      className="filing-page"
      title="报备期限"
      loading={form.loading && !form.data}
      error={form.error}
      onRetry={form.reload}
    >
      <View className="vh-muted">
        喜事要提前几天报备；丧事可以在办事当天过后多少小时内补报（0 表示不能补报）。
      </View>
      {form.data?.deadlines.map((rule) => (
        <DeadlineRow key={rule.ceremonyType} saved={rule} />
      ))}
      <BackLink label="返回报备处理" />
    </PageShell>
  )
}

function DeadlineRow({ saved }: { saved: FilingDeadline }) {
  const [rule, setRule] = useState(saved)
  const [texts, setTexts] = useState({
    noticeDays: String(saved.noticeDays),
    lateHours: String(saved.lateHours),
  })
  const [error, setError] = useState<FieldError | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async () => {
    setError(null)
    setStatus(null)
    const checked = validate(
      ceremonyFilingContract.updateDeadline.input,
      {
        ceremonyType: rule.ceremonyType,
        noticeDays: parseWholeNumber(texts.noticeDays),
        lateHours: parseWholeNumber(texts.lateHours),
      },
      labels,
    )
    if (!checked.ok) {
      setError(checked.error)
      return
    }
    setSaving(true)
    try {
      setRule(await call('ceremonyFiling', 'updateDeadline', checked.data))
      setStatus('已保存')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有保存成功，请重试'))
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="vh-card">
      <View className="vh-title">{ceremonyTypeLabels[rule.ceremonyType]}</View>
      <View className="vh-muted">现在：{deadlineText(rule)}</View>
      {(['noticeDays', 'lateHours'] as const).map((key) => (
        <View key={key} className="filing-field">
          <View className="filing-field__label">{labels[key]}</View>
          <View className="filing-field__line">
            <Input
              className="filing-input"
              type="number"
              value={texts[key]}
              onChange={(value) => setTexts((old) => ({ ...old, [key]: value }))}
            />
            <View className="filing-unit">{key === 'noticeDays' ? '天' : '小时'}</View>
          </View>
          <FieldMessage error={error} field={key} />
        </View>
      ))}
      <FieldMessage error={error} field="" />
      <View className="filing-actions">
        <Button
          className="filing-button"
          type="primary"
          disabled={saving}
          loading={saving}
          onClick={() => void save()}
        >
          保存{ceremonyTypeLabels[rule.ceremonyType]}的期限
        </Button>
        {status ? <View className="vh-success">{status}</View> : null}
      </View>
    </View>
  )
}

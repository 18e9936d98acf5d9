import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import {
  filingCouncilRoles,
  type CeremonyFiling,
  type Inspector,
} from '../../../../types/ceremony-filing'
import type { FieldError } from '../../../../types/validation'
import { addVillageDays, formatVillageDate, villageDayOf } from '../../../../types/village-time'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { inputMaxLength } from '../../../utils/input-max-length'
import FilingView from '../../../ceremony-filing/components/filing-view'
import { BackLink, filingPages } from '../../../ceremony-filing/components/navigation'
import '../../../ceremony-filing/components/filing.css'

/** One filing in the council's hands: read it, and take the next step. */
export default function CouncilFilingPage() {
  return (
    <RoleGate roles={filingCouncilRoles} title="处理报备" area="报备处理" className="filing-page">
      <CouncilFiling />
    </RoleGate>
  )
}

function CouncilFiling() {
  const { params } = useRouter()
  const filingId = params.id ?? ''
  const query = useQuery('ceremonyFiling', 'get', { filingId })
  const [filing, setFiling] = useState<CeremonyFiling | null>(null)
  const shown = filing ?? query.data
  return (
    <PageShell
      className="filing-page"
      title="处理报备"
      loading={query.loading && !shown}
      error={filingId ? query.error : '没有找到这份报备'}
      onRetry={query.reload}
    >
      {shown ? (
        <>
          <FilingView filing={shown} />
          <Steps filing={shown} onChanged={setFiling} />
        </>
      ) : null}
      <BackLink label="返回报备处理" to={filingPages.queue} />
    </PageShell>
  )
}

type Step = 'acknowledge' | 'adviseChange' | 'assignInspector' | 'recordCheck' | 'close'

/** The steps the filing's status allows, each a press (and a few words where they are needed). */
function Steps({
  filing,
  onChanged,
}: {
  filing: CeremonyFiling
  onChanged: (filing: CeremonyFiling) => void
}) {
  const [text, setText] = useState('')
  const [kept, setKept] = useState<'kept' | 'notKept' | null>(null)
  const [checkedOn, setCheckedOn] = useState(() => villageDayOf(new Date()))
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState<Step | null>(null)
  const open = ['submitted', 'acknowledged', 'advisedToChange'].includes(filing.status)
  const checkable = filing.status === 'acknowledged' || filing.status === 'advisedToChange'

  const run = async (step: Step, send: () => Promise<CeremonyFiling>) => {
    setError(null)
    setBusy(step)
    try {
      onChanged(await send())
      setText('')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有办成，请重试'))
    } finally {
      setBusy(null)
    }
  }
  const id = { filingId: filing.id }

  if (filing.status === 'closed') return <View className="vh-success">这份报备已经办结</View>

  return (
    <View className="vh-card filing-steps">
      <View className="filing-field__label">
        {filing.status === 'checkRecorded' ? '办结的话（可以不写）' : '要对主家说的话'}
      </View>
      <TextArea
        className="filing-input"
        value={text}
        placeholder={checkable ? '现场看到的情况，或给主家的建议' : '建议或备注'}
        maxLength={inputMaxLength(500)}
        autoSize
        onChange={setText}
      />
      <FieldMessage error={error} field="advice" />
      <FieldMessage error={error} field="seen" />
      <FieldMessage error={error} field="remark" />

      <View className="filing-actions">
        {filing.status === 'submitted' ? (
          <StepButton
            label="知悉"
            busy={busy === 'acknowledge'}
            onPress={() =>
              run('acknowledge', () =>
                call('ceremonyFiling', 'acknowledge', { ...id, remark: text }),
              )
            }
          />
        ) : null}
        {open ? (
          <StepButton
            label="建议调整"
            busy={busy === 'adviseChange'}
            onPress={() =>
              text.trim()
                ? run('adviseChange', () =>
                    call('ceremonyFiling', 'adviseChange', { ...id, advice: text }),
                  )
                : setError({ field: 'advice', message: '请先写下给主家的建议' })
            }
          />
        ) : null}
        {filing.status === 'checkRecorded' ? (
          <StepButton
            label="办结"
            busy={busy === 'close'}
            onPress={() =>
              run('close', () => call('ceremonyFiling', 'close', { ...id, remark: text }))
            }
          />
        ) : null}
      </View>

      {open ? <Assign filing={filing} onChanged={onChanged} /> : null}

      {checkable ? (
        <View className="filing-field">
          <View className="vh-section-title">记录现场查看</View>
          <View className="filing-field__line">
            <View className="vh-text">查看日期：{formatVillageDate(checkedOn)}</View>
          </View>
          <View className="filing-actions">
            <Button
              className="filing-button"
              fill="outline"
              onClick={() => setCheckedOn(addVillageDays(checkedOn, -1))}
            >
              前一天
            </Button>
            {/* A check is recorded once it has happened: no later than today. */}
            {checkedOn < villageDayOf(new Date()) ? (
              <Button
                className="filing-button"
                fill="outline"
                onClick={() => setCheckedOn(addVillageDays(checkedOn, 1))}
              >
                后一天
              </Button>
            ) : null}
          </View>
          <View className="filing-field__label">是否守了标准</View>
          <ChoiceButtons
            options={['kept', 'notKept'] as const}
            labels={{ kept: '守了标准', notKept: '没有守标准' }}
            value={kept}
            onChange={setKept}
          />
          <FieldMessage error={error} field="limitsKept" />
          <StepButton
            label="记录查看结果"
            busy={busy === 'recordCheck'}
            onPress={() => {
              if (!text.trim()) {
                setError({ field: 'seen', message: '请在上面写下现场看到的情况' })
              } else if (!kept) {
                setError({ field: 'limitsKept', message: '请选择是否守了标准' })
              } else {
                void run('recordCheck', () =>
                  call('ceremonyFiling', 'recordCheck', {
                    ...id,
                    checkedOn,
                    seen: text,
                    limitsKept: kept === 'kept',
                  }),
                )
              }
            }}
          />
        </View>
      ) : null}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="checkedOn" />
    </View>
  )
}

/** 安排现场查看: one of the village's ceremony council members. */
function Assign({
  filing,
  onChanged,
}: {
  filing: CeremonyFiling
  onChanged: (filing: CeremonyFiling) => void
}) {
  const inspectors = useQuery('ceremonyFiling', 'inspectors')
  const [error, setError] = useState<FieldError | null>(null)
  const list: Inspector[] = inspectors.data ?? []
  if (!inspectors.data) return null
  if (list.length === 0) {
    return (
      <View className="vh-muted filing-field">
        村里还没有红白理事会成员，安排不了现场查看。请管理员在“人员与邀请码”发一个红白理事会成员邀请码。
      </View>
    )
  }
  const ids = list.map((inspector) => inspector.userId)
  const labels = Object.fromEntries(list.map((inspector) => [inspector.userId, inspector.name]))
  const assign = async (userId: string) => {
    setError(null)
    try {
      onChanged(await call('ceremonyFiling', 'assignInspector', { filingId: filing.id, userId }))
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有安排成功，请重试'))
    }
  }
  return (
    <View className="filing-field">
      <View className="vh-section-title">安排谁去现场查看</View>
      <ChoiceButtons
        options={ids}
        labels={labels}
        value={filing.inspector?.userId ?? null}
        onChange={(userId) => void assign(userId)}
      />
      <FieldMessage error={error} field="userId" />
      <FieldMessage error={error} field="" />
    </View>
  )
}

function StepButton(props: { label: string; busy: boolean; onPress: () => void }) {
  return (
    <Button
      className="filing-button"
      type="primary"
      disabled={props.busy}
      loading={props.busy}
      onClick={props.onPress}
    >
      {props.label}
    </Button>
  )
}

import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { councilContract, councilRoles } from '../../../../types/council'
import { resolutionStatusLabels, type Resolution } from '../../../../types/council-meetings'
import type { Photo } from '../../../../types/photos'
import { formatVillageDateTime } from '../../../../types/village-time'
import { validate } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import FieldMessage from '../../../components/field-message'
import PageShell from '../../../components/page-shell'
import PhotoPicker from '../../../components/photo-picker'
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { useSend } from '../../../hooks/use-send'
import { call } from '../../../services/api'
import { useMe } from '../../../services/me'
import { inputMaxLength } from '../../../utils/input-max-length'
import { BackLink } from '../../../suggest/components/navigation'
import { Photos } from '../../../suggest/components/suggestion-card'
import '../../../suggest/components/suggest.css'

/** 决议办理: what the meetings decided and how far 村两委 got; 村两委 report progress. */
export default function ResolutionsPage() {
  return (
    <RoleGate
      roles={[...councilRoles, 'villageCommittee']}
      title="决议办理"
      area="决议办理"
      className="suggest-page"
    >
      <Resolutions />
    </RoleGate>
  )
}

function Resolutions() {
  const query = useQuery('council', 'resolutions', {})
  const [changed, setChanged] = useState<Record<string, Resolution>>({})
  const reports = (useMe().me?.roles ?? []).includes('villageCommittee')
  return (
    <PageShell
      className="suggest-page"
      title="决议办理"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      <View className="vh-muted suggest-intro">
        议事会通过的决议由村两委办理，办完后在下次会上销号。
      </View>
      {query.data?.length === 0 ? <View className="vh-empty">还没有决议。</View> : null}
      {query.data?.map((listed) => {
        const resolution = changed[listed.id] ?? listed
        return (
          <View key={resolution.id} className="vh-card suggest-card">
            <View className="suggest-head">
              <Text className="suggest-head__title">{resolution.topicTitle}</Text>
              <Text className="vh-tag suggest-tag">
                {resolutionStatusLabels[resolution.status]}
              </Text>
            </View>
            <View className="vh-text">决议：{resolution.decision}</View>
            <View className={resolution.overdue ? 'vh-danger' : 'vh-muted'}>
              {resolution.executor}办理，{resolution.dueOn} 前办完
              {resolution.overdue ? '（已超期）' : ''}
            </View>
            {resolution.progress.map((update) => (
              <View key={update.at} className="vh-text">
                {formatVillageDateTime(update.at)} {update.byName}：{update.text}
                {update.finished ? '（已办完）' : ''}
                <Photos photos={update.photos} />
              </View>
            ))}
            {reports && resolution.status === 'inProgress' ? (
              <ProgressForm
                resolution={resolution}
                onChanged={(next) => setChanged({ ...changed, [next.id]: next })}
              />
            ) : null}
          </View>
        )
      })}
      <BackLink />
    </PageShell>
  )
}

const stages = ['ongoing', 'finished'] as const
const stageLabels = { ongoing: '还在办', finished: '已办完' }

function ProgressForm(props: { resolution: Resolution; onChanged: (next: Resolution) => void }) {
  const [text, setText] = useState('')
  const [stage, setStage] = useState<(typeof stages)[number] | null>(null)
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const { error, setError, busy, run } = useSend()
  const send = async () => {
    if (!stage) return setError({ field: 'finished', message: '请选：还在办，还是已办完' })
    if (uploading) return setError({ field: 'photoIds', message: '照片还在上传，请稍等' })
    const checked = validate(
      councilContract.reportProgress.input,
      {
        resolutionId: props.resolution.id,
        text,
        finished: stage === 'finished',
        photoIds: photos.map((photo) => photo.id),
      },
      { text: '进展', photoIds: '照片' },
    )
    if (!checked.ok) return setError(checked.error)
    const reported = await run('send', () => call('council', 'reportProgress', checked.data))
    if (!reported) return
    props.onChanged(reported)
    setText('')
    setStage(null)
    setPhotos([])
  }
  return (
    <View className="suggest-field">
      <View className="suggest-field__label">报告进展</View>
      <TextArea
        className="suggest-input"
        value={text}
        maxLength={inputMaxLength(500)}
        autoSize
        onChange={setText}
      />
      <FieldMessage error={error} field="text" />
      <ChoiceButtons options={stages} labels={stageLabels} value={stage} onChange={setStage} />
      <FieldMessage error={error} field="finished" />
      <PhotoPicker value={photos} onChange={setPhotos} onBusyChange={setUploading} />
      <FieldMessage error={error} field="photoIds" />
      <FieldMessage error={error} field="" />
      <Button
        className="suggest-button"
        type="primary"
        block
        disabled={busy !== null}
        loading={busy !== null}
        onClick={() => void send()}
      >
        提交进展
      </Button>
    </View>
  )
}

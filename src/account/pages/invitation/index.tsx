import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { invitationCodeSchema, type Me } from '../../../../types/session'
import { validate } from '../../../../types/validation'
import PageShell from '../../../components/page-shell'
import { ApiCallError, call } from '../../../services/api'
import { setMe, useMe } from '../../../services/me'
import { ariaRole } from '../../../utils/a11y'
import { grantedMessage, grantedRoles } from './granted-roles'
import './index.css'

/** 输入邀请码 (from 我的): village staff hand out codes that grant a role (工作人员, 议事会成员 …). */
export default function InvitationPage() {
  const { me, loading, error, refresh } = useMe()
  return (
    <PageShell title="输入邀请码" loading={loading} error={error} onRetry={() => void refresh()}>
      {/* Keyed by user: after 切换体验身份 the form must not show the previous user's code. */}
      {me ? <InvitationForm key={me.user.id} me={me} /> : null}
    </PageShell>
  )
}

function InvitationForm({ me }: { me: Me }) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [granted, setGranted] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit() {
    // Same schema as the server, so a typo is caught here, without a round trip.
    const checked = validate(invitationCodeSchema, code)
    if (!checked.ok) {
      setError(checked.error.message)
      return
    }
    setBusy(true)
    setError(null)
    setGranted(null)
    try {
      const next = await call('session', 'redeemInvitation', { code: checked.data })
      const message = grantedMessage(grantedRoles(me.roles, next.roles))
      setMe(next)
      setCode('')
      setGranted(message)
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
    } catch (caught) {
      setError(caught instanceof ApiCallError ? caught.message : '出了点问题，请再试一次')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="vh-card invitation">
      <Text className="invitation__hint">
        村里给您发了邀请码，就在这里填写，填好后会得到相应的身份。
      </Text>
      <View className={`invitation__code${error ? ' invitation__code--error' : ''}`}>
        <Input
          value={code}
          placeholder="例如 ABCD-2345"
          maxLength={32}
          clearable
          onChange={(value) => {
            setCode(value)
            setError(null)
          }}
          onConfirm={() => void submit()}
        />
      </View>
      {error ? (
        <View className="invitation__message vh-danger" {...ariaRole('alert')}>
          {error}
        </View>
      ) : null}
      {granted ? (
        <Text className="invitation__message invitation__granted vh-success">{granted}</Text>
      ) : null}
      <Button type="primary" block loading={busy} onClick={() => void submit()}>
        使用邀请码
      </Button>
    </View>
  )
}

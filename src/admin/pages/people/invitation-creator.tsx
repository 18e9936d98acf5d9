import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { adminContract, type Invitation } from '../../../../types/admin'
import { grantableRoles, roleLabels, type GrantableRole } from '../../../../types/roles'
import { validate, type FieldError } from '../../../../types/validation'
import ChoiceButtons from '../../../components/choice-buttons'
import { formatVillageDateTime } from '../../../../types/village-time'
import { call, fieldErrorOf } from '../../../services/api'
import FieldMessage from '../../../components/field-message'
import { parseWholeNumber } from '../../components/numbers'
import { formatInvitationCode } from './format'

const labels = { role: '身份', validDays: '有效天数' }

/** 生成邀请码: pick the role to grant and how long the code stays valid. */
export default function InvitationCreator({ onCreated }: { onCreated: () => void }) {
  const [role, setRole] = useState<GrantableRole | null>(null)
  const [days, setDays] = useState('7')
  const [error, setError] = useState<FieldError | null>(null)
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<Invitation | null>(null)

  const create = async () => {
    const result = validate(
      adminContract.createInvitation.input,
      { role: role ?? undefined, validDays: parseWholeNumber(days) },
      labels,
    )
    if (!result.ok) {
      setError(
        result.error.field === 'role'
          ? { field: 'role', message: '请先选要给的身份' }
          : result.error,
      )
      return
    }
    setError(null)
    setCreating(true)
    try {
      setCreated(await call('admin', 'createInvitation', result.data))
      onCreated()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有生成成功，请重试'))
    } finally {
      setCreating(false)
    }
  }

  if (created) {
    const code = formatInvitationCode(created.code)
    return (
      <View className="vh-card people-code">
        <View className="people-code__caption">
          {roleLabels[created.role]}邀请码（{formatVillageDateTime(created.expiresAt)}前有效）
        </View>
        <View className="people-code__value">{code}</View>
        <View className="vh-muted">请把这个码告诉对方，对方在“我的”页面输入邀请码即可。</View>
        <View className="admin-actions">
          <Button
            className="admin-button"
            type="primary"
            onClick={() => void Taro.setClipboardData({ data: code })}
          >
            复制邀请码
          </Button>
          <Button className="admin-button" fill="outline" onClick={() => setCreated(null)}>
            再生成一个
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className="vh-card">
      <View className="admin-field__label">给什么身份？</View>
      <ChoiceButtons
        options={grantableRoles}
        labels={roleLabels}
        value={role}
        onChange={(option) => {
          setRole(option)
          setError(null)
        }}
      />
      <FieldMessage error={error} field="role" />
      <View className="admin-field people-days">
        <View className="admin-field__label">有效天数（1到30天）</View>
        <Input
          className="admin-input"
          type="number"
          value={days}
          placeholder="1到30"
          onChange={setDays}
        />
        <FieldMessage error={error} field="validDays" />
      </View>
      <FieldMessage error={error} field="" />
      <Button
        className="admin-button"
        type="primary"
        block
        loading={creating}
        disabled={creating}
        onClick={() => void create()}
      >
        生成邀请码
      </Button>
    </View>
  )
}

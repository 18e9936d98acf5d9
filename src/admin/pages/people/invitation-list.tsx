import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Invitation } from '../../../../types/admin'
import { roleLabels } from '../../../../types/roles'
import { formatVillageDateTime } from '../../../../types/village-time'
import type { ConfirmRequest } from '../../../components/confirm-dialog'
import { formatInvitationCode, invitationStatusLabels } from './format'
import RowFailureMessage, { type RowFailure } from './row-failure'

interface InvitationListProps {
  invitations: Invitation[]
  confirm: (request: ConfirmRequest) => void
  failure: RowFailure | null
  onRevoke: (invitation: Invitation) => void
}

/** Every invitation code of the village with its status; active ones can be voided. */
export default function InvitationList(props: InvitationListProps) {
  const { invitations, confirm, failure, onRevoke } = props
  if (!invitations.length) return <View className="vh-card vh-muted">还没有生成过邀请码。</View>
  return (
    <View className="vh-card">
      {invitations.map((invitation) => {
        const code = formatInvitationCode(invitation.code)
        return (
          <View key={invitation.id} className="vh-row people-item">
            <View className="people-item__body">
              <View>
                <View className="people-item__code">{code}</View>
                <View className={`vh-tag people-status people-status--${invitation.status}`}>
                  {invitationStatusLabels[invitation.status]}
                </View>
              </View>
              <View>{roleLabels[invitation.role]}</View>
              <View className="vh-muted">
                {invitation.createdByName}生成，{formatVillageDateTime(invitation.expiresAt)}前有效
              </View>
              {invitation.redeemedByName ? (
                <View className="vh-muted">
                  {invitation.redeemedByName}
                  {invitation.redeemedAt ? `于${formatVillageDateTime(invitation.redeemedAt)}` : ''}
                  使用
                </View>
              ) : null}
              <RowFailureMessage failure={failure} rowId={invitation.id} />
            </View>
            {invitation.status === 'active' ? (
              <Button
                className="admin-button"
                fill="outline"
                onClick={() =>
                  confirm({
                    title: '作废邀请码',
                    message: `作废后，邀请码 ${code} 就不能再用了。`,
                    confirmText: '确定作废',
                    onConfirm: () => onRevoke(invitation),
                  })
                }
              >
                作废
              </Button>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}

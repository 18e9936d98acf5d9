import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { VillagerEntry } from '../../../../types/admin'
import { roleLabels, type GrantableRole } from '../../../../types/roles'
import { formatVillageDate } from '../../../../types/village-time'
import { villagerLabel } from '../../../../types/villager-label'
import type { ConfirmRequest } from '../../../components/confirm-dialog'
import RowFailureMessage, { type RowFailure } from './row-failure'

interface MemberListProps {
  members: VillagerEntry[]
  confirm: (request: ConfirmRequest) => void
  failure: RowFailure | null
  onRevokeRole: (member: VillagerEntry, role: GrantableRole) => void
}

/** The village's members and their roles; every granted role can be taken back. */
export default function MemberList(props: MemberListProps) {
  const { members, confirm, failure, onRevokeRole } = props
  if (!members.length) return <View className="vh-card vh-muted">还没有成员。</View>
  return (
    <View className="vh-card">
      {members.map((member) => {
        const granted = member.roles.filter((role): role is GrantableRole => role !== 'villager')
        return (
          <View key={member.userId} className="people-item people-member">
            <View className="people-member__name">
              {villagerLabel(member.displayName, member.villagerNo)}
            </View>
            <View className="vh-muted">
              {member.roles.map((role) => roleLabels[role]).join('、')} ·{' '}
              {formatVillageDate(member.joinedAt)}加入
            </View>
            {granted.length ? (
              <View className="people-member__actions">
                {granted.map((role) => (
                  <Button
                    key={role}
                    className="admin-button"
                    fill="outline"
                    size="small"
                    onClick={() =>
                      confirm({
                        title: '撤销身份',
                        message: `撤销后，${villagerLabel(member.displayName, member.villagerNo)}将不再是“${roleLabels[role]}”。`,
                        confirmText: '确定撤销',
                        onConfirm: () => onRevokeRole(member, role),
                      })
                    }
                  >
                    撤销{roleLabels[role]}
                  </Button>
                ))}
              </View>
            ) : null}
            <RowFailureMessage failure={failure} rowId={member.userId} />
          </View>
        )
      })}
    </View>
  )
}

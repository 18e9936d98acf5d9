import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { VillagerEntry } from '../../../../types/admin'
import { roleLabels, type GrantableRole } from '../../../../types/roles'
import { formatVillageDate } from '../../../../types/village-time'
import { villagerLabel } from '../../../../types/villager-label'
import type { ConfirmRequest } from '../../../components/confirm-dialog'
import MoveMember from './move-member'
import RowFailureMessage, { type RowFailure } from './row-failure'

interface MemberListProps {
  members: VillagerEntry[]
  confirm: (request: ConfirmRequest) => void
  failure: RowFailure | null
  onRevokeRole: (member: VillagerEntry, role: GrantableRole) => void
  /** This village, which a member is not moved to. */
  villageId: string | null
  onMove: (member: VillagerEntry, villageId: string) => void
}

/** The village's members and their roles; every granted role can be taken back. */
export default function MemberList(props: MemberListProps) {
  const { members, confirm, failure, onRevokeRole, villageId, onMove } = props
  // The member whose 移到别的村 form is open, if any.
  const [moving, setMoving] = useState<string | null>(null)
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
            {moving === member.userId ? (
              <MoveMember
                label={villagerLabel(member.displayName, member.villagerNo)}
                currentVillageId={villageId}
                confirm={confirm}
                onCancel={() => setMoving(null)}
                onMove={(to) => {
                  setMoving(null)
                  onMove(member, to)
                }}
              />
            ) : (
              <View className="people-member__actions">
                <Button
                  className="admin-button"
                  fill="outline"
                  size="small"
                  onClick={() => setMoving(member.userId)}
                >
                  移到别的村
                </Button>
              </View>
            )}
            <RowFailureMessage failure={failure} rowId={member.userId} />
          </View>
        )
      })}
    </View>
  )
}

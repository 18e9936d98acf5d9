import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { PendingMember } from '../../../types/membership'
import { villagerLabel } from '../../../types/villager-label'
import type { ConfirmRequest } from '../../components/confirm-dialog'
import { useQuery } from '../../hooks/use-query'
import { ApiCallError, call } from '../../services/api'
import RowFailureMessage, { type RowFailure } from '../pages/people/row-failure'

interface PendingMembersProps {
  confirm: (request: ConfirmRequest) => void
  /** Admins also see and switch whether the village approves new members. */
  canSetPolicy: boolean
}

const POLICY_ROW = 'join-policy'

/**
 * 入村申请: people who picked this village and wait for it to approve them, with 同意 / 不同意;
 * for an admin, the switch between approving each new member and letting anyone in.
 */
export default function PendingMembers({ confirm, canSetPolicy }: PendingMembersProps) {
  const pending = useQuery('membership', 'pending')
  const [failure, setFailure] = useState<RowFailure | null>(null)

  const run = async (rowId: string, done: string, action: () => Promise<unknown>) => {
    setFailure(null)
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (caught) {
      const message = caught instanceof ApiCallError ? caught.message : '没有成功，请重试'
      setFailure({ rowId, message })
    }
    await pending.reload()
  }

  const decide = (member: PendingMember, approve: boolean) => {
    const name = villagerLabel(member.displayName, member.villagerNo)
    confirm({
      title: approve ? '同意加入' : '不同意加入',
      message: approve
        ? `同意后，${name}就是本村村民了，可以看到理事会的电话。`
        : `不同意后，${name}会收到通知，可以另选别的村。`,
      confirmText: approve ? '同意' : '不同意',
      onConfirm: () =>
        void run(member.userId, approve ? '已同意' : '已不同意', () =>
          call('membership', approve ? 'approve' : 'decline', { userId: member.userId }),
        ),
    })
  }

  if (pending.error) {
    return (
      <View className="vh-card">
        <View className="vh-danger">{pending.error.message}</View>
        <Button className="admin-button" fill="outline" onClick={() => void pending.reload()}>
          重新加载入村申请
        </Button>
      </View>
    )
  }
  if (!pending.data) return <View className="vh-card vh-muted">正在加载入村申请…</View>
  const { members, joinPolicy } = pending.data
  const open = joinPolicy === 'open'
  return (
    <>
      {members.length ? (
        <View className="vh-card">
          {members.map((member) => (
            <View key={member.userId} className="people-item people-member">
              <View className="people-member__name">
                {villagerLabel(member.displayName, member.villagerNo)}
              </View>
              <View className="people-member__actions">
                <Button className="admin-button" size="small" onClick={() => decide(member, true)}>
                  同意
                </Button>
                <Button
                  className="admin-button"
                  fill="outline"
                  size="small"
                  onClick={() => decide(member, false)}
                >
                  不同意
                </Button>
              </View>
              <RowFailureMessage failure={failure} rowId={member.userId} />
            </View>
          ))}
        </View>
      ) : (
        <View className="vh-card vh-muted">现在没有等待同意的人。</View>
      )}
      {canSetPolicy ? (
        <View className="vh-card">
          <View>
            {open ? '现在：任何人选了本村就直接成为村民。' : '现在：新来的人要村里同意才成为村民。'}
          </View>
          <Button
            className="admin-button"
            fill="outline"
            onClick={() =>
              confirm({
                title: '修改入村方式',
                message: open
                  ? '改为要村里同意：以后新来的人要工作人员或管理员同意才成为村民。'
                  : '改为直接加入：以后任何人选了本村就成为村民，能看到理事会的电话。',
                confirmText: '确定修改',
                onConfirm: () =>
                  void run(POLICY_ROW, '已修改', () =>
                    call('membership', 'setJoinPolicy', {
                      joinPolicy: open ? 'approval' : 'open',
                    }),
                  ),
              })
            }
          >
            {open ? '改为要村里同意' : '改为直接加入'}
          </Button>
          <RowFailureMessage failure={failure} rowId={POLICY_ROW} />
        </View>
      ) : null}
    </>
  )
}

import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Invitation, VillagerEntry } from '../../../../types/admin'
import type { GrantableRole } from '../../../../types/roles'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { useKeysetPages } from '../../../hooks/use-keyset-pages'
import { useQuery } from '../../../hooks/use-query'
import { ariaRole } from '../../../utils/a11y'
import { useMe } from '../../../services/me'
import { ApiCallError, call } from '../../../services/api'
import { useConfirm } from '../../../components/confirm-dialog'
import { retryFor } from '../../../components/page-shell/retry-for'
import PendingMembers from '../../components/pending-members'
import InvitationCreator from './invitation-creator'
import InvitationList from './invitation-list'
import MemberList from './member-list'
import type { RowFailure } from './row-failure'
import '../../components/admin.css'
import './index.css'

/** 人员与邀请码: hand out roles by invitation code, see who holds which role, take roles back. */
export default function PeoplePage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="人员与邀请码">
      <PeopleScreen />
    </RoleGate>
  )
}

/** Members per 加载更多: a village of thousands is never sent whole. */
const PAGE_SIZE = 50

function PeopleScreen() {
  const members = useQuery('admin', 'listVillagers', { limit: PAGE_SIZE })
  const memberPages = useKeysetPages(
    members,
    (after: number) => call('admin', 'listVillagers', { limit: PAGE_SIZE, after }),
    PAGE_SIZE,
    (member: VillagerEntry) => member.villagerNo ?? 0,
  )
  // A change to a member reloads the first page; the pages after it are loaded again on demand.
  const reloadMembers = {
    reload: async () => {
      memberPages.reset()
      await members.reload()
    },
  }
  const invitations = useQuery('admin', 'listInvitations')
  const { ask, dialog } = useConfirm()
  const { me } = useMe()
  const [failure, setFailure] = useState<RowFailure | null>(null)

  /** Runs one row's action; a refusal is shown in that row, where the admin is looking. */
  const run = async (
    rowId: string,
    list: { reload: () => Promise<void> },
    done: string,
    action: () => Promise<unknown>,
  ) => {
    setFailure(null)
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (caught) {
      setFailure({
        rowId,
        message: caught instanceof ApiCallError ? caught.message : '没有成功，请重试',
      })
    }
    await list.reload()
  }

  const revokeInvitation = (invitation: Invitation) =>
    void run(invitation.id, invitations, '已作废', () =>
      call('admin', 'revokeInvitation', { invitationId: invitation.id }),
    )
  const revokeRole = (member: VillagerEntry, role: GrantableRole) =>
    void run(member.userId, reloadMembers, '已撤销', () =>
      call('admin', 'revokeRole', { userId: member.userId, role }),
    )

  const moveMember = (member: VillagerEntry, villageId: string) =>
    void run(member.userId, reloadMembers, '已移走', () =>
      call('admin', 'moveMember', { userId: member.userId, villageId }),
    )

  return (
    <PageShell
      className="admin-page"
      title="人员与邀请码"
      loading={members.loading && !members.data}
      error={members.error}
      onRetry={retryFor(members.error, members.reload)}
    >
      <View className="vh-section-title">入村申请</View>
      <PendingMembers confirm={ask} canSetPolicy />

      <View className="vh-section-title">给人开通身份</View>
      <InvitationCreator onCreated={() => void invitations.reload()} />

      <View className="vh-section-title">已生成的邀请码</View>
      {invitations.error ? (
        <View className="vh-card">
          <View className="vh-danger">{invitations.error.message}</View>
          <Button className="admin-button" fill="outline" onClick={() => void invitations.reload()}>
            重新加载邀请码
          </Button>
        </View>
      ) : invitations.data ? (
        <InvitationList
          invitations={invitations.data}
          confirm={ask}
          failure={failure}
          onRevoke={revokeInvitation}
        />
      ) : (
        <View className="vh-card vh-muted">正在加载邀请码…</View>
      )}

      <View className="vh-section-title">成员</View>
      {members.data ? (
        <MemberList
          members={memberPages.items}
          confirm={ask}
          failure={failure}
          onRevokeRole={revokeRole}
          villageId={me?.village?.id ?? null}
          onMove={moveMember}
        />
      ) : null}
      {memberPages.moreError ? (
        <View className="admin-form-error" {...ariaRole('alert')}>
          {memberPages.moreError}
        </View>
      ) : null}
      {memberPages.hasMore ? (
        <Button
          className="admin-button"
          fill="outline"
          block
          loading={memberPages.loadingMore}
          disabled={memberPages.loadingMore}
          onClick={() => void memberPages.loadMore()}
        >
          加载更多
        </Button>
      ) : null}
      {dialog}
    </PageShell>
  )
}

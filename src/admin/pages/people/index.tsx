import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Invitation, Member } from '../../../../types/admin'
import type { GrantableRole } from '../../../../types/roles'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import { ApiCallError, call } from '../../../services/api'
import { useConfirm } from '../../components/confirm-dialog'
import { retryFor } from '../../components/navigation'
import InvitationCreator from './invitation-creator'
import InvitationList from './invitation-list'
import MemberList from './member-list'
import '../../components/admin.css'
import './index.css'

type Section = 'invitations' | 'members'

/** 人员与邀请码: hand out roles by invitation code, see who holds which role, take roles back. */
export default function PeoplePage() {
  const members = useQuery('admin', 'listMembers')
  const invitations = useQuery('admin', 'listInvitations')
  const { ask, dialog } = useConfirm()
  const [failure, setFailure] = useState<{ section: Section; message: string } | null>(null)

  const run = async (section: Section, done: string, action: () => Promise<unknown>) => {
    setFailure(null)
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (caught) {
      setFailure({
        section,
        message: caught instanceof ApiCallError ? caught.message : '没有成功，请重试',
      })
    }
    await (section === 'members' ? members.reload() : invitations.reload())
  }

  const revokeInvitation = (invitation: Invitation) =>
    void run('invitations', '已作废', () =>
      call('admin', 'revokeInvitation', { invitationId: invitation.id }),
    )
  const revokeRole = (member: Member, role: GrantableRole) =>
    void run('members', '已撤销', () =>
      call('admin', 'revokeRole', { userId: member.userId, role }),
    )

  const failureIn = (section: Section) =>
    failure?.section === section ? (
      <View className="admin-form-error" role="alert">
        {failure.message}
      </View>
    ) : null

  return (
    <PageShell
      className="admin-page"
      title="人员与邀请码"
      loading={members.loading && !members.data}
      error={members.error}
      onRetry={retryFor(members.error, members.reload)}
    >
      <View className="vh-section-title">给人开通身份</View>
      <InvitationCreator onCreated={() => void invitations.reload()} />

      <View className="vh-section-title">已生成的邀请码</View>
      {failureIn('invitations')}
      {invitations.error ? (
        <View className="vh-card">
          <View className="vh-danger">{invitations.error.message}</View>
          <Button className="admin-button" fill="outline" onClick={() => void invitations.reload()}>
            重新加载邀请码
          </Button>
        </View>
      ) : invitations.data ? (
        <InvitationList invitations={invitations.data} confirm={ask} onRevoke={revokeInvitation} />
      ) : (
        <View className="vh-card vh-muted">正在加载邀请码…</View>
      )}

      <View className="vh-section-title">成员</View>
      {failureIn('members')}
      {members.data ? (
        <MemberList members={members.data} confirm={ask} onRevokeRole={revokeRole} />
      ) : null}
      {dialog}
    </PageShell>
  )
}

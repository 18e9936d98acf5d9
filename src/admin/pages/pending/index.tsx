import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { useConfirm } from '../../../components/confirm-dialog'
import { useMe } from '../../../services/me'
import PendingMembers from '../../components/pending-members'
import '../../components/admin.css'
import '../people/index.css'

/**
 * 入村申请 on its own: staff approve new members but have no 管理后台, so they get just this page
 * (from 我的). Admins see the same list at the top of 人员与邀请码.
 */
export default function PendingPage() {
  return (
    <RoleGate roles={['staff', 'admin']} area="入村申请" className="admin-page" title="入村申请">
      <PendingScreen />
    </RoleGate>
  )
}

function PendingScreen() {
  const { ask, dialog } = useConfirm()
  const isAdmin = useMe().me?.roles.includes('admin') ?? false
  return (
    <PageShell className="admin-page" title="入村申请">
      <PendingMembers confirm={ask} canSetPolicy={isAdmin} />
      {dialog}
    </PageShell>
  )
}

import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { retryFor } from '../../../components/page-shell/retry-for'
import PublishForm from './publish-form'
import '../../components/admin.css'
import './index.css'

/** 发布新版村规: edit a copy of the current version and publish it as the new one. */
export default function RulesPublishPage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="发布新版村规">
      <RulesPublishScreen />
    </RoleGate>
  )
}

function RulesPublishScreen() {
  const current = useQuery('rules', 'current')
  return (
    <PageShell
      className="admin-page"
      title="发布新版村规"
      loading={current.loading}
      error={current.error}
      onRetry={retryFor(current.error, current.reload)}
    >
      {current.data !== undefined ? <PublishForm current={current.data} /> : null}
    </PageShell>
  )
}

import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the admin CSS comes in the same order everywhere.
import AdminOnly from '../../components/admin-only'
import { useQuery } from '../../../hooks/use-query'
import { retryFor } from '../../components/navigation'
import PublishForm from './publish-form'
import '../../components/admin.css'
import './index.css'

/** 发布新版村规: edit a copy of the current version and publish it as the new one. */
export default function RulesPublishPage() {
  return (
    <AdminOnly title="发布新版村规">
      <RulesPublishScreen />
    </AdminOnly>
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

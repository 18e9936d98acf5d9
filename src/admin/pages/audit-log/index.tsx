import { Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'

export default function AuditLogPage() {
  return (
    <PageShell title="操作记录">
      <Text className="vh-muted">此页面正在建设中。</Text>
    </PageShell>
  )
}

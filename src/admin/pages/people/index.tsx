import { Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'

export default function PeoplePage() {
  return (
    <PageShell title="人员管理">
      <Text className="vh-muted">此页面正在建设中。</Text>
    </PageShell>
  )
}

import { Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'

export default function LimitsPage() {
  return (
    <PageShell title="礼金与宴席标准">
      <Text className="vh-muted">此页面正在建设中。</Text>
    </PageShell>
  )
}

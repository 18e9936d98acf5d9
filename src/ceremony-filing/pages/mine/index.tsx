import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import FilingRow from '../../components/filing-row'
import { BackLink, filingPages } from '../../components/navigation'
import '../../components/filing.css'

/** 我的报备: the family's filings with where each stands; one opens its details and receipt. */
export default function MyFilingsPage() {
  const mine = useQuery('ceremonyFiling', 'mine')
  return (
    <PageShell
      className="filing-page"
      title="我的报备"
      loading={mine.loading && !mine.data}
      error={mine.error}
      onRetry={mine.reload}
    >
      {mine.data?.length === 0 ? <View className="vh-empty">还没有报备过</View> : null}
      {mine.data?.map((filing) => (
        <FilingRow key={filing.id} filing={filing} />
      ))}
      <Button
        className="filing-button"
        type="primary"
        block
        onClick={() => void Taro.navigateTo({ url: filingPages.form })}
      >
        新的报备
      </Button>
      <BackLink />
    </PageShell>
  )
}

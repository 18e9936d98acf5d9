import { Button as TaroButton, View } from '@tarojs/components'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { ceremonyTypeLabels } from '../../../../types/ceremony'
import type { CeremonyFiling } from '../../../../types/ceremony-filing'
import { formatVillageDate, formatVillageDateTime } from '../../../../types/village-time'
import PageShell from '../../../components/page-shell'
import { useQuery } from '../../../hooks/use-query'
import FilingView from '../../components/filing-view'
import { BackLink, filingPages } from '../../components/navigation'
import '../../components/filing.css'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** Sharing to a chat exists only inside WeChat; elsewhere there is nothing to register. */
const useShareInWechat: typeof useShareAppMessage = isWeapp ? useShareAppMessage : () => undefined

/** One filing: the receipt (回执) to show or share, where it stands, and what the council said. */
export default function FilingDetailPage() {
  const { params } = useRouter()
  const filingId = params.id ?? ''
  const query = useQuery('ceremonyFiling', 'get', { filingId })
  const filing = query.data
  // Shared into a chat, the link opens this page; only the family and the council can read it.
  useShareInWechat(() => ({
    title: filing ? `红白喜事报备回执 ${filing.filingNumber}` : '红白喜事报备回执',
    path: filingPages.detail(filingId),
  }))
  return (
    <PageShell
      className="filing-page"
      title="报备详情"
      loading={query.loading && !filing}
      error={filingId ? query.error : '没有找到这份报备'}
      onRetry={query.reload}
    >
      {filing ? (
        <>
          <Receipt filing={filing} />
          <FilingView filing={filing} />
        </>
      ) : null}
      <BackLink label="返回我的报备" to={filingPages.mine} />
    </PageShell>
  )
}

/** 回执: what the family shows the council or keeps: the number, the event, when it was filed. */
function Receipt({ filing }: { filing: CeremonyFiling }) {
  return (
    <View className="vh-card filing-receipt">
      <View className="vh-text">红白喜事报备回执</View>
      <View className="filing-receipt__number">{filing.filingNumber}</View>
      <View className="vh-text">
        {ceremonyTypeLabels[filing.ceremonyType]} · {formatVillageDate(filing.ceremonyDate)} ·{' '}
        {filing.hostName}家
      </View>
      <View className="vh-muted">
        已于 {formatVillageDateTime(filing.filedAt)} 向红白理事会报备
      </View>
      {isWeapp ? (
        <TaroButton className="filing-button" openType="share">
          分享回执
        </TaroButton>
      ) : (
        <View className="vh-muted">可以截图保存或给理事会看</View>
      )}
    </View>
  )
}

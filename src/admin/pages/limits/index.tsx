import { View } from '@tarojs/components'
import { ceremonyTypes, relationships } from '../../../../types/ceremony'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { useQuery } from '../../../hooks/use-query'
import { retryFor } from '../../../components/page-shell/retry-for'
import BanquetLimitForm from './banquet-limit-form'
import GiftLimitRow from './gift-limit-row'
import '../../components/admin.css'
import './index.css'

/** 修改礼金和酒席标准: each gift limit saved on its own, the banquet limits together. */
export default function LimitsPage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="修改礼金和酒席标准">
      <LimitsScreen />
    </RoleGate>
  )
}

function LimitsScreen() {
  const limits = useQuery('ceremony', 'limits')
  const data = limits.data
  // The table order villagers see on 红白喜事, whatever order the server sends.
  const giftLimits = data
    ? ceremonyTypes.flatMap((ceremonyType) =>
        relationships.flatMap((relationship) =>
          data.giftLimits.filter(
            (limit) => limit.ceremonyType === ceremonyType && limit.relationship === relationship,
          ),
        ),
      )
    : []
  return (
    <PageShell
      className="admin-page"
      title="修改礼金和酒席标准"
      loading={limits.loading}
      error={limits.error}
      onRetry={retryFor(limits.error, limits.reload)}
    >
      {data ? (
        <>
          <View className="vh-section-title">礼金标准</View>
          <View className="vh-muted limits__hint">每一项改完点它自己的“保存”。</View>
          {giftLimits.map((limit) => (
            <GiftLimitRow key={`${limit.ceremonyType}-${limit.relationship}`} limit={limit} />
          ))}
          <View className="vh-section-title">酒席标准</View>
          <BanquetLimitForm limit={data.banquetLimit} />
        </>
      ) : null}
    </PageShell>
  )
}

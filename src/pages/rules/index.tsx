import { View } from '@tarojs/components'
import { pageHeading } from '../../utils/a11y'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import PageShell from '../../components/page-shell'
import { useQuery } from '../../hooks/use-query'
import RulesDocument from './rules-document'
import { takeRequestedVersion } from './version-request'
import './index.css'

/** 村规 tab: the current village rules, or an older version when one is asked for. */
export default function RulesPage() {
  const { params } = useRouter()
  const [versionId, setVersionId] = useState<string | null>(params.versionId || null)

  const openVersion = (id: string | null) => {
    setVersionId(id)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  useDidShow(() => {
    const requested = takeRequestedVersion()
    if (requested !== undefined) openVersion(requested)
  })

  return versionId ? (
    <PastRules key={versionId} versionId={versionId} onOpenVersion={openVersion} />
  ) : (
    <CurrentRules onOpenVersion={openVersion} />
  )
}

interface VersionViewProps {
  onOpenVersion: (versionId: string | null) => void
}

function CurrentRules({ onOpenVersion }: VersionViewProps) {
  const query = useQuery('rules', 'current')
  // A tab page stays alive: fetch again when the villager comes back, in case a new version
  // was published meanwhile. The first show is covered by the initial load.
  useDidShow(() => {
    if (!query.loading) void query.reload()
  })
  return (
    <PageShell
      className="rules-page"
      loading={query.loading && !query.data}
      error={query.error}
      onRetry={query.reload}
    >
      {query.data === null ? (
        <View className="vh-empty">
          <View className="vh-title" {...pageHeading()}>
            村里还没有发布村规民约
          </View>
          <View className="vh-muted">村民大会通过并发布后，会在这里显示全文。</View>
        </View>
      ) : query.data ? (
        <RulesDocument version={query.data} onOpenVersion={onOpenVersion} />
      ) : null}
    </PageShell>
  )
}

function PastRules({ versionId, onOpenVersion }: VersionViewProps & { versionId: string }) {
  const query = useQuery('rules', 'version', { versionId })
  const notFound = query.error?.code === 'NOT_FOUND'
  return (
    <PageShell
      className="rules-page"
      loading={query.loading}
      error={notFound ? null : query.error}
      onRetry={query.reload}
    >
      {notFound ? (
        <View className="vh-empty">
          <View className="vh-title" {...pageHeading()}>
            找不到这个版本的村规
          </View>
          <View className="vh-muted">{query.error?.message}</View>
          <View className="vh-link vh-tap rules__to-current" onClick={() => onOpenVersion(null)}>
            看现行版本
          </View>
        </View>
      ) : query.data ? (
        <RulesDocument version={query.data} onOpenVersion={onOpenVersion} />
      ) : null}
    </PageShell>
  )
}

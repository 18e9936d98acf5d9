import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import PageShell from '../../components/page-shell'
import { useMe } from '../../services/me'
import './admin.css'

interface AdminOnlyProps {
  /** The page's heading, shown while checking and when refused. */
  title: string
  children: ReactNode
}

/**
 * Shows an admin page only to admins. The server refuses every admin change anyway; this spares
 * a villager who followed a link from filling in a form that can never be saved.
 */
export default function AdminOnly({ title, children }: AdminOnlyProps) {
  const { me, loading, error, refresh } = useMe()
  if (me?.roles.includes('admin')) return <>{children}</>
  return (
    <PageShell
      className="admin-page"
      title={title}
      loading={loading && !me}
      error={error}
      onRetry={() => void refresh().catch(() => undefined)}
    >
      <View className="vh-empty">
        <View className="vh-title">只有管理员可以使用管理后台</View>
        <View className="admin-denied__hint">
          如需管理权限，请向村里的管理员要一个管理员邀请码。
        </View>
        <View
          className="vh-link vh-tap admin-denied__back"
          onClick={() => Taro.switchTab({ url: '/pages/me/index' })}
        >
          回到“我的”
        </View>
      </View>
    </PageShell>
  )
}

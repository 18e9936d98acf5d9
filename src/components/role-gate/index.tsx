import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { roleLabels, type Role } from '../../../types/roles'
import { useMe } from '../../services/me'
import PageShell from '../page-shell'
import './index.css'

interface RoleGateProps {
  /** Who may see the page: anyone holding one of these roles. */
  roles: readonly Role[]
  /** The page's heading, shown while checking and when refused. */
  title: string
  /** What the refusal calls this part of the app, e.g. 管理后台. */
  area: string
  /** PageShell class for the checking and refused states, so they look like the page itself. */
  className?: string
  children: ReactNode
}

/**
 * Shows a page only to people holding one of `roles`. The server refuses every change anyway;
 * this spares a villager who followed a link from filling in a form that can never be saved.
 * Signed out: api.ts sends them to sign-in; while the user loads: PageShell's loading state.
 */
export default function RoleGate({ roles, title, area, className, children }: RoleGateProps) {
  const { me, loading, error, refresh } = useMe()
  if (me?.roles.some((role) => roles.includes(role))) return <>{children}</>
  const who = roles.map((role) => roleLabels[role]).join('或')
  return (
    <PageShell
      className={className}
      title={title}
      loading={loading && !me}
      error={error}
      onRetry={() => void refresh().catch(() => undefined)}
    >
      <View className="vh-empty">
        <View className="vh-title">
          只有{who}可以使用{area}
        </View>
        <View className="role-gate__hint">如需使用，请向村里的管理员要一个{who}邀请码。</View>
        <View
          className="vh-link vh-tap role-gate__back"
          onClick={() => Taro.switchTab({ url: '/pages/me/index' })}
        >
          回到“我的”
        </View>
      </View>
    </PageShell>
  )
}

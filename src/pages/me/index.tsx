import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Switch } from '@nutui/nutui-react-taro'
import { roleLabels, type Role } from '../../../types/roles'
import { serviceDeskRoles } from '../../../types/service-center-labels'
import PageShell from '../../components/page-shell'
import MembershipNotice from '../../components/membership-notice'
import { useFontScale } from '../../hooks/use-font-scale'
import { SIGN_IN_PAGE, usesCloudTransport } from '../../services/api'
import { signOut, useMe } from '../../services/me'
import { MESSAGES_PAGE, useUnreadCount } from '../../services/unread-messages'
import { servicePages } from '../../services/service-pages'
import PrivacyNotice from './privacy-notice'
import SignOutEverywhere from './sign-out-everywhere'
import LeaveAndClose from './leave-and-close'
import { ariaRole, focusable } from '../../utils/a11y'
import './index.css'

const PENDING_MEMBERS_PAGE = '/admin/pages/pending/index'
const INVITATION_PAGE = '/account/pages/invitation/index'
const SERVICE_DESK_PAGE = '/staff/pages/desk/index'

async function confirmSignOut() {
  const { confirm } = await Taro.showModal({
    title: '退出登录',
    content: '退出后，要重新登录才能使用。确定退出吗？',
    confirmText: '退出',
    cancelText: '不退出',
    confirmColor: '#b8322b',
  })
  if (!confirm) return
  await signOut()
  void Taro.reLaunch({ url: SIGN_IN_PAGE })
}

export default function MePage() {
  const { me, loading, error, refresh } = useMe()
  const { bigText, setBigText } = useFontScale()
  const unread = useUnreadCount(Boolean(me))

  return (
    <PageShell title="我的" loading={loading} error={error} onRetry={() => void refresh()}>
      {me ? (
        <View className="me">
          <View className="vh-card me__profile">
            <Text className="me__name">{me.user.displayName}</Text>
            {me.village ? (
              <Text className="me__village">
                {me.village.name} · {me.village.townName}
              </Text>
            ) : (
              <View className="vh-tap" onClick={() => void Taro.reLaunch({ url: SIGN_IN_PAGE })}>
                <Text className="vh-link">还没有选择村子，去选择</Text>
              </View>
            )}
            <View className="me__roles">
              {me.roles.map((role) => (
                <Text key={role} className="vh-tag me__role">
                  {roleLabels[role]}
                </Text>
              ))}
            </View>
          </View>

          <MembershipNotice me={me} />

          <View className="vh-card">
            <View
              className="vh-row"
              hoverClass="vh-row--hover"
              aria-label={unread ? `消息，${unread} 条未读` : '消息'}
              {...ariaRole('button')}
              {...focusable()}
              onClick={() => void Taro.navigateTo({ url: MESSAGES_PAGE })}
            >
              <Text className="me__card-title">消息</Text>
              <View className="me__messages-end">
                {unread ? <Text className="me__badge">{unread > 99 ? '99+' : unread}</Text> : null}
                <Text className="vh-row__arrow">›</Text>
              </View>
            </View>
            {me.membership === 'approved' ? (
              <View
                className="vh-row"
                hoverClass="vh-row--hover"
                {...ariaRole('button')}
                {...focusable()}
                onClick={() => void Taro.navigateTo({ url: servicePages.mine })}
              >
                <Text className="me__card-title">我的预约</Text>
                <Text className="vh-row__arrow">›</Text>
              </View>
            ) : null}
          </View>

          <View className="vh-card">
            {/* The whole row toggles, so the target is big; the switch itself must not toggle twice. */}
            <View className="vh-row me__big-text" onClick={() => setBigText(!bigText)}>
              <View className="me__big-text-label">
                <Text className="me__card-title">大字模式</Text>
                <Text className="me__hint">字体放大四分之一</Text>
              </View>
              <View onClick={(event) => event.stopPropagation()}>
                <Switch
                  className="me__switch"
                  checked={bigText}
                  ariaLabel="大字模式"
                  {...ariaRole('switch')}
                  {...focusable()}
                  onChange={(on) => setBigText(on)}
                />
              </View>
            </View>
          </View>

          {/* Staff approve new members too; they have no 管理后台, only this one page of it. */}
          {me.roles.includes('staff') && !me.roles.includes('admin') ? (
            <View className="vh-card">
              <View
                className="vh-row"
                hoverClass="vh-row--hover"
                onClick={() => void Taro.navigateTo({ url: PENDING_MEMBERS_PAGE })}
              >
                <Text className="me__card-title">入村申请</Text>
                <Text className="vh-row__arrow">›</Text>
              </View>
            </View>
          ) : null}

          {me.roles.some((role) => (serviceDeskRoles as readonly Role[]).includes(role)) ? (
            <View className="vh-card">
              <View
                className="vh-row"
                hoverClass="vh-row--hover"
                onClick={() => void Taro.navigateTo({ url: SERVICE_DESK_PAGE })}
              >
                <Text className="me__card-title">服务台</Text>
                <Text className="vh-row__arrow">›</Text>
              </View>
            </View>
          ) : null}

          {me.roles.includes('admin') ? (
            <View className="vh-card">
              <View
                className="vh-row"
                hoverClass="vh-row--hover"
                onClick={() => void Taro.navigateTo({ url: '/admin/pages/index/index' })}
              >
                <Text className="me__card-title">管理后台</Text>
                <Text className="vh-row__arrow">›</Text>
              </View>
            </View>
          ) : null}

          <View className="vh-card">
            <View
              className="vh-row"
              hoverClass="vh-row--hover"
              {...ariaRole('button')}
              {...focusable()}
              onClick={() => void Taro.navigateTo({ url: INVITATION_PAGE })}
            >
              <View className="me__row-label">
                <Text className="me__card-title">输入邀请码</Text>
                <Text className="me__hint">村里给您发了邀请码，在这里填写</Text>
              </View>
              <Text className="vh-row__arrow">›</Text>
            </View>
          </View>

          {me.demo && !usesCloudTransport ? (
            <Button
              className="me__action"
              type="default"
              block
              onClick={() => void Taro.navigateTo({ url: `${SIGN_IN_PAGE}?switch=1` })}
            >
              切换体验身份
            </Button>
          ) : null}

          <PrivacyNotice />

          {/* In the mini-program WeChat itself is the identity: there is nothing to sign out of. */}
          {usesCloudTransport ? null : (
            <Button
              className="me__action"
              type="default"
              block
              onClick={() => void confirmSignOut()}
            >
              退出登录
            </Button>
          )}
          {usesCloudTransport ? null : <SignOutEverywhere />}
          <LeaveAndClose me={me} />
        </View>
      ) : null}
    </PageShell>
  )
}

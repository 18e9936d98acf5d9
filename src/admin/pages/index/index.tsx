import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../components/page-shell'
import { useMe } from '../../../services/me'
import '../../components/admin.css'
import './index.css'

const menu = [
  {
    title: '发布新版村规',
    hint: '修改条款后发布，旧版本仍可查阅',
    url: '/admin/pages/rules-publish/index',
  },
  {
    title: '修改礼金和酒席标准',
    hint: '红白喜事的礼金上限、酒席桌数等',
    url: '/admin/pages/limits/index',
  },
  {
    title: '人员与邀请码',
    hint: '生成邀请码，查看和撤销成员身份',
    url: '/admin/pages/people/index',
  },
  { title: '操作日志', hint: '谁在什么时候改了什么', url: '/admin/pages/audit-log/index' },
]

/** 管理后台: the admin's menu. */
export default function AdminHomePage() {
  const { me, loading, error, refresh } = useMe()
  const isAdmin = me?.roles.includes('admin') ?? false
  return (
    <PageShell
      className="admin-page"
      title="管理后台"
      loading={loading && !me}
      error={error}
      onRetry={() => void refresh().catch(() => undefined)}
    >
      {me && !isAdmin ? (
        <View className="vh-empty">
          <View className="vh-title">只有管理员可以使用管理后台</View>
          <View className="admin-home__denied">
            如需管理权限，请向村里的管理员要一个管理员邀请码。
          </View>
          <View
            className="vh-link vh-tap admin-home__back"
            onClick={() => Taro.switchTab({ url: '/pages/me/index' })}
          >
            回到“我的”
          </View>
        </View>
      ) : (
        <View className="vh-card">
          {menu.map((item) => (
            <View
              key={item.url}
              className="vh-row admin-home__item"
              hoverClass="vh-row--hover"
              onClick={() => Taro.navigateTo({ url: item.url })}
            >
              <View>
                <View className="admin-home__title">{item.title}</View>
                <View className="vh-muted">{item.hint}</View>
              </View>
              <Text className="vh-row__arrow">›</Text>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
}

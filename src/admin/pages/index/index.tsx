import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { ariaRole, focusable } from '../../../utils/a11y'
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
  {
    title: '微信通知发送情况',
    hint: '已发送、等待发送和发送失败的原因',
    url: '/admin/pages/outbox/index',
  },
  {
    title: '敏感词',
    hint: '建议里有这些词时，先由议事会成员看过',
    url: '/admin/pages/held-words/index',
  },
  {
    title: '村里的二维码',
    hint: '打印出来贴在村委会门口，村民一扫就进',
    url: '/admin/pages/village-code/index',
  },
]

/** 管理后台: the admin's menu. */
export default function AdminHomePage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="管理后台">
      <PageShell className="admin-page" title="管理后台">
        <View className="vh-card">
          {menu.map((item) => (
            <View
              key={item.url}
              className="vh-row admin-home__item"
              hoverClass="vh-row--hover"
              {...ariaRole('link')}
              {...focusable()}
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
      </PageShell>
    </RoleGate>
  )
}

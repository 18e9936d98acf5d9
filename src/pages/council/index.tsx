import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { onCouncil } from '../../../types/council-roles'
import MembershipNotice from '../../components/membership-notice'
import PageShell from '../../components/page-shell'
import { useMe } from '../../services/me'
import { focusable, pageHeading } from '../../utils/a11y'
import './index.css'

// A tab page, so in the main package, which is at its size budget: plain Views and addresses
// written out; the forms and lists are in the `suggest` and `council` subpackages.
const entries = [
  {
    title: '提建议',
    caption: '村里哪里要改进，写下来交给议事会',
    url: '/suggest/pages/new/index',
    who: 'member',
  },
  {
    title: '我的建议',
    caption: '提过的建议办到哪一步了',
    url: '/suggest/pages/mine/index',
    who: 'member',
  },
  {
    title: '议事公开栏',
    caption: '村里每个议题和决议办得怎么样，人人都能看',
    url: '/suggest/pages/board/index',
    who: 'member',
  },
  {
    title: '议事会收件箱',
    caption: '议事会成员：答复或处理村民的建议',
    url: '/council/pages/inbox/index',
    who: 'council',
  },
  {
    title: '议题与预审',
    caption: '准备议题，提交村党组织会前预审',
    url: '/council/pages/topics/index',
    who: 'council',
  },
  {
    title: '决议办理',
    caption: '议事会的决议办到哪一步；村两委报告进展',
    url: '/council/pages/resolutions/index',
    who: 'resolutions',
  },
  {
    title: '积分排行',
    caption: '议事会成员参会、发言、议题通过记的积分',
    url: '/council/pages/points/index',
    who: 'council',
  },
] as const

/** 议事 tab: the way into the 百姓议事会 — file a suggestion, follow it, and the council's work. */
export default function CouncilTabPage() {
  const { me, loading, error, refresh } = useMe()
  // Someone the village has yet to approve cannot file: the notice says where they stand.
  const member = me?.membership !== 'pending' && me?.membership !== 'declined'
  const council = me ? onCouncil(me.roles) : false
  return (
    <PageShell
      className="council-tab"
      loading={loading && !me}
      error={error}
      onRetry={() => void refresh().catch(() => undefined)}
    >
      {me ? (
        <View className="council-tab__body">
          <Text className="vh-title" {...pageHeading()}>
            百姓议事会
          </Text>
          <Text className="council-tab__intro">
            村里的事大家商量着办：您提的每条建议，议事会都会答复，办到哪一步都能看到。
          </Text>
          <MembershipNotice me={me} />
          {entries
            .filter((entry) =>
              entry.who === 'council'
                ? council
                : entry.who === 'resolutions'
                  ? council || me.roles.includes('villageCommittee')
                  : member,
            )
            .map((entry) => (
              <View
                key={entry.url}
                className="council-tab__entry"
                hoverClass="council-tab__entry--pressed"
                {...focusable()}
                onClick={() => void Taro.navigateTo({ url: entry.url })}
              >
                <Text className="council-tab__entry-title">{entry.title}</Text>
                <Text className="council-tab__entry-caption">{entry.caption}</Text>
              </View>
            ))}
        </View>
      ) : null}
    </PageShell>
  )
}

import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { handlesFilings } from '../../../types/ceremony-filing-roles'
import { useMe } from '../../services/me'
import { ariaRole, focusable } from '../../utils/a11y'

// Addresses written out rather than imported: the filing pages live in subpackages, and nothing
// of theirs should ride into the main package with this page.
const links = [
  { label: '我要报备红白喜事', url: '/ceremony-filing/pages/new/index', who: 'member' },
  { label: '我的报备', url: '/ceremony-filing/pages/mine/index', who: 'member' },
  { label: '本村红白喜事月度汇总', url: '/ceremony-filing/pages/summary/index', who: 'member' },
  { label: '报备处理（红白理事会）', url: '/ceremony-council/pages/queue/index', who: 'council' },
] as const

/** The way to 红白喜事报备: for members of the village, and the council's queue for it. */
export default function FilingLinks() {
  const { me } = useMe()
  if (!me || me.membership === 'pending') return null
  const council = handlesFilings(me.roles)
  return (
    <View className="vh-card">
      {links
        .filter((link) => link.who === 'member' || council)
        .map((link) => (
          <View
            key={link.url}
            className="vh-row vh-link"
            {...ariaRole('link')}
            {...focusable()}
            onClick={() => void Taro.navigateTo({ url: link.url })}
          >
            {link.label}
            <View className="vh-row__arrow">›</View>
          </View>
        ))}
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import type { Me } from '../../../types/session'
import { ariaRole } from '../../utils/a11y'
import './index.css'

/**
 * Tells someone whose joining the village has yet to approve (or has declined) where they stand,
 * in plain words. Plain Views only: 首页 and 我的 are in the main package, near its size budget.
 */
export default function MembershipNotice({ me }: { me: Me }) {
  if (me.membership === 'pending') {
    return (
      <View className="vh-card membership-notice" {...ariaRole('status')}>
        <Text className="membership-notice__title">等村里同意您加入</Text>
        <Text className="membership-notice__text">
          您已经选了{me.village?.name ?? '村子'}
          ，村里的工作人员同意后，您就是本村村民了。现在可以先看村规和红白喜事标准；理事会的电话要等同意后才能看到。有邀请码的，在“我的”里输入，马上生效。
        </Text>
      </View>
    )
  }
  if (me.membership === 'declined') {
    return (
      <View className="vh-card membership-notice" {...ariaRole('status')}>
        <Text className="membership-notice__title">村里没有同意您加入</Text>
        <Text className="membership-notice__text">
          如果选错了村，可以重新选择；如有疑问，请找村里的工作人员。
        </Text>
      </View>
    )
  }
  return null
}

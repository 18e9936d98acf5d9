import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { focusable } from '../../utils/a11y'

export const COUNCIL_TAB = '/pages/council/index'
export const suggestPages = {
  form: '/suggest/pages/new/index',
  mine: '/suggest/pages/mine/index',
  inbox: '/council/pages/inbox/index',
}

/** Back to where the villager came from; to the 议事 tab when the page was opened from a link. */
function goBack(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.switchTab({ url: COUNCIL_TAB })
  }
}

/** The visible way back at the foot of every council page. */
export function BackLink() {
  return (
    <View className="vh-link vh-tap suggest-back" {...focusable()} onClick={goBack}>
      ‹ 返回
    </View>
  )
}

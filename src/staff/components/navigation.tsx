import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { focusable } from '../../utils/a11y'

export const staffPages = {
  desk: '/staff/pages/desk/index',
  walkIn: '/staff/pages/walk-in/index',
  followUps: '/staff/pages/follow-ups/index',
  settings: '/staff/pages/settings/index',
  services: '/staff/pages/services/index',
  roster: '/staff/pages/roster/index',
  figures: '/staff/pages/figures/index',
}

/**
 * Back to where staff came from; when the page was opened from a link, to the desk (from the
 * desk itself, to 我的, where it is entered).
 */
function goBack(toMe: boolean): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else if (toMe) {
    void Taro.switchTab({ url: '/pages/me/index' })
  } else {
    void Taro.redirectTo({ url: staffPages.desk })
  }
}

/** The visible way back at the foot of every staff page. */
export function BackLink({ toMe = false }: { toMe?: boolean }) {
  return (
    <View className="vh-link vh-tap staff-back" {...focusable()} onClick={() => goBack(toMe)}>
      ‹ {toMe ? '返回我的' : '返回服务台'}
    </View>
  )
}

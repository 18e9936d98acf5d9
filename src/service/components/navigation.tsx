import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { focusable } from '../../utils/a11y'

/** The 办事 tab: where the booking pages start. */
export const SERVICE_CENTER_TAB = '/pages/service-center/index'

/** A page parameter as written into the link (WeChat passes it still encoded; H5 decoded). */
export function pageParam(value: string | undefined): string {
  return decodeURIComponent(value ?? '')
}

/** Back to where the villager came from; to the 办事 tab when the page was opened from a link. */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.switchTab({ url: SERVICE_CENTER_TAB })
  }
}

/** The visible way back at the foot of every booking page. */
export function BackLink({ label = '返回' }: { label?: string }) {
  return (
    <View className="vh-link vh-tap service-back" {...focusable()} onClick={goBack}>
      ‹ {label}
    </View>
  )
}

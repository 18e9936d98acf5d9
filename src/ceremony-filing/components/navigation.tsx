import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ariaRole, focusable } from '../../utils/a11y'

export const CEREMONY_PAGE = '/pages/ceremony/index'
export const filingPages = {
  form: '/ceremony-filing/pages/new/index',
  mine: '/ceremony-filing/pages/mine/index',
  detail: (id: string) => `/ceremony-filing/pages/detail/index?id=${encodeURIComponent(id)}`,
  summary: '/ceremony-filing/pages/summary/index',
  queue: '/ceremony-council/pages/queue/index',
  deadlines: '/ceremony-council/pages/settings/index',
  councilFiling: (id: string) =>
    `/ceremony-council/pages/filing/index?id=${encodeURIComponent(id)}`,
}

/** Back to where the villager came from; to 红白喜事 when the page was opened from a link. */
export function goBack(to = CEREMONY_PAGE): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.redirectTo({ url: to })
  }
}

/** The visible way back at the foot of every filing page. */
export function BackLink({ label = '返回', to }: { label?: string; to?: string }) {
  return (
    <View
      className="vh-link vh-tap filing-back"
      {...ariaRole('link')}
      {...focusable()}
      onClick={() => goBack(to)}
    >
      ‹ {label}
    </View>
  )
}

import Taro from '@tarojs/taro'

export const ADMIN_HOME = '/admin/pages/index/index'

/** Back to where the admin came from; to the admin menu when the page was opened directly. */
export function leavePage(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack()
  } else {
    void Taro.redirectTo({ url: ADMIN_HOME })
  }
}

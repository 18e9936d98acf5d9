import Taro from '@tarojs/taro'

/** The tab pages (app.config.ts tabBar): WeChat opens these with switchTab only. */
const tabPages = [
  '/pages/home/index',
  '/pages/council/index',
  '/pages/rules/index',
  '/pages/service-center/index',
  '/pages/me/index',
]

/** Opens the page a message is about. */
export function openLink(link: string): void {
  const path = link.split('?')[0]
  if (tabPages.includes(path)) {
    void Taro.switchTab({ url: path })
  } else {
    void Taro.navigateTo({ url: link })
  }
}

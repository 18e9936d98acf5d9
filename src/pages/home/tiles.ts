import Taro from '@tarojs/taro'

/** One big entry on 首页. New features (议事, 办事 …) are added here as they are built. */
export interface HomeTile {
  title: string
  caption: string
  url: string
  /** Tab pages must be opened with switchTab, others with navigateTo. */
  tab: boolean
}

export const homeTiles: HomeTile[] = [
  {
    title: '百姓议事会',
    caption: '提建议 · 看进展',
    url: '/pages/council/index',
    tab: true,
  },
  {
    title: '村规民约',
    caption: '本村的约定 · 大家共同遵守',
    url: '/pages/rules/index',
    tab: true,
  },
  {
    title: '红白喜事',
    caption: '礼金标准 · 随礼参考',
    url: '/pages/ceremony/index',
    tab: false,
  },
]

export function openTile(tile: HomeTile): void {
  if (tile.tab) {
    void Taro.switchTab({ url: tile.url })
  } else {
    void Taro.navigateTo({ url: tile.url })
  }
}

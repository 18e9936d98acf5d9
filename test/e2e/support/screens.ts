import type { Page } from 'playwright-core'

/** Who opens a screen: a demo persona's name, or nobody signed in. */
export type Visitor = '张秀英' | '刘志强' | 'nobody'

/**
 * Every screen of the app, as the accessibility gate (accessibility.e2e.ts) visits it. A new
 * screen joins the gate by adding a line here: its address, who can reach it, and a text that
 * shows it has finished loading.
 */
export interface Screen {
  name: string
  /** The hash route, e.g. `/pages/rules/index`. */
  route: string
  visitors: Visitor[]
  /** Visible once the screen has loaded. */
  ready: string
  /** Brings the screen into the state to check, after it has loaded (a search typed, …). */
  then?: (page: Page) => Promise<void>
}

const everyone: Visitor[] = ['张秀英', '刘志强']
const admin: Visitor[] = ['刘志强']

export const screens: Screen[] = [
  {
    name: '登录（选择体验身份）',
    route: '/pages/sign-in/index',
    visitors: ['nobody'],
    ready: '选择体验身份（演示模式）',
  },
  { name: '首页', route: '/pages/home/index', visitors: everyone, ready: '石龙村 · 仙鹤镇' },
  {
    name: '村规',
    route: '/pages/rules/index',
    visitors: everyone,
    ready: '石龙村村规民约（2024 年修订）',
  },
  {
    name: '村规（搜索）',
    route: '/pages/rules/index',
    visitors: everyone,
    ready: '石龙村村规民约（2024 年修订）',
    then: async (page) => {
      await page.locator('input[placeholder="搜索条款，如：彩礼"]').fill('彩礼')
      await page.getByText('找到 1 条').waitFor()
    },
  },
  {
    name: '村规条款',
    route: '/pages/rules/index',
    visitors: everyone,
    ready: '石龙村村规民约（2024 年修订）',
    then: async (page) => {
      await page.getByText('查看本条 ›').first().tap()
      await page.locator('.rules-article__number').first().waitFor()
    },
  },
  { name: '红白喜事', route: '/pages/ceremony/index', visitors: everyone, ready: '随礼参考' },
  {
    name: '办事（党群服务中心）',
    route: '/pages/service-center/index',
    visitors: everyone,
    ready: '今天挂牌值班',
  },
  {
    name: '红白喜事（随礼参考的答案）',
    route: '/pages/ceremony/index',
    visitors: everyone,
    ready: '随礼参考',
    then: async (page) => {
      await page.locator('.choice-buttons__item', { hasText: '婚嫁' }).tap()
      await page.locator('.choice-buttons__item', { hasText: '亲属' }).tap()
      const answer = page.getByText('礼金不超过', { exact: false })
      await answer.waitFor()
      // It appears below both sets of buttons: it must be brought onto the screen.
      await page.waitForFunction(() => {
        const box = document.querySelector('#ceremony-advice')?.getBoundingClientRect()
        return Boolean(box && box.top >= 0 && box.top < innerHeight - 40)
      })
    },
  },
  { name: '我的', route: '/pages/me/index', visitors: everyone, ready: '大字模式' },
  { name: '消息', route: '/messages/pages/index/index', visitors: everyone, ready: '消息' },
  { name: '管理后台', route: '/admin/pages/index/index', visitors: admin, ready: '发布新版村规' },
  {
    name: '发布新版村规',
    route: '/admin/pages/rules-publish/index',
    visitors: admin,
    ready: '发布',
  },
  { name: '礼金和酒席标准', route: '/admin/pages/limits/index', visitors: admin, ready: '礼金' },
  { name: '人员与邀请码', route: '/admin/pages/people/index', visitors: admin, ready: '邀请码' },
  { name: '操作日志', route: '/admin/pages/audit-log/index', visitors: admin, ready: '操作日志' },
  { name: '微信通知发送情况', route: '/admin/pages/outbox/index', visitors: admin, ready: '通知' },
  {
    name: '村里的二维码',
    route: '/admin/pages/village-code/index',
    visitors: admin,
    ready: '下载二维码图片',
  },
]

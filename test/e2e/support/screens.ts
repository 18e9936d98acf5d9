import type { Page } from 'playwright-core'
import { preReviewOutcomeLabels } from '../../../types/council'
import { callAs, callAsPersona } from './api'

/**
 * Who opens a screen: a demo persona's name, nobody signed in, or 新村民: someone signed in with
 * WeChat for the first time, in no village yet.
 */
export type Visitor =
  '张秀英' | '刘志强' | '王建国' | '赵德厚' | '陈红梅' | '李明' | 'nobody' | '新村民'

/** A village opened by hand (`npm run village:add`), beside the demo: what 新村民 picks. */
export const openedVillage = { townName: '青山镇', villageName: '杏花村' }

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
/** Screens of the villager's own business (booking, 我的预约): checked as the villager. */
const villager: Visitor[] = ['张秀英']
/** 议事会成员: the inbox, topics and meetings are theirs. */
const councilMember: Visitor[] = ['王建国']
/** Everyone on the council who reads the topics: a member and the party reviewer. */
const councilReaders: Visitor[] = ['王建国', '陈红梅']

export const screens: Screen[] = [
  {
    name: '登录（选择体验身份）',
    route: '/account/pages/sign-in/index',
    visitors: ['nobody'],
    ready: '选择体验身份（演示模式）',
  },
  {
    name: '选择村庄（镇）',
    route: '/account/pages/sign-in/index',
    visitors: ['新村民'],
    ready: '第一步：您在哪个镇？',
  },
  {
    name: '选择村庄（村）',
    route: '/account/pages/sign-in/index',
    visitors: ['新村民'],
    ready: '第一步：您在哪个镇？',
    then: (page) => page.getByText(openedVillage.townName).tap(),
  },
  {
    name: '选择村庄（称呼与确认）',
    route: '/account/pages/sign-in/index',
    visitors: ['新村民'],
    ready: '第一步：您在哪个镇？',
    then: async (page) => {
      await page.getByText(openedVillage.townName).tap()
      await page.getByText(openedVillage.villageName).tap()
      await page.getByText(`确认加入${openedVillage.villageName}`).waitFor()
    },
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
  {
    name: '议事',
    route: '/pages/council/index',
    visitors: [...villager, ...councilReaders],
    ready: '我的建议',
  },
  {
    name: '提建议（没填的项）',
    route: '/suggest/pages/new/index',
    visitors: villager,
    ready: '提交给议事会',
    then: async (page) => {
      await page.locator('.nut-button', { hasText: '提交给议事会' }).tap()
      await page.getByText('标题不能为空').waitFor()
    },
  },
  {
    name: '我的建议',
    route: '/suggest/pages/mine/index',
    visitors: villager,
    ready: '提新的建议',
    then: async (page) => {
      await fileSuggestion(page)
      await page.getByText('办理经过').first().waitFor()
    },
  },
  {
    name: '议事公开栏',
    route: '/suggest/pages/board/index',
    visitors: everyone,
    ready: '议事会公开',
  },
  {
    name: '议事会收件箱',
    route: '/council/pages/inbox/index',
    visitors: councilMember,
    ready: '每一条都要有个回音',
    then: async (page) => {
      await fileSuggestion(page)
      await page.locator('.nut-button', { hasText: '处理这条建议' }).first().tap()
      await page.locator('.suggest-card textarea').first().waitFor()
    },
  },
  {
    name: '议题与预审',
    route: '/council/pages/topics/index',
    visitors: councilReaders,
    ready: '议题由村民的建议而来',
  },
  {
    name: '准备议题',
    route: '/council/pages/topics/index',
    visitors: councilMember,
    ready: '议题由村民的建议而来',
    then: openNewTopic,
  },
  {
    name: '会前预审（预审表）',
    route: '/council/pages/topics/index',
    visitors: ['陈红梅'],
    ready: '议题由村民的建议而来',
    then: openTopicToReview,
  },
  {
    name: '会议',
    route: '/council/pages/meetings/index',
    visitors: ['赵德厚', '王建国'],
    ready: '议事会开会',
  },
  {
    name: '会议（签到与代签到）',
    route: '/council/pages/meetings/index',
    visitors: ['赵德厚'],
    ready: '议事会开会',
    then: async (page) => {
      await page.locator('.suggest-row', { hasText: '已通知' }).first().tap()
      await page.getByText('代签到').first().waitFor()
    },
  },
  {
    name: '会议记录',
    route: '/council/pages/meetings/index',
    visitors: ['王建国'],
    ready: '议事会开会',
    then: async (page) => {
      await page.locator('.suggest-row', { hasText: '已结束' }).first().tap()
      await page.getByText('导出会议记录').waitFor()
    },
  },
  {
    name: '安排会议',
    route: '/council/pages/schedule/index',
    visitors: ['赵德厚'],
    ready: '上会的议题',
  },
  {
    name: '安排会议（选日期）',
    route: '/council/pages/schedule/index',
    visitors: ['赵德厚'],
    ready: '上会的议题',
    then: async (page) => {
      await page.locator('[aria-label^="开会日期："]:visible').tap()
      await page.locator('.weui-picker__action:visible', { hasText: '确定' }).waitFor()
    },
  },
  {
    name: '议事规则',
    route: '/council/pages/meeting-rules/index',
    visitors: ['赵德厚'],
    ready: '保存议事规则',
  },
  {
    name: '决议办理',
    route: '/council/pages/resolutions/index',
    visitors: ['赵德厚', '王建国'],
    ready: '议事会通过的决议',
  },
  {
    name: '决议办理（报告进展）',
    route: '/council/pages/resolutions/index',
    visitors: ['李明'],
    ready: '提交进展',
  },
  {
    name: '积分排行',
    route: '/council/pages/points/index',
    visitors: ['王建国', '赵德厚'],
    // The rules come with their own read: shown once both are in.
    ready: '参加会议 +',
  },
  { name: '我的', route: '/pages/me/index', visitors: everyone, ready: '大字模式' },
  {
    name: '输入邀请码',
    route: '/account/pages/invitation/index',
    visitors: everyone,
    ready: '使用邀请码',
  },
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
  { name: '入村申请', route: '/admin/pages/pending/index', visitors: admin, ready: '改为直接加入' },
  { name: '操作日志', route: '/admin/pages/audit-log/index', visitors: admin, ready: '操作日志' },
  { name: '敏感词', route: '/admin/pages/held-words/index', visitors: admin, ready: '保存词表' },
  { name: '微信通知发送情况', route: '/admin/pages/outbox/index', visitors: admin, ready: '通知' },
  {
    name: '村里的二维码',
    route: '/admin/pages/village-code/index',
    visitors: admin,
    ready: '下载二维码图片',
  },
  {
    name: '红白喜事报备（超标准的标记）',
    route: '/ceremony-filing/pages/new/index',
    visitors: everyone,
    ready: '提交报备',
    then: async (page) => {
      await page.locator('.choice-buttons__item', { hasText: '婚嫁' }).tap()
      const tables = page.locator('.filing-field', { hasText: '酒席桌数' }).locator('input')
      await tables.fill('25')
      await page.getByText('超过本村上限 20 桌', { exact: false }).first().waitFor()
    },
  },
  {
    name: '我的报备',
    route: '/ceremony-filing/pages/mine/index',
    visitors: everyone,
    ready: '新的报备',
  },
  {
    name: '报备详情与回执',
    route: '/ceremony-filing/pages/mine/index',
    visitors: everyone,
    ready: '新的报备',
    then: (page) => openNewFiling(page, '/ceremony-filing/pages/detail/index', '红白喜事报备回执'),
  },
  {
    name: '红白喜事月度汇总',
    route: '/ceremony-filing/pages/summary/index',
    visitors: everyone,
    ready: '上个月',
  },
  {
    name: '报备处理',
    route: '/ceremony-council/pages/queue/index',
    visitors: admin,
    ready: '待处理',
  },
  {
    name: '处理报备',
    route: '/ceremony-council/pages/queue/index',
    visitors: admin,
    ready: '待处理',
    then: (page) => openNewFiling(page, '/ceremony-council/pages/filing/index', '建议调整'),
  },
  {
    name: '预约办事（服务与时段）',
    route: '/pages/service-center/index',
    visitors: villager,
    ready: '今天挂牌值班',
    then: openService,
  },
  {
    name: '填写预约',
    route: '/pages/service-center/index',
    visitors: villager,
    ready: '今天挂牌值班',
    then: async (page) => {
      await openService(page)
      await onScreen(page).getByText('还剩', { exact: false }).first().tap()
      await onScreen(page).getByText('下一步：填写联系人').tap()
      await onScreen(page).getByText('确认预约').waitFor()
    },
  },
  { name: '我的预约', route: '/service/pages/mine/index', visitors: villager, ready: '预约办事' },
  {
    name: '我的预约（一条预约，取消的原因）',
    route: '/service/pages/mine/index',
    visitors: villager,
    ready: '预约办事',
    then: async (page) => {
      await bookFirstFreeSlot(page)
      await page.reload()
      const card = onScreen(page).locator('.service-card').first()
      await card.getByText('看要带的材料').tap()
      await card.getByText('取消预约').tap()
      await card.getByText('为什么取消').waitFor()
    },
  },
  {
    name: '报备期限',
    route: '/ceremony-council/pages/settings/index',
    visitors: admin,
    ready: '保存婚嫁的期限',
  },
  { name: '服务台', route: '/staff/pages/desk/index', visitors: admin, ready: '月度统计与导出' },
  {
    name: '服务台（改时间）',
    route: '/staff/pages/desk/index',
    visitors: admin,
    ready: '月度统计与导出',
    then: async (page) => {
      const { start } = await registerThroughApi(page, [])
      await openAndWait(page, `/staff/pages/desk/index?day=${villageDay(start)}`, '王奶奶')
      await page.locator('.nut-button', { hasText: '改时间' }).first().tap()
      await page.getByText('改时间的原因').waitFor()
    },
  },
  {
    name: '登记来访/来电',
    route: '/staff/pages/walk-in/index',
    visitors: admin,
    ready: '办什么事',
  },
  {
    name: '回访',
    route: '/staff/pages/follow-ups/index',
    visitors: admin,
    ready: '记下回访后',
    then: async (page) => {
      await registerThroughApi(page, ['checkIn', 'finish'])
      await openAndWait(page, '/staff/pages/follow-ups/index', '记录回访')
      await page.locator('.nut-button', { hasText: '记录回访' }).first().tap()
      await page.getByText('村民满意吗').waitFor()
    },
  },
  {
    name: '服务设置',
    route: '/staff/pages/settings/index',
    visitors: admin,
    ready: '保存开放时间',
  },
  {
    name: '服务事项',
    route: '/staff/pages/services/index',
    visitors: admin,
    ready: '添加服务事项',
  },
  { name: '值班表', route: '/staff/pages/roster/index', visitors: admin, ready: '保存这一周' },
  {
    name: '月度统计与导出',
    route: '/staff/pages/figures/index',
    visitors: admin,
    ready: '导出一天的预约',
  },
]

/** The village day (UTC+8) of an instant. */
const villageDay = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10)

/** Opens a route of the app afresh and waits until it has loaded and shows `ready`. */
async function openAndWait(page: Page, route: string, ready: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#${route}`)
  await page.reload()
  await page.getByText(ready).first().waitFor({ timeout: 10000 })
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.vh-state--loading')].some((e) => e.getClientRects().length),
  )
}

/**
 * Registers a phone call for 社保医保代办 in its first free slot, as the signed-in visitor (the
 * admin works the desk too), through the API with the token the app keeps, then takes the desk
 * `steps` on it. A registration has no account behind it, so it sends nobody a message: the
 * 消息 screens the gate opens stay as they were. Answers the appointment.
 */
export async function registerThroughApi(
  page: Page,
  steps: ('checkIn' | 'finish')[],
): Promise<{ id: string; start: string }> {
  return page.evaluate(async (deskSteps) => {
    const stored = JSON.parse(localStorage.getItem('sessionToken') ?? '{}') as { data?: string }
    const send = async (fn: string, action: string, data: unknown) => {
      const response = await fetch(`/api/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.data}` },
        body: JSON.stringify({ action, data, requestId: crypto.randomUUID() }),
      })
      const body = (await response.json()) as { ok: boolean; data: unknown; error?: unknown }
      if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`)
      return body.data
    }
    const services = (await send('serviceDesk', 'services', undefined)) as {
      id: string
      name: string
    }[]
    const service = services.find((s) => s.name === '社保医保代办')
    if (!service) throw new Error('no 社保医保代办 in the demo village')
    const days = (await send('serviceCenter', 'availability', { serviceId: service.id })) as {
      slots: { start: string; placesLeft: number }[]
    }[]
    const slot = days.flatMap((day) => day.slots).find((s) => s.placesLeft > 0)
    if (!slot) throw new Error('no free slot for 社保医保代办')
    const registered = (await send('serviceDesk', 'registerWalkIn', {
      channel: 'phoneCall',
      serviceId: service.id,
      slotStart: slot.start,
      contactName: '王奶奶',
    })) as { id: string; start: string }
    for (const step of deskSteps) {
      const data: Record<string, string> = { appointmentId: registered.id }
      if (step === 'finish') data.result = '已办好'
      await send('serviceDesk', step, data)
    }
    return { id: registered.id, start: registered.start }
  }, steps)
}

/**
 * Files a wedding ten days ahead as the signed-in visitor, through the API with the token the
 * app keeps, then opens `route` for that filing: the pages of one filing need one to show.
 */
async function openNewFiling(page: Page, route: string, ready: string): Promise<void> {
  const id = await page.evaluate(async () => {
    const stored = JSON.parse(localStorage.getItem('sessionToken') ?? '{}') as { data?: string }
    // Ten days ahead in village time (UTC+8), well past any notice the demo asks.
    const day = new Date(Date.now() + 8 * 3600_000 + 10 * 86400_000).toISOString().slice(0, 10)
    const data = {
      ceremonyType: 'wedding',
      ceremonyDate: day,
      place: '村文化礼堂',
      hostName: '张秀英',
      tables: 18,
      costPerTable: 300,
      cigarettePrice: 15,
      liquorPrice: 40,
      cars: 4,
    }
    const response = await fetch('/api/ceremonyFiling', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.data}` },
      body: JSON.stringify({ action: 'file', data, requestId: crypto.randomUUID() }),
    })
    return ((await response.json()) as { data: { id: string } }).data.id
  })
  await page.goto(`${page.url().split('#')[0]}#${route}?id=${id}`)
  await page.reload()
  await page.getByText(ready).first().waitFor({ timeout: 10000 })
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.vh-state--loading')].some((e) => e.getClientRects().length),
  )
}

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
const onScreen = (page: Page) => page.locator('.vh-page:visible').last()

/** From the 办事 tab to the page of a service with home visits and 代办, its slots loaded. */
async function openService(page: Page): Promise<void> {
  await onScreen(page).getByText('社保医保代办 ›').tap()
  await onScreen(page).getByText('再选时段', { exact: false }).waitFor({ timeout: 10000 })
}

/**
 * Books the first free slot of the center's first service as the signed-in visitor, through the
 * API with the token the app keeps: 我的预约 needs an appointment to show one.
 */
async function bookFirstFreeSlot(page: Page): Promise<void> {
  type Answer<T> = { ok: boolean; data: T }
  const center = await callAs<Answer<{ categories: { services: { id: string }[] }[] }>>(
    page,
    'serviceCenter',
    'center',
  )
  const serviceId = center.data.categories[0].services[0].id
  const days = await callAs<Answer<{ slots: { start: string; placesLeft: number }[] }[]>>(
    page,
    'serviceCenter',
    'availability',
    { serviceId },
  )
  const slot = days.data.flatMap((day) => day.slots).find((free) => free.placesLeft > 0)
  const booked = await callAs(page, 'serviceCenter', 'book', {
    serviceId,
    slotStart: slot?.start,
    contactName: '张秀英',
    contactPhone: '13800005678',
  })
  if (!booked.ok) throw new Error(`booking failed: ${JSON.stringify(booked)}`)
}

/**
 * Files a suggestion as the signed-in visitor and reloads the page: 我的建议 and the inbox need
 * one to show their lists.
 */
async function fileSuggestion(page: Page): Promise<void> {
  const filed = await callAs(page, 'council', 'fileSuggestion', {
    title: '村口路灯坏了',
    body: '村口到小学那段路的路灯坏了三盏，晚上孩子放学看不清路。',
    category: 'roadsAndTraffic',
    showName: true,
  })
  if (!filed.ok) throw new Error(`filing failed: ${JSON.stringify(filed)}`)
  await page.reload()
  await page.getByText('村口路灯坏了').first().waitFor({ timeout: 10000 })
  await loaded(page)
}

/** Makes a topic of a new suggestion as the signed-in member, and opens it. */
async function openNewTopic(page: Page): Promise<void> {
  type Answer = { ok: boolean; data: { id: string } }
  const suggestion = await callAs<Answer>(page, 'council', 'fileSuggestion', {
    title: '文化广场没有路灯',
    body: '晚上跳广场舞看不清，老人容易摔倒。',
    category: 'villageAppearance',
    showName: false,
  })
  const topic = await callAs<Answer>(page, 'council', 'createTopic', {
    suggestionIds: [suggestion.data.id],
    title: '文化广场装路灯',
    background: '广场晚上没有照明',
    materials: [{ item: '现场照片', ready: false }],
  })
  await page.goto(`${page.url().split('#')[0]}#/council/pages/topic/index?id=${topic.data.id}`)
  await page.reload()
  await page.getByText('准备议题').first().waitFor({ timeout: 10000 })
  await loaded(page)
}

/**
 * A topic a member has prepared and submitted, opened by the party reviewer signed in on this
 * page: its 会前预审 form, with the choice that shows the most (the 村规 article picker).
 */
async function openTopicToReview(page: Page): Promise<void> {
  const topicId = await submittedTopic(page)
  await page.goto(`${page.url().split('#')[0]}#/council/pages/topic/index?id=${topicId}`)
  await page.reload()
  await page.getByText('提交预审结果').first().waitFor({ timeout: 10000 })
  await loaded(page)
  await onScreen(page).getByText(preReviewOutcomeLabels.coveredByRules).tap()
  await onScreen(page).getByText('提交预审结果').waitFor()
}

/**
 * A topic waiting for 会前预审: the one an earlier visit made (opening the form changes nothing),
 * or a new one, filed, prepared and submitted by 赵德厚, the chair (10 suggestions a day each, and
 * 王建国's go to the gate's other council screens).
 */
async function submittedTopic(page: Page): Promise<string> {
  type Answer<T> = { ok: boolean; data: T }
  const waiting = await callAs<Answer<{ id: string }[]>>(page, 'council', 'topics', {
    status: 'submitted',
  })
  if (waiting.data.length > 0) return waiting.data[0].id
  const suggestion = await callAsPersona<Answer<{ id: string }>>(
    page,
    'councilChair',
    'council',
    'fileSuggestion',
    {
      title: '村道两旁乱堆柴草',
      body: '村道两旁堆了很多柴草，容易着火，也挡路。',
      category: 'villageAppearance',
      showName: true,
    },
  )
  const topic = await callAsPersona<Answer<{ id: string }>>(
    page,
    'councilChair',
    'council',
    'createTopic',
    {
      suggestionIds: [suggestion.data.id],
      title: '村道柴草怎么堆放',
      background: '村道两旁柴草乱堆',
      materials: [{ item: '现场照片', ready: true }],
    },
  )
  const submitted = await callAsPersona(page, 'councilChair', 'council', 'submitTopic', {
    topicId: topic.data.id,
  })
  if (!submitted.ok) throw new Error(`submitting failed: ${JSON.stringify(submitted)}`)
  return topic.data.id
}

/** Waits until no loading view is on screen. */
async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.vh-state--loading')].some((e) => e.getClientRects().length),
  )
}

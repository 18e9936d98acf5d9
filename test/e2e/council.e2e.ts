import type { Page } from 'playwright-core'
import { callAs } from './support/api'
import { attachSuggestionPhoto, box, button, on } from './support/council'
import { screenshot, tab, withDemoVillage } from './support/village'

const run = withDemoVillage()

const title = '村口路灯坏了三盏'

test('a villager files a suggestion, a member answers it, she reads the answer in 我的建议 and 消息', async () => {
  // 张秀英: from the 议事 tab to the form; what she types is kept when the app is closed.
  const villager = await run.signIn('张秀英')
  await tab(villager, '议事').tap()
  await on(villager).getByText('提建议', { exact: true }).tap()
  await villager.waitForURL(/suggest\/pages\/new/)
  await box(villager, '标题').fill(title)
  await villager.reload()
  await on(villager).getByText('上次没写完的建议已经帮您找回来了。').waitFor()
  await expectValue(box(villager, '标题'), title)

  await box(villager, '什么事，在哪里').fill('村口到小学那段路，晚上孩子放学看不清路')
  await on(villager).locator('.choice-buttons__item', { hasText: '道路交通' }).tap()
  await on(villager).locator('.choice-buttons__item', { hasText: '公开我的名字' }).tap()
  // A photo: compressed in the browser, uploaded at once, kept with the draft.
  await attachSuggestionPhoto(villager)
  await screenshot(villager, 'council-suggestion-form')

  // The answer is lost on the way back (weak 4G), twice, the app's own retry included: the
  // server filed it; sent again, the same request files nothing more.
  let lost = 0
  await villager.route('**/api/council', async (route) => {
    lost += 1
    await route.fetch()
    await route.abort('connectionfailed')
  })
  await button(villager, '提交给议事会').tap()
  await on(villager).getByText('写好的内容已经存在手机上，不会丢。', { exact: false }).waitFor()
  expect(lost).toBe(2)
  await villager.unroute('**/api/council')
  await button(villager, '提交给议事会').tap()
  await villager.waitForURL(/suggest\/pages\/mine/)
  const card = on(villager).locator('.suggest-card', { hasText: title })
  await card.getByText('已提交', { exact: true }).waitFor()
  expect(await on(villager).locator('.suggest-card', { hasText: title }).count()).toBe(1)
  expect(await card.locator('.suggest-photos__item').count()).toBe(1)

  // The draft went with the send: the form is empty again.
  await villager.goto(`${run.village.url}/#/suggest/pages/new/index`)
  await villager.reload()
  await on(villager).getByText('提交给议事会').waitFor()
  await expectValue(box(villager, '标题'), '')

  // 王建国, a council member: the inbox, from the 议事 tab.
  const member = await run.signIn('王建国')
  await tab(member, '议事').tap()
  await on(member).getByText('议事会收件箱').tap()
  const item = on(member).locator('.suggest-card', { hasText: title })
  await item.getByText('提建议的人：张秀英', { exact: false }).waitFor()
  await item.locator('.nut-button', { hasText: '处理这条建议' }).tap()
  await item.locator('textarea').fill('已报镇里，下周一电工来修')
  await screenshot(member, 'council-inbox')
  await item.locator('.nut-button', { hasText: '答复' }).tap()
  await on(member).getByText(`已答复“${title}”`, { exact: false }).waitFor()
  await on(member).locator('.suggest-card', { hasText: title }).waitFor({ state: 'detached' })

  // 张秀英 reads the answer on the suggestion's timeline …
  await villager.goto(`${run.village.url}/#/suggest/pages/mine/index`)
  await villager.reload()
  const answered = on(villager).locator('.suggest-card', { hasText: title })
  await answered.getByText('议事会答复', { exact: true }).waitFor()
  await answered.getByText('已报镇里，下周一电工来修').waitFor()
  await answered.getByText('已答复').first().waitFor()
  await screenshot(villager, 'council-my-suggestions')

  // … and in 消息, whose message opens 我的建议.
  await villager.goto(`${run.village.url}/#/messages/pages/index/index`)
  await villager.reload()
  const message = villager.locator('.messages__item', { hasText: `议事会答复了您的建议：${title}` })
  await message.waitFor()
  await message.tap()
  await villager.waitForURL(/suggest\/pages\/mine/)
  await on(villager).getByText('已报镇里，下周一电工来修').waitFor()
})

test('a topic the rules already cover is not deliberated, and its villager reads the article', async () => {
  const villager = await run.signIn('张秀英')
  const filed = await callAs(villager, 'council', 'fileSuggestion', {
    title: '彩礼太高',
    body: '村里彩礼越要越高，年轻人结不起婚。',
    category: 'ceremonies',
    showName: false,
  })
  expect(filed.ok).toBe(true)

  // 王建国 makes it a topic from the inbox and submits it for 会前预审.
  const member = await run.signIn('王建国')
  await member.goto(`${run.village.url}/#/council/pages/inbox/index`)
  await member.reload()
  const item = on(member).locator('.suggest-card', { hasText: '彩礼太高' })
  await item.locator('.nut-button', { hasText: '处理这条建议' }).tap()
  await item.locator('.nut-button', { hasText: '列为新议题' }).tap()
  await member.waitForURL(/council\/pages\/topic/)
  await on(member).getByText('准备议题').waitFor()
  await box(member, '背景').fill('近年彩礼普遍在五万元以上')
  await button(member, '提交会前预审').tap()
  await on(member).locator('.suggest-tag', { hasText: '待预审' }).waitFor()

  // 陈红梅, the party reviewer: the rules already cover it; she picks the article.
  const reviewer = await run.signIn('陈红梅')
  await tab(reviewer, '议事').tap()
  await on(reviewer).getByText('议题与预审', { exact: true }).tap()
  await on(reviewer).locator('.suggest-row', { hasText: '彩礼太高' }).tap()
  await on(reviewer).locator('.choice-buttons__item', { hasText: '村规民约已有约定' }).tap()
  const article = on(reviewer).locator('.suggest-article').first()
  const articleText = ((await article.textContent()) ?? '').replace(/^第 \d+ 条：/, '').trim()
  await article.tap()
  await screenshot(reviewer, 'council-pre-review')
  await button(reviewer, '提交预审结果').tap()
  await on(reviewer).locator('.suggest-tag', { hasText: '不上会' }).waitFor()

  // 张秀英 reads why, with the article itself, on the suggestion's timeline.
  await villager.goto(`${run.village.url}/#/suggest/pages/mine/index`)
  await villager.reload()
  const card = on(villager).locator('.suggest-card', { hasText: '彩礼太高' })
  await card.getByText('不上会讨论', { exact: true }).waitFor()
  await card.locator('.suggest-step__article', { hasText: articleText }).waitFor()
  await screenshot(villager, 'council-not-deliberated')
})

async function expectValue(control: ReturnType<Page['locator']>, value: string) {
  await control.waitFor()
  expect(await control.inputValue()).toBe(value)
}

import type { Page } from 'playwright-core'
import { callAs } from './support/api'
import { addVillageDays, villageDayOf } from '../../types/village-time'
import { screenshot, withDemoVillage } from './support/village'

const run = withDemoVillage()

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
const on = (page: Page) => page.locator('.vh-page:visible').last()

/** The box of a form field, found by the start of its label (a mark may quote other labels). */
const box = (page: Page, label: string) =>
  on(page)
    .locator('.filing-field')
    .filter({ has: page.locator('.filing-field__label', { hasText: new RegExp(`^${label}`) }) })
    .locator('input, textarea')
    .first()

const button = (page: Page, text: string) =>
  on(page).locator('.nut-button', { hasText: text }).first()

const choice = (page: Page, text: string) =>
  on(page).locator('.choice-buttons__item', { hasText: text }).first()

test('a family files a wedding over the table limit, the council advises, checks and closes it, a villager reads the month', async () => {
  // The family: from 红白喜事 to the form.
  const family = await run.signIn('张秀英')
  await family.goto(`${run.village.url}/#/pages/ceremony/index`)
  await on(family).getByText('我要报备红白喜事').tap()
  await family.waitForURL(/ceremony-filing\/pages\/new/)
  await on(family).getByText('提交报备').waitFor()
  await choice(family, '婚嫁').tap()
  await on(family).getByText('婚嫁要提前 3 天报备').waitFor()
  await box(family, '地点').fill('石龙村文化礼堂')
  await box(family, '主家').fill('张秀英')
  await box(family, '酒席桌数').fill('25')
  // Marked while typing, with the rules article behind the limit.
  await family
    .getByText('⚠ 酒席桌数 25 桌，超过本村上限 20 桌（村规民约第', { exact: false })
    .waitFor()
  await box(family, '每桌标准').fill('300')
  await box(family, '香烟每包').fill('15')
  await box(family, '酒每瓶').fill('40')
  await box(family, '用车').fill('4')
  await screenshot(family, 'ceremony-filing-form')
  await button(family, '提交报备').tap()
  await on(family).getByText('有数字超过了本村的标准，请写明原因').waitFor()
  await box(family, '情况说明').fill('两边亲戚多，分两天办')
  await button(family, '提交报备').tap()
  await on(family).getByText('红白喜事报备回执').waitFor()
  const filingNumber = (await on(family).locator('.filing-receipt__number').textContent())?.trim()
  expect(filingNumber).toMatch(/^\d{4}-0001$/)
  await screenshot(family, 'ceremony-filing-receipt')

  // A council member: 王建国 joins the ceremony council with a code from the admin.
  const admin = await run.signIn('刘志强')
  const invitation = await callAs<{ ok: boolean; data: { code: string } }>(
    admin,
    'admin',
    'createInvitation',
    { role: 'ceremonyCouncilMember', validDays: 7 },
  )
  expect(invitation.ok).toBe(true)
  const council = await run.signIn('王建国')
  const redeemed = await callAs<{ ok: boolean }>(council, 'session', 'redeemInvitation', {
    code: invitation.data.code,
  })
  expect(redeemed.ok).toBe(true)

  await council.goto(`${run.village.url}/#/ceremony-council/pages/queue/index`)
  await council.reload()
  await on(council).getByText(`报备编号 ${filingNumber}`, { exact: false }).tap()
  await on(council).getByText('两边亲戚多，分两天办', { exact: false }).waitFor()
  await button(council, '知悉').tap()
  await on(council).getByText('理事会已知悉').first().waitFor()
  await on(council).locator('.filing-steps textarea').fill('请把酒席减到 20 桌以内')
  await button(council, '建议调整').tap()
  await on(council).getByText('理事会建议调整').first().waitFor()
  await choice(council, '王建国').tap()
  await on(council).locator('.filing-line', { hasText: '现场查看' }).getByText('王建国').waitFor()
  await on(council).locator('.filing-steps textarea').fill('实际摆了 20 桌，烟酒平价')
  await choice(council, '守了标准').tap()
  await button(council, '记录查看结果').tap()
  await on(council).getByText('已现场查看').first().waitFor()
  await screenshot(council, 'ceremony-council-filing')
  await button(council, '办结').tap()
  await on(council).getByText('这份报备已经办结').waitFor()

  // The family sees where it stands, and the council's advice came as a message.
  await family.goto(`${run.village.url}/#/ceremony-filing/pages/mine/index`)
  await family.reload()
  await family
    .locator('.filing-list__item', { hasText: filingNumber })
    .getByText('已办结')
    .waitFor()
  const messages = await callAs<{ data: { title: string }[] }>(family, 'messages', 'list', {})
  expect(messages.data[0].title).toBe(`红白理事会对报备 ${filingNumber} 的建议`)

  // Any villager reads the month of the wedding: counted, nobody named.
  const neighbour = await run.signIn('李明')
  await neighbour.goto(`${run.village.url}/#/ceremony-filing/pages/summary/index`)
  await neighbour.reload()
  await on(neighbour).getByText('上个月').waitFor()
  const weddingDay = addVillageDays(villageDayOf(new Date()), 3)
  if (weddingDay.slice(0, 7) !== villageDayOf(new Date()).slice(0, 7)) {
    await button(neighbour, '下个月').tap()
  }
  await on(neighbour).getByText('共 1 场', { exact: false }).waitFor()
  await on(neighbour).getByText('平均 25 桌', { exact: false }).waitFor()
  expect(await on(neighbour).textContent()).not.toContain('张秀英')
  expect(await on(neighbour).getByText('导出 Excel').count()).toBe(0)
  await screenshot(neighbour, 'ceremony-filing-summary')

  // The council exports the same month as an Excel file.
  await council.goto(`${run.village.url}/#/ceremony-filing/pages/summary/index`)
  await council.reload()
  await on(council).getByText('上个月').waitFor()
  if (weddingDay.slice(0, 7) !== villageDayOf(new Date()).slice(0, 7)) {
    await button(council, '下个月').tap()
  }
  await on(council).getByText('共 1 场', { exact: false }).waitFor()
  const [download] = await Promise.all([
    council.waitForEvent('download'),
    button(council, '导出 Excel').tap(),
  ])
  expect(download.suggestedFilename()).toMatch(/^石龙村\d{4}年\d{1,2}月红白喜事报备汇总\.xlsx$/)
  await on(council).getByText('已导出').waitFor()
})

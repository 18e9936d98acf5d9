import type { Page } from 'playwright-core'
import { callAs } from './support/api'
import { workAtDesk } from './support/service-desk'
import { screenshot, tab, withDemoVillage } from './support/village'

const run = withDemoVillage()

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
const on = (page: Page) => page.locator('.vh-page:visible').last()

/** A form field's input, by its label. */
const box = (page: Page, label: string) =>
  on(page)
    .locator('.service-field')
    .filter({ has: page.locator('.service-field__label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('input, textarea')
    .first()

const button = (page: Page, text: string) =>
  on(page).locator('.nut-button', { hasText: text }).first()

type Answer<T> = { ok: boolean; data: T; error?: { message: string } }

test('a villager books a service; staff confirm, finish and follow it up; the villager sees the timeline and the message, and rates it', async () => {
  // 张秀英 books from the 办事 tab: the service, a day and a slot, her contact, confirm.
  const villager = await run.signIn('张秀英')
  await tab(villager, '办事').tap()
  await on(villager).getByText('社保医保代办 ›').tap()
  await villager.waitForURL(/service\/pages\/service/)
  await on(villager).getByText('· 社保卡').waitFor()
  await on(villager).getByText('要等工作人员确认，确认后会通知您').waitFor()
  const slot = on(villager).locator('.service-picker__item', { hasText: '还剩' }).first()
  const slotTime = (await slot.locator('taro-text-core').first().textContent())?.trim() ?? ''
  expect(slotTime).toMatch(/^\d{2}:\d{2}–\d{2}:\d{2}$/)
  await slot.tap()
  await screenshot(villager, 'booking-slots')
  await button(villager, '下一步：填写联系人').tap()
  await villager.waitForURL(/service\/pages\/book/)
  await on(villager).getByText('确认预约').waitFor()
  await box(villager, '联系人').fill('张秀英')
  await box(villager, '联系电话').fill('123')
  await button(villager, '确认预约').tap()
  await on(villager).getByText('电话号码格式不对').waitFor()
  await box(villager, '联系电话').fill('13800005678')
  await box(villager, '备注（可以不写）').fill('带着老伴的社保卡')
  await screenshot(villager, 'booking-form')
  await button(villager, '确认预约').tap()
  await villager.waitForURL(/service\/pages\/mine/)
  await on(villager).getByText('预约已提交。工作人员确认后会发消息告诉您。').waitFor()
  const card = on(villager).locator('.service-card', { hasText: '社保医保代办' }).first()
  await card.getByText('等待确认').waitFor()
  await card.getByText(slotTime.split('–')[0], { exact: false }).waitFor()

  // 李明 (staff) works it at the desk: confirm, check in, finish, then the follow-up.
  const mine = await callAs<Answer<{ upcoming: { id: string; start: string }[] }>>(
    villager,
    'serviceCenter',
    'myAppointments',
  )
  const { id: appointmentId, start } = mine.data.upcoming[0]
  const staff = await run.signIn('李明')
  await workAtDesk(
    staff,
    { start, contactName: '张秀英', contactPhone: '13800005678' },
    '已代缴明年医保',
  )
  await screenshot(staff, 'service-desk-follow-up')

  // The villager: the message in 消息 opens 我的预约, with every step done.
  await villager.goto(`${run.village.url}/#/pages/me/index`)
  await villager.reload()
  await on(villager).locator('.me__card-title', { hasText: '消息' }).tap()
  const message = on(villager).locator('.messages__item', { hasText: '事情已经办结' })
  await message.waitFor()
  await message.getByText('已代缴明年医保', { exact: false }).waitFor()
  await screenshot(villager, 'booking-message')
  await message.tap()
  await villager.waitForURL(/service\/pages\/mine/)
  const finished = on(villager).locator('.service-card', { hasText: '已代缴明年医保' }).first()
  await finished.getByText('已归档').waitFor()
  for (const step of ['受理', '办理', '办结', '回访', '归档']) {
    await finished.locator(`[aria-label="${step}，已完成"]`).waitFor()
  }
  await finished.getByText('工作人员', { exact: false }).first().waitFor()
  await finished.locator('.service-card__head').scrollIntoViewIfNeeded()
  await screenshot(villager, 'booking-steps')

  // She rates it, once.
  await finished.getByText('5 分 很满意').tap()
  await finished.locator('textarea').last().fill('工作人员很耐心')
  await screenshot(villager, 'booking-timeline')
  await finished.locator('.nut-button', { hasText: '提交评价' }).tap()
  await finished.getByText('我的评价：5 分 很满意，工作人员很耐心').waitFor()
  expect(await finished.getByText('提交评价').count()).toBe(0)
  const again = await callAs<Answer<unknown>>(villager, 'serviceCenter', 'rate', {
    appointmentId,
    score: 1,
  })
  expect(again.ok).toBe(false)
})

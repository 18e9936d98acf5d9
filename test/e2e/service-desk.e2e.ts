import type { Page } from 'playwright-core'
import { screenshot, tab, withDemoVillage } from './support/village'

const run = withDemoVillage()

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
const on = (page: Page) => page.locator('.vh-page:visible').last()

const button = (page: Page, text: string) =>
  on(page).locator('.nut-button', { hasText: text }).first()

const choice = (page: Page, text: string) =>
  on(page).locator('.choice-buttons__item', { hasText: text }).first()

/**
 * Books the first free slot of 社保医保代办 (a service staff confirm) as the signed-in villager,
 * through the API with the token the app keeps.
 */
function bookThroughApi(page: Page): Promise<{ id: string; start: string }> {
  return page.evaluate(async () => {
    const stored = JSON.parse(localStorage.getItem('sessionToken') ?? '{}') as { data?: string }
    const send = async (action: string, data: unknown) => {
      const response = await fetch('/api/serviceCenter', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.data}` },
        body: JSON.stringify({ action, data, requestId: crypto.randomUUID() }),
      })
      const body = (await response.json()) as { ok: boolean; data: unknown; error?: unknown }
      if (!body.ok) throw new Error(`serviceCenter.${action}: ${JSON.stringify(body.error)}`)
      return body.data
    }
    const center = (await send('center', undefined)) as {
      categories: { services: { id: string; name: string }[] }[]
    }
    const service = center.categories
      .flatMap((group) => group.services)
      .find((s) => s.name === '社保医保代办')
    if (!service) throw new Error('no 社保医保代办 in the demo village')
    const days = (await send('availability', { serviceId: service.id })) as {
      slots: { start: string; placesLeft: number }[]
    }[]
    const slot = days.flatMap((day) => day.slots).find((s) => s.placesLeft > 0)
    if (!slot) throw new Error('no free slot for 社保医保代办')
    return (await send('book', {
      serviceId: service.id,
      slotStart: slot.start,
      contactName: '张秀英',
      contactPhone: '13912345678',
    })) as { id: string; start: string }
  })
}

/** The village day (UTC+8) of an instant. */
const villageDay = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10)

test('staff confirm, check in and finish a villager’s booking at the desk, then record the follow-up', async () => {
  // 张秀英 books 社保医保代办 (staff confirm it) through the API.
  const villager = await run.signIn('张秀英')
  const booking = await bookThroughApi(villager)

  // 李明 (staff): 我的 → 服务台, to the booking's day.
  const staff = await run.signIn('李明')
  await tab(staff, '我的').tap()
  await on(staff).getByText('服务台').tap()
  await staff.waitForURL(/staff\/pages\/desk/)
  await on(staff).getByText('月度统计与导出').waitFor()
  // The desk opens on today; the booking may be a later day of the window.
  for (let day = 0; day < 14; day += 1) {
    const shown = await on(staff).locator('.desk-day__date').textContent()
    const [, year, month, date] = /(\d+)年(\d+)月(\d+)日/.exec(shown ?? '') ?? []
    const iso = `${year}-${month.padStart(2, '0')}-${date.padStart(2, '0')}`
    if (iso === villageDay(booking.start)) break
    await button(staff, '后一天').tap()
    await staff.waitForFunction(
      (previous) =>
        document.querySelector('.desk-day__date:not([hidden])')?.textContent !== previous,
      shown,
    )
  }
  const card = on(staff).locator('.staff-appointment', { hasText: '张秀英' }).first()
  await card.getByText('等待确认').waitFor()
  // The full number, to call.
  await card.getByText('打电话 13912345678').waitFor()
  await on(staff).getByText('有 1 条预约等待确认').waitFor()
  await screenshot(staff, 'service-desk')

  await card.locator('.nut-button', { hasText: '确认' }).tap()
  await card.getByText('已确认', { exact: true }).first().waitFor()
  await card.locator('.nut-button', { hasText: '登记到场' }).tap()
  await card.getByText('正在办理').waitFor()
  await card.locator('.nut-button', { hasText: '办结' }).tap()
  await card.locator('textarea').fill('医保已缴费，收据交本人')
  await card.locator('.nut-button', { hasText: '确定办结' }).tap()
  await card.getByText('办理结果：医保已缴费，收据交本人').waitFor()
  await card.getByText('已办结，等待回访').first().waitFor()

  // 回访: the finished matter waits there until it is recorded.
  await on(staff).locator('.desk-menu__item', { hasText: '回访' }).tap()
  await staff.waitForURL(/staff\/pages\/follow-ups/)
  const waiting = on(staff).locator('.staff-appointment', { hasText: '医保已缴费' }).first()
  await waiting.locator('.nut-button', { hasText: '记录回访' }).tap()
  await choice(staff, '电话回访').tap()
  await choice(staff, '很满意').tap()
  await waiting.locator('textarea').fill('村民说办得快')
  await screenshot(staff, 'service-desk-follow-up')
  await button(staff, '记下回访并归档').tap()
  await on(staff).getByText('已记下 1 次回访，已归档').waitFor()
  await on(staff).getByText('没有等待回访的事项').waitFor()

  // The villager's side, through the API: the matter is archived with the follow-up on it.
  const mine = await villager.evaluate(async () => {
    const stored = JSON.parse(localStorage.getItem('sessionToken') ?? '{}') as { data?: string }
    const response = await fetch('/api/serviceCenter', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.data}` },
      body: JSON.stringify({ action: 'myAppointments', requestId: crypto.randomUUID() }),
    })
    return (await response.json()) as {
      data: { past: { id: string; status: string; events: { kind: string }[] }[] }
    }
  })
  const done = mine.data.past.find((a) => a.id === booking.id)
  expect(done?.status).toBe('archived')
  expect(done?.events.map((e) => e.kind)).toEqual(
    expect.arrayContaining(['booked', 'confirmed', 'checkedIn', 'done', 'followedUp', 'archived']),
  )
})

test('a villager cannot open the desk: a plain refusal with a way back', async () => {
  const villager = await run.signIn('张秀英')
  await tab(villager, '我的').tap()
  await on(villager).getByText('大字模式').waitFor()
  expect(await on(villager).getByText('服务台').count()).toBe(0)
  await villager.goto(`${run.village.url}/#/staff/pages/desk/index`)
  await on(villager).getByText('只有工作人员或管理员可以使用服务台').waitFor()
  expect(await on(villager).getByText('月度统计与导出').count()).toBe(0)
  await on(villager).getByText('回到“我的”').tap()
  await villager.waitForURL(/pages\/me\/index/)
})

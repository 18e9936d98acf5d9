import type { Page } from 'playwright-core'
import { tab } from './village'

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
const on = (page: Page) => page.locator('.vh-page:visible').last()

const button = (page: Page, text: string) =>
  on(page).locator('.nut-button', { hasText: text }).first()

const choice = (page: Page, text: string) =>
  on(page).locator('.choice-buttons__item', { hasText: text }).first()

/** The village day (UTC+8) of an instant. */
const villageDay = (instant: string) =>
  new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 10)

/**
 * A staff member, signed in on `staff`, takes a villager's pending booking through the desk in the
 * UI: 我的 → 服务台, to the booking's day, confirm, check in, finish with `result`, then 回访.
 */
export async function workAtDesk(
  staff: Page,
  booking: { start: string; contactName: string; contactPhone: string },
  result: string,
): Promise<void> {
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
  const card = on(staff).locator('.staff-appointment', { hasText: booking.contactName }).first()
  await card.getByText('等待确认').waitFor()
  // The full number, to call.
  await card.getByText(`打电话 ${booking.contactPhone}`).waitFor()
  await on(staff).getByText('有 1 条预约等待确认').waitFor()

  await card.locator('.nut-button', { hasText: '确认' }).tap()
  await card.getByText('已确认', { exact: true }).first().waitFor()
  await card.locator('.nut-button', { hasText: '登记到场' }).tap()
  await card.getByText('正在办理').waitFor()
  await card.locator('.nut-button', { hasText: '办结' }).tap()
  await card.locator('textarea').fill(result)
  await card.locator('.nut-button', { hasText: '确定办结' }).tap()
  await card.getByText(`办理结果：${result}`).waitFor()
  await card.getByText('已办结，等待回访').first().waitFor()

  // 回访: the finished matter waits there until it is recorded.
  await on(staff).locator('.desk-menu__item', { hasText: '回访' }).tap()
  await staff.waitForURL(/staff\/pages\/follow-ups/)
  const waiting = on(staff).locator('.staff-appointment', { hasText: result }).first()
  await waiting.locator('.nut-button', { hasText: '记录回访' }).tap()
  await choice(staff, '电话回访').tap()
  await choice(staff, '很满意').tap()
  await waiting.locator('textarea').fill('村民说办得快')
  await button(staff, '记下回访并归档').tap()
  await on(staff).getByText('已记下 1 次回访，已归档').waitFor()
  await on(staff).getByText('没有等待回访的事项').waitFor()
}

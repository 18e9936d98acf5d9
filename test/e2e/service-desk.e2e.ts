import type { Page } from 'playwright-core'
import { tab, withDemoVillage } from './support/village'

// The desk's own walk (confirm, check in, finish, 回访) is part of booking.e2e.ts.
const run = withDemoVillage()

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
const on = (page: Page) => page.locator('.vh-page:visible').last()

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

import path from 'node:path'
import type { Page } from 'playwright-core'
import { createSession } from '../../../cloud/core/identity'
import { newPhone, type DemoRun } from './village'

/** The page on screen: H5 keeps the pages below it in the document, hidden. */
export const on = (page: Page) => page.locator('.vh-page:visible').last()

/**
 * The input or textarea of a council form, found by the start of its label: the first one after
 * the label (a field may hold several labels, as 宣布结果's 决议内容, 谁来办 and 办完日期).
 */
export const box = (page: Page, label: string) =>
  on(page)
    .locator('.suggest-field__label', { hasText: new RegExp(`^${label}`) })
    .first()
    .locator('xpath=following::*[self::input or self::textarea][1]')

/** A button of the page on screen, by its words (the first one when several match). */
export const button = (page: Page, text: string | RegExp) =>
  on(page).locator('.nut-button', { hasText: text }).first()

/** Adds a photo to the suggestion form the way a villager does: 添加照片, then the phone's file. */
export async function attachSuggestionPhoto(page: Page): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    on(page).getByText('＋ 添加照片').tap(),
  ])
  await chooser.setFiles(path.resolve(__dirname, '../../../src/assets/tab/council-active.png'))
  await on(page).getByText('已选 1 张', { exact: false }).waitFor()
}

/**
 * A new phone signed in as a council member who is no demo persona (孙立新, 周桂兰, 吴国强 of
 * the demo council): the sign-in page offers only personas, so the test process starts their
 * session, as WeChat sign-in would, and the phone opens the app with it.
 */
export async function signInMember(run: DemoRun, name: string): Promise<Page> {
  const { services } = run.village
  const user = await services.db
    .selectFrom('users')
    .select('id')
    .where('displayName', '=', name)
    .executeTakeFirstOrThrow()
  const token = await createSession(services, user.id)
  const phone = await newPhone(run.browser)
  // Where Taro's H5 storage keeps the token (setStorageSync wraps it as `{ data }`).
  await phone.addInitScript(
    (stored) => {
      if (!localStorage.getItem('sessionToken')) localStorage.setItem('sessionToken', stored)
    },
    JSON.stringify({ data: token }),
  )
  const page = await phone.newPage()
  await page.goto(run.village.url)
  await page.getByText('石龙村 · 仙鹤镇').waitFor()
  return page
}

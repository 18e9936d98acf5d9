import type { Page } from 'playwright-core'
import { withDemoVillage } from './support/village'

// A villager with a keyboard (or a switch device, or a screen reader): everything is reached with
// Tab and pressed with Enter or Space, NutUI's buttons and the search box's clear "×" included
// (src/utils/keyboard.ts). The accessibility gate checks every screen has nothing Tab skips;
// this presses the keys.

const run = withDemoVillage()

/** Presses Tab until the focused element's words (or name) include `words`. */
async function tabTo(page: Page, words: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement
      return `${element?.getAttribute('aria-label') ?? ''} ${element?.getAttribute('placeholder') ?? ''} ${element?.textContent ?? ''}`
    })
    if (focused.includes(words)) return
  }
  throw new Error(`Tab never reached “${words}”`)
}

const search = (page: Page) => page.locator('input[placeholder="搜索条款，如：彩礼"]')

test('signing in, searching the rules and clearing the search, by keyboard alone', async () => {
  const page = await (await run.browser.newContext({ locale: 'zh-CN' })).newPage()
  await page.goto(run.village.url)
  await page.getByText('选择体验身份（演示模式）').waitFor()
  // A persona card: a view the app made focusable, pressed with Enter.
  await tabTo(page, '张秀英')
  await page.keyboard.press('Enter')
  await page.getByText('石龙村 · 仙鹤镇').waitFor()

  await page.goto(`${run.village.url}/#/pages/rules/index`)
  await page.getByText('石龙村村规民约（2024 年修订）').waitFor()
  await tabTo(page, '搜索条款')
  await page.keyboard.type('彩礼')
  await page.getByText('找到 1 条').waitFor()
  // NutUI's clear "×": a plain box, given a tab stop and a name.
  await tabTo(page, '清除')
  await page.keyboard.press('Enter')
  await page.getByText('找到 1 条').waitFor({ state: 'detached' })
  await expect(search(page).inputValue()).resolves.toBe('')

  await search(page).focus()
  await page.keyboard.type('彩礼')
  await page.getByText('找到 1 条').waitFor()
  // NutUI's Button (Taro's <taro-button-core>), pressed with Space.
  await tabTo(page, '清除搜索')
  await page.keyboard.press(' ')
  await page.getByText('找到 1 条').waitFor({ state: 'detached' })
  await page.getByText('第一章').first().waitFor()

  await tabTo(page, '历史版本')
  await page.keyboard.press('Enter')
  await page.getByText('收起历史版本').waitFor()
  await page.context().close()
})

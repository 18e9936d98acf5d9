import type { Page } from 'playwright-core'
import { callAs } from './support/api'
import { screenshot, tab, withDemoVillage } from './support/village'

const run = withDemoVillage()

/** Waits until no 未读 badge is visible on the current page (earlier pages stay in the DOM). */
const noVisibleBadge = (page: Page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll('.me__badge')].every(
      (badge) => badge.getClientRects().length === 0,
    ),
  )

test('a villager is told of newly published rules in 消息 and opens them from there', async () => {
  const villager = await run.signIn('张秀英')
  await tab(villager, '我的').tap()
  await villager.locator('.me__profile').waitFor()
  await noVisibleBadge(villager)

  // The admin publishes version 3 (the publish form itself has its own tests).
  const admin = await run.signIn('刘志强')
  const published = await callAs(admin, 'rules', 'publish', {
    basedOnVersionNo: 2,
    title: '石龙村村规民约（2026 年修订）',
    adoptedOn: '2026-11-20',
    chapters: [{ title: '总则', articles: [{ text: '本村村民共同遵守本村规民约。' }] }],
  })
  expect(published.ok).toBe(true)

  // 我的 counts again when it shows: go to 首页 and back.
  await tab(villager, '首页').tap()
  await tab(villager, '我的').tap()
  await villager.locator('.me__badge', { hasText: '1' }).waitFor()
  await screenshot(villager, 'me-unread-message')

  await villager.locator('.me__card-title', { hasText: '消息' }).tap()
  const message = villager.locator('.messages__item', { hasText: '村规民约第 3 版发布了' })
  await message.waitFor()
  await message.getByText('未读').waitFor()
  await screenshot(villager, 'messages')

  await message.tap()
  await villager.waitForURL(/pages\/rules\/index/)
  await villager.getByText('石龙村村规民约（2026 年修订）').first().waitFor()
  await villager.getByText('本村村民共同遵守本村规民约。').waitFor()

  // Read now: 我的 shows no badge.
  await tab(villager, '我的').tap()
  await noVisibleBadge(villager)
})

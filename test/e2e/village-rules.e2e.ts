import type { Page } from 'playwright-core'
import { screenshot, tab, withDemoVillage } from './support/village'

const run = withDemoVillage()
const signInAs = (name: string) => run.signIn(name)

/** The real <input> inside NutUI's SearchBar (its wrapper carries the same placeholder). */
const search = (page: Page) => page.locator('input[placeholder="搜索条款，如：彩礼"]')

test('a villager signs in, searches the village rules and opens one article', async () => {
  const page = await signInAs('张秀英')
  await page.getByText('张秀英，您好！').waitFor()
  await screenshot(page, 'home')

  await tab(page, '村规').tap()
  await page.getByText('石龙村村规民约（2024 年修订）').waitFor()
  await screenshot(page, 'rules')

  await search(page).fill('彩礼')
  await page.getByText('找到 1 条').waitFor()
  const marks = page.locator('.vh-mark')
  await expect(marks.first().textContent()).resolves.toBe('彩礼')
  // Articles without the word are filtered out.
  await expect(page.getByText('垃圾分类投放').count()).resolves.toBe(0)
  await screenshot(page, 'rules-search')

  await page.getByText('查看本条 ›').first().tap()
  await page.waitForURL(/rules-article/)
  await page.locator('.rules-article__number', { hasText: '第七条' }).waitFor()
  await page.locator('.rules-article__text', { hasText: '彩礼不超过 20000 元' }).waitFor()
  await screenshot(page, 'rules-article')

  await page.goBack()
  // Straight back again, as a hurried thumb would: the list must not be left blank.
  await page.getByText('查看本条 ›').first().tap()
  await page.waitForURL(/rules-article/)
  await page.goBack()
  await search(page).fill('没有这个词')
  await page.getByText('没有找到包含“没有这个词”的条款').waitFor()
})

test('a link to the 村规 tab: the chapters are asked for once, while the scripts download', async () => {
  const page = await signInAs('张秀英')
  await page.goto(`${run.village.url}/#/pages/rules/index`)
  await page.locator('.rules__chapter').first().waitFor()
  // index.html's page-chunks script sends rules.current itself (config/first-page-chunks-plugin.ts)
  // and the page takes that answer: one request, begun before app.js has arrived.
  const rulesCalls: string[] = []
  let appScriptDone = Number.POSITIVE_INFINITY
  let firstRulesCall = Number.POSITIVE_INFINITY
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/rules') {
      rulesCalls.push(request.postData() ?? '')
      firstRulesCall = Math.min(firstRulesCall, Date.now())
    }
  })
  page.on('requestfinished', (request) => {
    if (/\/js\/app\.[0-9a-f]+\.js$/.test(request.url())) appScriptDone = Date.now()
  })
  // The link opened afresh (as from a chat), the session kept, the cache empty, on a slowish
  // network so that app.js takes a while to arrive.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.clearBrowserCache')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 50,
    downloadThroughput: 100_000,
    uploadThroughput: 100_000,
  })
  await page.reload()
  await page.locator('.rules__chapter').first().waitFor()
  await page.getByText('石龙村村规民约（2024 年修订）').waitFor()
  expect(rulesCalls).toHaveLength(1)
  expect(JSON.parse(rulesCalls[0])).toMatchObject({ action: 'current' })
  expect(firstRulesCall).toBeLessThan(appScriptDone)

  // Coming back to the tab asks again (the page's own request, with If-None-Match).
  await tab(page, '首页').tap()
  await page.getByText('张秀英，您好！').waitFor()
  const again = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/rules')
  await tab(page, '村规').tap()
  await again
  expect(rulesCalls).toHaveLength(2)
})

test('a villager reads the gift limits and uses 随礼参考', async () => {
  const page = await signInAs('张秀英')
  await page.getByText('红白喜事').first().tap()
  await page.locator('.ceremony-page .vh-section-title', { hasText: '礼金标准' }).waitFor()
  await page.getByText('酒席不超过 20 桌').waitFor()
  await page.getByText('红白理事会（二长四员）').waitFor()
  await page.getByText('周长林').waitFor()
  await screenshot(page, 'ceremony')

  const advisor = page.locator('.ceremony-advisor')
  await advisor.getByText('丧葬', { exact: true }).tap()
  await advisor.getByText('邻里朋友', { exact: true }).tap()
  await page.getByText('礼金不超过 100 元').waitFor()
  await page.getByText('村规里是这样写的：').waitFor()
  await page.locator('.ceremony-advice', { hasText: '丧事简办' }).waitFor()
  // The answer at the top of the screen, as the villager sees it after choosing.
  await page
    .locator('.ceremony-advice__amount')
    .evaluate((element) => element.scrollIntoView({ block: 'center' }))
  await screenshot(page, 'ceremony-advice')
})

test('an admin changes a gift limit and the villager sees it after a refresh', async () => {
  const villager = await signInAs('张秀英')
  await villager.getByText('红白喜事').first().tap()
  const advisor = villager.locator('.ceremony-advisor')
  await advisor.getByText('婚嫁', { exact: true }).tap()
  await advisor.getByText('亲属', { exact: true }).tap()
  await villager.getByText('礼金不超过 200 元').waitFor()

  const admin = await signInAs('刘志强')
  await tab(admin, '我的').tap()
  await admin.getByText('管理后台').tap()
  await admin.getByText('修改礼金和酒席标准').tap()
  const row = admin.locator('.limits-row', { hasText: '婚嫁 · 亲属' })
  const amount = row.locator('input').first()
  await expect(amount.inputValue()).resolves.toBe('200')
  await amount.fill('180')
  await row.locator('.nut-button', { hasText: '保存' }).tap()
  await row.getByText('已保存').waitFor()
  await screenshot(admin, 'admin-limits')

  await villager.reload()
  await villager.locator('.ceremony-advisor').getByText('婚嫁', { exact: true }).tap()
  await villager.locator('.ceremony-advisor').getByText('亲属', { exact: true }).tap()
  await villager.getByText('礼金不超过 180 元').waitFor()
  await expect(villager.getByText('≤180元').count()).resolves.toBe(1)
})

test('a villager who tries an admin action through the API is refused', async () => {
  const page = await signInAs('张秀英')
  const reply = await page.evaluate(async () => {
    // The token the app keeps, used by hand as a curious villager might.
    const stored = JSON.parse(localStorage.getItem('sessionToken') ?? '{}') as { data?: string }
    const response = await fetch('/api/ceremony', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.data}` },
      body: JSON.stringify({
        action: 'updateGiftLimit',
        data: { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 99999 },
      }),
    })
    return { status: response.status, body: await response.json() }
  })
  expect(reply.status).toBe(403)
  expect(reply.body).toEqual({
    ok: false,
    error: { code: 'PERMISSION_DENIED', message: expect.stringMatching(/权限/) },
  })
  const limits = await run.village.services.db
    .selectFrom('giftLimits')
    .select('maxAmount')
    .where('villageId', '=', 'village-shilong')
    .where('ceremonyType', '=', 'wedding')
    .where('relationship', '=', 'relative')
    .executeTakeFirstOrThrow()
  expect(limits.maxAmount).not.toBe(99999)

  // The admin pages answer the villager in words, with a way back.
  await page.goto(`${run.village.url}/#/admin/pages/limits/index`)
  await page.getByText('只有管理员可以使用管理后台').first().waitFor()
})

test('我的 shows who I am, and 大字模式 enlarges all text by a quarter', async () => {
  const page = await signInAs('赵德厚')
  await tab(page, '我的').tap()
  await page.locator('.me__role', { hasText: '理事长' }).waitFor()
  await page.getByText('隐私说明').first().waitFor()
  // Taro keeps earlier pages in the DOM: measure each page's own root.
  const fontSizeOf = async (marker: string, expected: string) => {
    // A tap re-renders on the next frame: wait for the size, then read it for the assertion.
    await page
      .waitForFunction(
        ([selector, size]) => {
          const root = [...document.querySelectorAll('.vh-page')].find((element) =>
            element.querySelector(selector),
          )
          return root !== undefined && getComputedStyle(root).fontSize === size
        },
        [marker, expected],
        { timeout: 5000 },
      )
      .catch(() => undefined)
    return page
      .locator('.vh-page', { has: page.locator(marker) })
      .evaluate((element) => getComputedStyle(element).fontSize)
  }
  await expect(fontSizeOf('.me__profile', '16px')).resolves.toBe('16px')
  await screenshot(page, 'me')
  await page.getByText('大字模式').first().tap()
  await expect(fontSizeOf('.me__profile', '20px')).resolves.toBe('20px')
  await tab(page, '村规').tap()
  await search(page).waitFor()
  await expect(fontSizeOf('.nut-searchbar', '20px')).resolves.toBe('20px')
  await expect(
    page.locator('.vh-page.big-text', { has: page.locator('.nut-searchbar') }).count(),
  ).resolves.toBe(1)
  await screenshot(page, 'rules-big-text')
})

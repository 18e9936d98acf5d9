import type { Page } from 'playwright-core'
import { tab, withDemoVillage } from './support/village'

// A hurried thumb: open a page and go back before it has finished appearing. Taro's H5 router
// renders each address change after an asynchronous route lookup, so a late render of the page
// just left used to land on top of the page gone back to (NervJS/taro #14656). Whatever the
// timing, the page on screen must be the page of the current address, with its content.

type Timing = 'same task' | 'one frame' | number

const timings: Timing[] = ['same task', 'one frame', 50, 150, 300]
const rounds = 2

const run = withDemoVillage()

/**
 * Taps the visible element whose text is exactly `text` and goes back after `timing`, all inside
 * the page (a round trip through the test driver would take longer than the shortest timings).
 * Resolves with the address the back button left, so the test knows the page had opened.
 */
function openAndGoBack(page: Page, text: string, timing: Timing): Promise<string> {
  return page.evaluate(
    ([label, when]) =>
      new Promise<string>((resolve) => {
        const visible = (element: Element) =>
          element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'
        const matches = [...document.querySelectorAll<HTMLElement>('.taro_page *')].filter(
          (element) => element.textContent?.trim() === label && visible(element),
        )
        const target = matches[matches.length - 1]
        if (!target) throw new Error(`nothing visible reads “${label}”`)
        const start = location.hash
        target.click()
        const back = () => {
          const opened = location.hash
          history.back()
          resolve(opened === start ? '' : opened)
        }
        if (when === 'same task') back()
        else if (when === 'one frame') requestAnimationFrame(back)
        else setTimeout(back, when as number)
      }),
    [text, timing] as const,
  )
}

/** The route of the current address, e.g. `/pages/rules/index`. */
const currentRoute = (page: Page) =>
  page.evaluate(() => location.hash.replace(/^#/, '').replace(/\?.*$/, ''))

/**
 * Waits until exactly one page is on screen, it is the page of the current address, and its
 * content marker is visible; then checks again after the router's longest timer could have
 * fired, so a late hide or a late page cannot slip in afterwards.
 */
async function expectPageOf(
  page: Page,
  route: string,
  marker: string,
  after = 'opening it',
): Promise<void> {
  const onScreen = () =>
    page.evaluate((selector) => {
      const visible = (element: Element) =>
        element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'
      const pages = [...document.querySelectorAll('.taro_page')].filter(visible)
      const route = location.hash.replace(/^#/, '').replace(/\?.*$/, '')
      const shown = pages.map((element) => element.id.replace(/\?.*$/, ''))
      const content = pages.some((element) => [...element.querySelectorAll(selector)].some(visible))
      return { route, shown, content }
    }, marker)
  const settled = (state: Awaited<ReturnType<typeof onScreen>>) =>
    state.route === route &&
    state.shown.length === 1 &&
    state.shown[0].replace(/^\//, '') === route.replace(/^\//, '') &&
    state.content
  const deadline = Date.now() + 5000
  let state = await onScreen()
  while (!settled(state) && Date.now() < deadline) {
    await page.waitForTimeout(50)
    state = await onScreen()
  }
  // `after` names the step in a failure message.
  const expected = { after, route, shown: [route], content: true }
  expect({ after, ...state }).toEqual(expected)
  await page.waitForTimeout(400)
  expect({ after, ...(await onScreen()) }).toEqual(expected)
}

interface Trip {
  /** What the villager taps to open the page. */
  open: string
  /** The page that must be on screen after going back, and something visible only on it. */
  route: string
  marker: string
}

async function runTrips(page: Page, trip: Trip): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (const timing of timings) {
      const left = await openAndGoBack(page, trip.open, timing)
      // The tap opened another address before the back: otherwise there is nothing to test.
      expect({ timing, opened: left !== '' }).toEqual({ timing, opened: true })
      await expectPageOf(page, trip.route, trip.marker, `${trip.open}, back after ${timing}`)
    }
  }
}

test('going back at once always shows the page of the current address', async () => {
  const page = await run.signIn('刘志强')
  // Pages are mounted with their route as element id (Taro keeps the stamp in the query part).
  await page.locator('.taro_page').first().waitFor()

  // 首页 → 红白喜事 (a page of the main package) → back.
  await expectPageOf(page, '/pages/home/index', '.home__greeting')
  await runTrips(page, { open: '红白喜事', route: '/pages/home/index', marker: '.home__tile' })

  // 村规 tab → one article → back.
  await tab(page, '村规').tap()
  await expectPageOf(page, '/pages/rules/index', '.nut-searchbar')
  await runTrips(page, {
    open: '查看本条 ›',
    route: '/pages/rules/index',
    marker: '.nut-searchbar',
  })

  // 我的 → 管理后台 (a subpackage, loaded on first use) → back.
  await tab(page, '我的').tap()
  await expectPageOf(page, '/pages/me/index', '.me__profile')
  await runTrips(page, { open: '管理后台', route: '/pages/me/index', marker: '.me__profile' })

  // Two pages deep: 管理后台 → 人员与邀请码 → back, then back to 我的.
  await page.getByText('管理后台').filter({ visible: true }).tap()
  await expectPageOf(page, '/admin/pages/index/index', '.admin-home__item')
  await runTrips(page, {
    open: '人员与邀请码',
    route: '/admin/pages/index/index',
    marker: '.admin-home__item',
  })
  await page.goBack()
  await expectPageOf(page, '/pages/me/index', '.me__profile')
  expect(await currentRoute(page)).toBe('/pages/me/index')
})

test('on a slow network, leaving a page before its code arrived keeps the page gone back to', async () => {
  for (const timing of timings) {
    const page = await run.signIn('刘志强')
    await tab(page, '我的').tap()
    await expectPageOf(page, '/pages/me/index', '.me__profile')
    // Weak 4G: the 管理后台 subpackage's code, loaded on first use, arrives after the back.
    await page.route('**/*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600))
      await route.continue()
    })
    const left = await openAndGoBack(page, '管理后台', timing)
    expect({ timing, opened: left !== '' }).toEqual({ timing, opened: true })
    await page.waitForTimeout(900)
    await expectPageOf(
      page,
      '/pages/me/index',
      '.me__profile',
      `管理后台 (slow), back after ${timing}`,
    )
    await page.context().close()
  }
})

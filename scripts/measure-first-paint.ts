/**
 * What an elderly villager waits for on a slow phone: the demo village served from the H5 build
 * (dist/h5, `npm run build:h5` first) by the real gateway, opened in Chromium throttled through
 * the Chrome DevTools Protocol to 400 kbit/s down and up, 400 ms latency, CPU 4× slower, each run
 * with an empty browser cache. Prints the figures; asserts no time (machines differ). The 首页
 * tiles and the 村规 chapters count from the first frame that draws them, noted inside the page;
 * the loading view and the sign-in page from when Playwright finds their text.
 *
 *   npm run measure:first-paint
 */
import type { Browser, CDPSession, Page } from 'playwright-core'
import {
  launchChromium,
  phoneOptions,
  startDemoVillage,
  type DemoVillage,
} from '../test/e2e/support/demo-village'

const slowNetwork = {
  offline: false,
  latency: 400,
  downloadThroughput: 400_000 / 8,
  uploadThroughput: 400_000 / 8,
}
const cpuSlowdown = 4

interface Throttled {
  page: Page
  /** Bytes that crossed the network (compressed, with headers) since throttling began. */
  bytes: () => number
}

/** A new phone page with an empty cache, throttled from here on. */
async function throttle(page: Page): Promise<Throttled> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.clearBrowserCache')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
  await cdp.send('Network.emulateNetworkConditions', slowNetwork)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown })
  let bytes = 0
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength
  })
  return { page, bytes: () => bytes }
}

/** Milliseconds since the page's navigation started, read inside the page. */
const sinceNavigation = (page: Page) => page.evaluate(() => Math.round(performance.now()))

const firstContentfulPaint = (page: Page) =>
  page.evaluate(() => {
    const entry = performance.getEntriesByName('first-contentful-paint')[0]
    return entry ? Math.round(entry.startTime) : null
  })

type Recorded = Window & { __shownAt?: number }

/**
 * Runs in the page before its own scripts: notes the time of the first frame that shows an
 * element matching `selector`. Read inside the page, because Playwright's own wait notices it
 * only at its next poll, which on the CPU slowed 4× came 0.2–0.45 s later.
 */
function recordFirstFrameShowing(selector: string) {
  const recorded = window as Recorded
  const observer = new MutationObserver(() => {
    const element = document.querySelector(selector)
    if (!element || element.getBoundingClientRect().height === 0) return
    observer.disconnect()
    // The frame that paints it: requestAnimationFrame runs just before that frame is drawn.
    requestAnimationFrame((time) => (recorded.__shownAt = Math.round(time)))
  })
  observer.observe(document, { childList: true, subtree: true })
}

/** A first visit: nobody signed in, from the link to the sign-in page. */
async function firstVisit(browser: Browser, village: DemoVillage) {
  const context = await browser.newContext(phoneOptions)
  const { page, bytes } = await throttle(await context.newPage())
  await page.goto(village.url, { waitUntil: 'commit' })
  await page.getByText('正在打开…').waitFor()
  const loadingView = await sinceNavigation(page)
  await page.getByText('选择体验身份（演示模式）').waitFor({ timeout: 60_000 })
  const signIn = await sinceNavigation(page)
  const fcp = await firstContentfulPaint(page)
  await context.close()
  return { loadingView, fcp, signIn, bytes: bytes() }
}

/** A signed-in villager (signed in earlier, cache since emptied) opening the app at `hash`. */
async function signedIn(browser: Browser, village: DemoVillage, hash: string, ready: string) {
  const context = await browser.newContext(phoneOptions)
  const setup = await context.newPage()
  await setup.goto(village.url)
  await setup.getByText('选择体验身份（演示模式）').waitFor()
  await setup.getByText('张秀英').tap()
  await setup.getByText('张秀英，您好！').waitFor()
  await setup.close()

  const { page, bytes } = await throttle(await context.newPage())
  await page.addInitScript(recordFirstFrameShowing, ready)
  await page.goto(`${village.url}/${hash}`, { waitUntil: 'commit' })
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  const shown = await page.evaluate(() => (window as Recorded).__shownAt ?? null)
  const fcp = await firstContentfulPaint(page)
  await context.close()
  return { shown, fcp, bytes: bytes() }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
const s = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`)

async function main() {
  const village = await startDemoVillage()
  const browser = await launchChromium()
  try {
    // Once unthrottled, so the gateway has compressed each file (it does so once, on first
    // request) and the figures are a phone's wait, not the server's first compression.
    const warm = await browser.newPage()
    await warm.goto(village.url)
    await warm.getByText('选择体验身份（演示模式）').waitFor()
    await warm.close()

    const first = await firstVisit(browser, village)
    const home = await signedIn(browser, village, '', '.home__tile')
    const rules = await signedIn(browser, village, '#/pages/rules/index', '.rules__chapter')
    console.log(
      `conditions: ${(slowNetwork.downloadThroughput * 8) / 1000} kbit/s down and up, ` +
        `${slowNetwork.latency} ms latency, CPU ${cpuSlowdown}× slower, empty cache`,
    )
    console.log('first visit (signed out):')
    console.log(`  loading view visible   ${s(first.loadingView)}`)
    console.log(`  first-contentful-paint ${s(first.fcp)}`)
    console.log(`  sign-in page ready     ${s(first.signIn)}`)
    console.log(`  transferred            ${kb(first.bytes)}`)
    console.log('signed-in villager opening the app (首页):')
    console.log(`  first-contentful-paint ${s(home.fcp)}`)
    console.log(`  首页 tiles visible      ${s(home.shown)}`)
    console.log(`  transferred            ${kb(home.bytes)}`)
    console.log('signed-in villager opening the 村规 tab:')
    console.log(`  first-contentful-paint ${s(rules.fcp)}`)
    console.log(`  村规 chapters visible   ${s(rules.shown)}`)
    console.log(`  transferred            ${kb(rules.bytes)}`)
  } finally {
    await browser.close()
    await village.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

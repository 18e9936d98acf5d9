import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium, phoneOptions, startDemoVillage, type DemoVillage } from './demo-village'

export { launchChromium, startDemoVillage, type DemoVillage }

export const screenshotDir = path.resolve(__dirname, '../screenshots')

/** What the gateway's Content-Security-Policy refused on any phone since the last test ended. */
const cspViolations: string[] = []

// Every e2e test fails when the app did something its own gateway forbids: the policy must fit
// the build, and a change to either is caught here rather than on a villager's phone.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([])
})

/** A phone (phoneOptions) that reports every CSP violation it sees. */
export async function newPhone(browser: Browser): Promise<BrowserContext> {
  const phone = await browser.newContext(phoneOptions)
  const marker = 'CSP violation: '
  phone.on('console', (message) => {
    if (message.text().startsWith(marker)) cspViolations.push(message.text().slice(marker.length))
  })
  // Runs in the page before the app's own scripts, so nothing the app does goes unseen.
  await phone.addInitScript((prefix) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `${prefix}${event.effectiveDirective} refused ${event.blockedURI || '(inline)'} ` +
          `at ${event.sourceFile}:${event.lineNumber}`,
      )
    })
  }, marker)
  return phone
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) })
}

/** Opens the app on a new phone and signs in as the demo persona with that name. */
export async function signIn(browser: Browser, url: string, name: string): Promise<Page> {
  const page = await (await newPhone(browser)).newPage()
  await page.goto(url)
  await page.getByText('选择体验身份（演示模式）').waitFor()
  await page.getByText(name).tap()
  await page.getByText('石龙村 · 仙鹤镇').waitFor()
  return page
}

/** A tab of H5's tab bar, by its label. */
export const tab = (page: Page, name: string) =>
  page.locator('.weui-tabbar__label', { hasText: name })

/** One e2e file's demo village and browser, started before its tests and stopped after them. */
export interface DemoRun {
  village: DemoVillage
  browser: Browser
  /** A new phone signed in as the demo persona with that name. */
  signIn(name: string): Promise<Page>
}

export function withDemoVillage(): DemoRun {
  const run = {
    signIn: (name: string) => signIn(run.browser, run.village.url, name),
  } as DemoRun
  beforeAll(async () => {
    run.village = await startDemoVillage()
    run.browser = await launchChromium()
  })
  afterAll(async () => {
    await run.browser?.close()
    await run.village?.close()
  })
  return run
}

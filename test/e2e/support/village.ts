import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startServices } from '../../../cloud/app'
import { readConfig } from '../../../cloud/config'
import { createGateway } from '../../../cloud/gateway/server'
import { createHttpsWeChat } from '../../../cloud/wechat/https-wechat'

const h5Dir = path.resolve(__dirname, '../../../dist/h5')
export const screenshotDir = path.resolve(__dirname, '../screenshots')

/** The demo village served from the H5 build, as `npm start` serves it, on a fresh database. */
export async function startDemoVillage() {
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error('dist/h5 is missing: run `npm run build:h5` (npm run test:e2e does it first)')
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'village-hall-e2e-'))
  const config = {
    ...readConfig({} as NodeJS.ProcessEnv),
    sqlitePath: path.join(dataDir, 'village.db'),
    demoMode: true,
    seedDemo: true,
    staticDir: h5Dir,
  }
  const services = await startServices(config, createHttpsWeChat(config))
  const server = createGateway(services)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    services,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await services.db.destroy()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** What the gateway's Content-Security-Policy refused on any phone since the last test ended. */
const cspViolations: string[] = []

// Every e2e test fails when the app did something its own gateway forbids: the policy must fit
// the build, and a change to either is caught here rather than on a villager's phone.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([])
})

/** A cheap Android phone: 375×667, touch, Chinese; it reports every CSP violation it sees. */
export async function newPhone(browser: Browser): Promise<BrowserContext> {
  const phone = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
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

export type DemoVillage = Awaited<ReturnType<typeof startDemoVillage>>

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

import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core'
import { startServices } from '../../../cloud/app'
import { readConfig } from '../../../cloud/config'
import { createGateway } from '../../../cloud/gateway/server'
import { createHttpsWeChat } from '../../../cloud/wechat/https-wechat'

// No jest globals here: scripts/measure-first-paint.ts starts the same village.

const h5Dir = path.resolve(__dirname, '../../../dist/h5')

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

export type DemoVillage = Awaited<ReturnType<typeof startDemoVillage>>

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

/** A cheap Android phone: 375×667, touch, Chinese. */
export const phoneOptions: BrowserContextOptions = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
}

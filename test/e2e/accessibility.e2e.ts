import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { screens, type Visitor } from './support/screens'
import { newPhone, withDemoVillage } from './support/village'

// The elderly-first gate: every screen in support/screens.ts, as each visitor who can reach it,
// with 大字模式 off and on, on a 375 px and a 320 px phone. It fails on what an older villager
// would stumble on: axe-core's serious and critical findings (and a missing main landmark or
// level-one heading), text under 16 px (20 px with 大字模式), a tap target under 44×44 px that no
// larger tappable contains, a page wider than the phone, and a page with no way back or on.

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const run = withDemoVillage()

beforeAll(() => {
  // The village QR code links to where the H5 app is served: here, this test server.
  run.village.services.config.publicUrl = run.village.url
})

const viewports = [
  { width: 375, height: 667 },
  { width: 320, height: 568 },
]
const bigTextModes = [false, true]
/** Everyone some screen lists, and nobody signed in. */
const visitors: Visitor[] = ['nobody', ...new Set(screens.flatMap((screen) => screen.visitors))]
/** axe rules failed on whatever their impact: every page needs its main part and its heading. */
const alwaysFailing = ['landmark-one-main', 'page-has-heading-one']

interface Figures {
  smallestFont: number
  smallFonts: string[]
  smallestTarget: string
  smallTargets: string[]
  overflow: number
  wayOn: boolean
}

/**
 * Measures the screen in the page. Tappables are found four ways, since Taro's H5 views are
 * custom elements React gives its handlers to without any DOM trace: the props React keeps on
 * each element (`__reactProps$…` with onClick/onTap), native controls and ARIA widget roles,
 * Taro's navigation bar and tab bar items, and anything styled `cursor: pointer`.
 */
function measure(minFont: number): Figures {
  const visible = (element: Element) => {
    if (element.getClientRects().length === 0) return false
    const style = getComputedStyle(element)
    return style.visibility !== 'hidden' && Number(style.opacity) > 0
  }
  const label = (element: Element) => {
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24)
    const cls = typeof element.className === 'string' ? element.className.split(' ')[0] : ''
    return `${element.tagName.toLowerCase()}${cls ? '.' + cls : ''}${text ? ` “${text}”` : ''}`
  }
  const reactProps = (element: Element): Record<string, unknown> | undefined => {
    const key = Object.keys(element).find((name) => name.startsWith('__reactProps$'))
    return key ? (element as unknown as Record<string, Record<string, unknown>>)[key] : undefined
  }
  const tappableSelector = [
    'a[href]',
    'button',
    'input:not([type=hidden])',
    'textarea',
    'select',
    '[role=button]',
    '[role=link]',
    '[role=tab]',
    '[role=switch]',
    '[role=checkbox]',
    '[role=radio]',
    '.nut-button',
    '.weui-tabbar__item',
    '.taro-navigation-bar-back',
    '.taro-navigation-bar-home',
  ].join(',')
  const isTappable = (element: Element) => {
    // What a finger cannot hit is no target (NutUI gives every icon a click handler).
    if (getComputedStyle(element).pointerEvents === 'none') return false
    if (element.matches(tappableSelector)) return true
    const props = reactProps(element)
    if (props && (typeof props.onClick === 'function' || typeof props.onTap === 'function')) {
      return true
    }
    const parent = element.parentElement
    return (
      getComputedStyle(element).cursor === 'pointer' &&
      (!parent || getComputedStyle(parent).cursor !== 'pointer')
    )
  }

  const smallFonts: string[] = []
  let smallestFont = Infinity
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement
    if (!element || !node.textContent?.trim() || !visible(element)) continue
    if (element.closest('script,style,noscript')) continue
    const size = parseFloat(getComputedStyle(element).fontSize)
    smallestFont = Math.min(smallestFont, size)
    if (size < minFont - 0.05) smallFonts.push(`${label(element)} ${size}px`)
  }

  const tappables = [...document.body.querySelectorAll('*')].filter(
    (element) => visible(element) && isTappable(element),
  )
  const big = (element: Element) => {
    const box = element.getBoundingClientRect()
    return box.width >= 43.5 && box.height >= 43.5
  }
  const smallTargets: string[] = []
  let smallest = { area: Infinity, text: '—' }
  for (const element of tappables) {
    const box = element.getBoundingClientRect()
    if (box.width * box.height < smallest.area) {
      smallest = {
        area: box.width * box.height,
        text: `${Math.round(box.width)}×${Math.round(box.height)}`,
      }
    }
    if (big(element)) continue
    const covered = tappables.some(
      (other) => other !== element && other.contains(element) && big(other),
    )
    if (!covered) {
      smallTargets.push(`${label(element)} ${Math.round(box.width)}×${Math.round(box.height)}`)
    }
  }

  const back = ['.taro-navigation-bar-back', '.taro-navigation-bar-home', '.weui-tabbar'].some(
    (selector) => [...document.querySelectorAll(selector)].some(visible),
  )
  const inPage = tappables.some((element) => element.closest('.taro_page'))
  return {
    smallestFont,
    smallFonts,
    smallestTarget: smallest.text,
    smallTargets,
    overflow:
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - innerWidth,
    wayOn: back || inPage,
  }
}

const table: string[] = []

afterAll(() => {
  const header = ['screen', 'visitor', 'phone', '大字', 'font', 'target', 'axe', 'overflow']
  process.stdout.write(`\n${[header.join(' | '), ...table].join('\n')}\n`)
})

async function waitUntilLoaded(page: Page, ready: string): Promise<void> {
  await page.getByText(ready).first().waitFor({ timeout: 10000 })
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.vh-state--loading')].some((e) => e.getClientRects().length),
  )
  // Fonts, images and NutUI's own measurements settle in the next frames.
  await page.waitForTimeout(150)
}

async function openAs(visitor: Visitor, viewport: { width: number; height: number }) {
  if (visitor === 'nobody') {
    const phone = await newPhone(run.browser)
    const page = await phone.newPage()
    await page.setViewportSize(viewport)
    return page
  }
  const page = await run.signIn(visitor)
  await page.setViewportSize(viewport)
  return page
}

describe.each(visitors)('as %s', (visitor) => {
  test.each(
    viewports.flatMap((viewport) => bigTextModes.map((bigText) => ({ viewport, bigText }))),
  )('every screen at $viewport.width px, 大字模式 $bigText', async ({ viewport, bigText }) => {
    const page = await openAs(visitor, viewport)
    await page.goto(`${run.village.url}/#/pages/home/index`)
    await page.evaluate((on) => {
      localStorage.setItem('bigText', JSON.stringify({ data: on }))
    }, bigText)
    const failures: string[] = []
    for (const screen of screens.filter((s) => s.visitors.includes(visitor))) {
      const where = `${screen.name} as ${visitor} at ${viewport.width}px${bigText ? ' 大字' : ''}`
      try {
        await page.goto(`${run.village.url}/#${screen.route}`)
        await page.reload()
        await waitUntilLoaded(page, screen.ready)
        await screen.then?.(page)
        await page.waitForTimeout(150)
      } catch (error) {
        // One screen that does not open must not hide what the others would report.
        failures.push(`${where}: did not open (${(error as Error).message.split('\n')[0]})`)
        continue
      }
      const scale = await page.evaluate(() =>
        Number(
          [...document.querySelectorAll<HTMLElement>('.vh-page')].find(
            (e) => e.getClientRects().length,
          )?.dataset.scale ?? 0,
        ),
      )
      expect(scale).toBe(bigText ? 1.25 : 1)
      const figures = await page.evaluate(measure, bigText ? 20 : 16)
      await page.evaluate(axeSource)
      const violations = await page.evaluate(async (failing) => {
        const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
        const result = await axe.run(document, { resultTypes: ['violations'] })
        return result.violations
          .filter(
            (v) => v.impact === 'serious' || v.impact === 'critical' || failing.includes(v.id),
          )
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(', ')}`,
          )
      }, alwaysFailing)
      table.push(
        [
          screen.name,
          visitor,
          viewport.width,
          bigText ? 'on' : 'off',
          `${figures.smallestFont}px`,
          figures.smallestTarget,
          violations.length,
          `${figures.overflow}px`,
        ].join(' | '),
      )
      for (const text of figures.smallFonts) failures.push(`${where}: small text ${text}`)
      for (const target of figures.smallTargets) failures.push(`${where}: small target ${target}`)
      for (const violation of violations) failures.push(`${where}: axe ${violation}`)
      if (figures.overflow > 0)
        failures.push(`${where}: ${figures.overflow}px wider than the phone`)
      if (!figures.wayOn) failures.push(`${where}: no way back or on`)
    }
    await page.context().close()
    expect(failures).toEqual([])
  })
})

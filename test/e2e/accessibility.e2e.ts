import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { createSession, userForOpenid } from '../../cloud/core/identity'
import { provisionVillage } from '../../cloud/domain/village-setup'
import { openedVillage, screens, type Visitor } from './support/screens'
import { newPhone, withDemoVillage } from './support/village'

// The elderly-first gate: every screen in support/screens.ts, as each visitor who can reach it,
// with 大字模式 off and on, on a 375 px and a 320 px phone (with 大字模式, the phone also asks for
// reduced motion). It fails on what an older villager would stumble on: axe-core's serious and
// critical findings (and a missing main landmark or level-one heading), text under 16 px (20 px
// with 大字模式), a tap target under 44×44 px that no larger tappable contains, a tappable that
// Tab cannot reach or Enter cannot press, a page wider than the phone, a page with no way back or
// on, a page title cut short, an admin text box without a clear border all round, a search-clear
// "×" too small or too faint, and anything that moves when the phone asks for reduced motion.

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const run = withDemoVillage()

beforeAll(async () => {
  // The village QR code links to where the H5 app is served: here, this test server.
  run.village.services.config.publicUrl = run.village.url
  await provisionVillage(run.village.services.db, openedVillage, new Date())
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
  /** Tappables that Tab does not reach, or that Enter and Space would not press. */
  unreachable: string[]
  /** The navigation bar's title, if it does not show whole. */
  cutTitle: string | null
  /** Text boxes whose edge does not show all round (checked where `boxEdges` asks). */
  faintBoxes: string[]
  /** What is wrong with the search box's clear "×", if one shows. */
  clearControl: string[]
  /** What still moves (checked where `stillness` asks). */
  moving: string[]
}

interface Checks {
  minFont: number
  /** Every text box shows its edge on all four sides, at 3:1 against what is behind it. */
  boxEdges: boolean
  /** Nothing transitions or animates (the phone asks for reduced motion). */
  stillness: boolean
}

/**
 * Measures the screen in the page. Tappables are found four ways, since Taro's H5 views are
 * custom elements Preact gives its handlers to without any DOM trace: the handlers Preact keeps
 * on each element (see hasTapHandler), native controls and ARIA widget roles,
 * Taro's navigation bar and tab bar items, and anything styled `cursor: pointer`.
 */
function measure({ minFont, boxEdges, stillness }: Checks): Figures {
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
  /**
   * Whether the page's code listens for a tap on the element. The H5 build renders with Preact
   * (config/index.ts), which keeps an element's handlers in its `l` property, by event name and
   * phase (`clickfalse`).
   */
  const hasTapHandler = (element: Element): boolean => {
    const handlers = (element as unknown as { l?: Record<string, unknown> }).l ?? {}
    return Object.keys(handlers).some(
      (name) => /^(click|tap)(true|false)$/i.test(name) && typeof handlers[name] === 'function',
    )
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
    if (hasTapHandler(element)) return true
    const parent = element.parentElement
    return (
      getComputedStyle(element).cursor === 'pointer' &&
      (!parent || getComputedStyle(parent).cursor !== 'pointer')
    )
  }

  // Colours as the browser computes them ('rgb(…)' or 'rgba(…)'), and WCAG's contrast of two.
  type Rgba = [number, number, number, number]
  const rgba = (color: string): Rgba => {
    const [r = 0, g = 0, b = 0, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number)
    return color.startsWith('rgb') ? [r, g, b, a] : [0, 0, 0, 0]
  }
  const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [
    r * a + R * (1 - a),
    g * a + G * (1 - a),
    b * a + B * (1 - a),
    1,
  ]
  /** The colour behind `element`: its own background and its ancestors', laid over white. */
  const backdrop = (element: Element | null): Rgba => {
    const layers: Rgba[] = []
    for (let e = element; e; e = e.parentElement) {
      const layer = rgba(getComputedStyle(e).backgroundColor)
      if (layer[3] > 0) layers.push(layer)
      if (layer[3] >= 1) break
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1] as Rgba)
  }
  const luminance = (color: Rgba) => {
    const [r, g, b] = color.slice(0, 3).map((channel) => {
      const c = channel / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const contrast = (a: Rgba, b: Rgba) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (light + 0.05) / (dark + 0.05)
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

  // Reached by Tab (tabIndex 0 or more) and pressed by Enter and Space: a native control, or one
  // with a role src/utils/keyboard.ts presses. A tap inside such a control is the control's.
  const native = 'a[href], button, input, textarea, select, summary'
  const pressable = ['button', 'link', 'radio', 'checkbox', 'switch', 'tab', 'option']
  const reachable = (element: Element) =>
    element instanceof HTMLElement &&
    element.tabIndex >= 0 &&
    (element.matches(native) || pressable.includes(element.getAttribute('role') ?? ''))
  const unreachable = tappables
    .filter((element) => !tappables.some((other) => other.contains(element) && reachable(other)))
    .map((element) => {
      const why = (element as HTMLElement).tabIndex < 0 ? 'not reached by Tab' : 'no role to press'
      return `${label(element)} (${why})`
    })

  const title = [...document.querySelectorAll('.taro-navigation-bar-title')].find(visible)
  const titleText = title?.textContent?.trim() ?? ''
  const cutTitle =
    title &&
    (title.scrollWidth > title.clientWidth + 0.5 ||
      title.scrollHeight > title.clientHeight + 0.5 ||
      /(…|\.\.\.)$/.test(titleText))
      ? `“${titleText}” ${title.scrollWidth}×${title.scrollHeight} in ${title.clientWidth}×${title.clientHeight}`
      : null

  // A form of twenty alike boxes is one fault, counted.
  const faintBoxes = new Map<string, number>()
  if (boxEdges) {
    for (const field of document.querySelectorAll('input:not([type=hidden]), textarea')) {
      if (!visible(field)) continue
      // NutUI draws the box around its native control; a bare control is its own box.
      const box = field.closest('.nut-input, .nut-textarea') ?? field
      const style = getComputedStyle(box)
      const behind = backdrop(box.parentElement)
      const faint = (['Top', 'Right', 'Bottom', 'Left'] as const).filter((side) => {
        const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`))
        const line = style.getPropertyValue(`border-${side.toLowerCase()}-style`)
        const color = rgba(style.getPropertyValue(`border-${side.toLowerCase()}-color`))
        return (
          width < 1 ||
          line === 'none' ||
          line === 'hidden' ||
          contrast(over(color, behind), behind) < 3
        )
      })
      const fault = `${label(box)} ${faint.join('/')} (${style.borderBottomWidth} ${style.borderBottomColor})`
      if (faint.length) faintBoxes.set(fault, (faintBoxes.get(fault) ?? 0) + 1)
    }
  }

  const clearControl: string[] = []
  const clear = [...document.querySelectorAll('.nut-searchbar-clear')].find(visible)
  if (clear) {
    const box = clear.getBoundingClientRect()
    if (box.width < 43.5 || box.height < 43.5) {
      clearControl.push(`${Math.round(box.width)}×${Math.round(box.height)} target`)
    }
    // NutUI's icon is a mask painted in its background colour.
    const icon = clear.querySelector('.nut-icon') ?? clear
    const behind = backdrop(clear)
    const [r, g, b, a] = rgba(getComputedStyle(icon).backgroundColor)
    const ink = over([r, g, b, a * Number(getComputedStyle(icon).opacity)], behind)
    const ratio = contrast(ink, behind)
    if (ratio < 4.5) clearControl.push(`contrast ${ratio.toFixed(2)}:1`)
  }

  const moving: string[] = []
  if (stillness) {
    const seconds = (list: string) => Math.max(...list.split(',').map((t) => parseFloat(t) || 0))
    for (const element of document.body.querySelectorAll('*')) {
      if (!visible(element)) continue
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(element, pseudo)
        const transition = style.transitionProperty !== 'none' && seconds(style.transitionDuration)
        const animation = style.animationName !== 'none' && seconds(style.animationDuration)
        if (transition || animation) {
          moving.push(`${label(element)}${pseudo ?? ''} ${transition ? 'transition' : 'animation'}`)
        }
      }
    }
  }

  return {
    smallestFont,
    smallFonts,
    smallestTarget: smallest.text,
    smallTargets,
    overflow:
      Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - innerWidth,
    wayOn: back || inPage,
    unreachable,
    cutTitle,
    faintBoxes: [...faintBoxes].map(([fault, count]) => (count > 1 ? `${fault} ×${count}` : fault)),
    clearControl,
    moving: moving.slice(0, 5),
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

let newcomers = 0

async function openAs(visitor: Visitor, viewport: { width: number; height: number }) {
  if (visitor === 'nobody' || visitor === '新村民') {
    const phone = await newPhone(run.browser)
    const page = await phone.newPage()
    await page.setViewportSize(viewport)
    if (visitor === '新村民') {
      // Signed in with WeChat for the first time (as wxSignIn makes them), in no village yet.
      const { services } = run.village
      const user = await userForOpenid(services, `o-gate-newcomer-${(newcomers += 1)}`)
      const token = await createSession(services, user.id)
      await page.goto(`${run.village.url}/#/account/pages/sign-in/index`)
      await page.evaluate((kept) => {
        localStorage.setItem('sessionToken', JSON.stringify({ data: kept }))
      }, token)
    }
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
    // An older villager who wants big text may well have asked the phone for less motion too.
    await page.emulateMedia({ reducedMotion: bigText ? 'reduce' : 'no-preference' })
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
      const figures = await page.evaluate(measure, {
        minFont: bigText ? 20 : 16,
        boxEdges: screen.route.startsWith('/admin/'),
        stillness: bigText,
      })
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
      for (const control of figures.unreachable) failures.push(`${where}: keyboard ${control}`)
      if (figures.cutTitle) failures.push(`${where}: title cut ${figures.cutTitle}`)
      for (const box of figures.faintBoxes) failures.push(`${where}: text box edge ${box}`)
      for (const fault of figures.clearControl) failures.push(`${where}: search clear ${fault}`)
      for (const thing of figures.moving) failures.push(`${where}: moves ${thing}`)
    }
    await page.context().close()
    expect(failures).toEqual([])
  })
})

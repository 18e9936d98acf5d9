/**
 * Just enough of WeChat's mini-program host to run a built page of dist/weapp in Node: `App`,
 * `Page`, a `wx` whose APIs do nothing (but the API calls, answered by `api`), and a page
 * instance that records what Taro's runtime hands to `setData` (the data the WXML templates
 * render). No WeChat code: the page's own built scripts run as they would on the phone.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

type PageConfig = Record<string, unknown> & { onLoad: (this: unknown, query: object) => void }
export type ApiAnswer = (fn: string, action: string) => unknown

export interface LoadedPage {
  /** Every `setData` payload, in order (the first renders the whole page, later ones patch it). */
  setData: Record<string, unknown>[]
}

/**
 * Answers arrive like a network's, after the page's first render has been sent: an answer in the
 * same tick could be rendered together with it, and the loading state would never be seen.
 */
const answerDelayMs = 50

export async function loadPage(dist: string, route: string, api: ApiAnswer): Promise<LoadedPage> {
  const noop = () => undefined
  const stubs: Record<string, unknown> = {
    getSystemInfoSync: () => ({ platform: 'android', windowWidth: 375, pixelRatio: 2 }),
    getAppBaseInfo: () => ({ fontSizeScaleFactor: 1 }),
    getStorageSync: () => '',
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    cloud: {
      init: noop,
      callFunction: ({ data }: { data: { function: string; action: string } }) =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ result: api(data.function, data.action) }), answerDelayMs),
        ),
    },
    // the http transport (TARO_APP_API_TRANSPORT=http): POST /api/<function> { action, … }
    request: (options: {
      url: string
      data: { action: string }
      success: (result: object) => void
    }) => {
      const fn = options.url.split('/').pop() ?? ''
      setTimeout(
        () => options.success({ statusCode: 200, data: api(fn, options.data.action) }),
        answerDelayMs,
      )
      return { abort: noop }
    },
  }
  // Any other wx API exists and does nothing; webpackJsonp is the chunk list the scripts build.
  const wx = new Proxy(stubs, {
    get: (target, key) =>
      key in target || typeof key !== 'string' || key === 'webpackJsonp'
        ? target[key as string]
        : noop,
  })
  let app: unknown
  let page: PageConfig | undefined
  const context = vm.createContext({
    wx,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    App: (config: unknown) => {
      app = config
    },
    getApp: () => app,
    Page: (config: PageConfig) => {
      page = config
    },
    Component: noop,
    Behavior: (behavior: unknown) => behavior,
    getCurrentPages: () => [],
  })
  const loaded = new Map<string, { exports: unknown }>()
  const load = (file: string): unknown => {
    const full = file.endsWith('.js') ? file : `${file}.js`
    const cached = loaded.get(full)
    if (cached) return cached.exports
    const module = { exports: {} }
    loaded.set(full, module)
    const code = fs.readFileSync(full, 'utf8')
    const run = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, {
      filename: full,
    }) as (require: (id: string) => unknown, module: object, exports: object) => void
    run((id) => load(path.resolve(path.dirname(full), id)), module, module.exports)
    return module.exports
  }
  load(path.join(dist, 'app.js'))
  load(path.join(dist, `${route}.js`))
  if (!page) throw new Error(`${route}.js did not register a page`)

  const setData: Record<string, unknown>[] = []
  const instance = Object.assign(Object.create(page), page, {
    route,
    data: {},
    setData(data: Record<string, unknown>, done?: () => void) {
      setData.push(data)
      done?.()
    },
  })
  page.onLoad.call(instance, {})
  // let the page's API answers arrive and React render them
  await new Promise((resolve) => setTimeout(resolve, 300))
  return { setData }
}

/** For each template `tmpl_0_<node>` of base.wxml, which attribute each data key `p<n>` fills. */
export function templateAttributes(baseWxml: string): Map<string, Map<string, string>> {
  const templates = new Map<string, Map<string, string>>()
  for (const match of baseWxml.matchAll(/<template name="tmpl_0_(\w+)">\s*<[a-z-]+ ([^>]*)>/g)) {
    const attributes = new Map<string, string>()
    for (const bound of match[2].matchAll(/([a-z-]+)="\{\{[^"]*?\bi\.(p\d+)\b/g)) {
      attributes.set(bound[2], bound[1])
    }
    templates.set(match[1], attributes)
  }
  return templates
}

/** The aria-* attributes each rendered element gets, read through the templates' bindings. */
export function renderedAria(
  setData: Record<string, unknown>[],
  templates: Map<string, Map<string, string>>,
): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (!value || typeof value !== 'object') return
    const node = value as Record<string, unknown>
    const attributes = templates.get(String(node.nn))
    if (attributes) {
      const aria = Object.fromEntries(
        Object.entries(node).flatMap(([key, v]) => {
          const name = attributes.get(key)
          return name?.startsWith('aria-') ? [[name, v]] : []
        }),
      )
      if (Object.keys(aria).length) found.push(aria)
    }
    Object.values(node).forEach(walk)
  }
  setData.forEach(walk)
  return found
}

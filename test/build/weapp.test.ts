/**
 * Builds the WeChat mini-program and checks it the way WeChat would:
 * - every WXML compiles with the official `wcc`, every WXSS with `wcsc` (miniprogram-compiler);
 * - the main package (everything outside subpackage roots) stays within 500 KB, without zod;
 * - only the NutUI components the code imports bring their CSS along;
 * - the aria-* attributes written in src/ reach the WXML templates (config/weapp-aria-plugin.ts);
 * - WeChat's code-quality check (miniprogram-ci, offline) passes every item, compression included.
 * It prints where the main package's bytes go, by file and by npm package / src folder.
 * Run: npx jest test/build --verbose
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parse, type AnyNode } from 'acorn'
import type { ModuleOrigins } from '../../config/module-origins-plugin'
import { weappAriaAttributes } from '../../config/weapp-aria-attributes'
import { checkCodeQuality } from './support/code-quality'
import { loadPage, renderedAria, templateAttributes } from './support/mini-program-host'

const ROOT = path.resolve(__dirname, '..', '..')
const DIST = path.join(ROOT, 'dist', 'weapp')
const COMPILER_BIN = path.join(ROOT, 'node_modules', 'miniprogram-compiler', 'bin', 'linux')
const NUTUI_PACKAGES = path.join(
  ROOT,
  'node_modules',
  '@nutui',
  'nutui-react-taro',
  'dist',
  'es',
  'packages',
)
/** Written by config/module-origins-plugin.ts on every weapp build. */
const MODULE_ORIGINS = path.join(ROOT, 'dist', 'weapp-modules.json')
const MAIN_PACKAGE_LIMIT = 500 * 1024
const BUILD_TIMEOUT_MS = 8 * 60 * 1000

function report(text: string): void {
  process.stdout.write(`${text}\n`)
}

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return listFiles(full, base)
    return [path.relative(base, full).split(path.sep).join('/')]
  })
}

function compiler(name: 'wcc' | 'wcsc'): string {
  const bin = path.join(COMPILER_BIN, name)
  // npm does not keep the run bit on these binaries
  fs.chmodSync(bin, 0o755)
  return bin
}

function readJson(file: string): Record<string, unknown> | undefined {
  const full = path.join(DIST, file)
  return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : undefined
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/**
 * The modules of a webpack chunk file, `(wx.webpackJsonp = …).push([[ids], { id: function… }])`,
 * with their minified size in bytes.
 */
function chunkModules(code: string): Map<string, number> {
  const modules = new Map<string, number>()
  const visit = (node: AnyNode | null | undefined): void => {
    if (!node) return
    if (node.type === 'ExpressionStatement') return visit(node.expression)
    if (node.type === 'SequenceExpression') return node.expressions.forEach(visit)
    if (node.type !== 'CallExpression') return
    const table = node.arguments[0]
    if (table?.type !== 'ArrayExpression') return
    const moduleMap = table.elements[1]
    if (moduleMap?.type !== 'ObjectExpression') return
    for (const property of moduleMap.properties) {
      if (property.type !== 'Property') continue
      const key = property.key
      const id =
        key.type === 'Literal' ? String(key.value) : key.type === 'Identifier' ? key.name : ''
      modules.set(id, Buffer.byteLength(code.slice(property.start, property.end)))
    }
  }
  parse(code, { ecmaVersion: 'latest', sourceType: 'script' }).body.forEach(visit)
  return modules
}

/** Bytes of the main package's scripts by where their modules come from (npm package, src folder). */
function scriptBytesByOrigin(mainFiles: string[]): Map<string, number> {
  const origins = JSON.parse(fs.readFileSync(MODULE_ORIGINS, 'utf8')) as ModuleOrigins
  const totals = new Map<string, number>()
  const add = (key: string, bytes: number) => totals.set(key, (totals.get(key) ?? 0) + bytes)
  for (const file of mainFiles.filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(path.join(DIST, file), 'utf8')
    const modules = chunkModules(code)
    let measured = 0
    for (const [id, bytes] of modules) {
      add(origins[file]?.[id] ?? '(unknown module)', bytes)
      measured += bytes
    }
    add('(webpack glue, entry code)', Buffer.byteLength(code) - measured)
  }
  return totals
}

let files: string[] = []
let appJson: { pages: string[]; subPackages?: { root: string; pages: string[] }[] }

beforeAll(() => {
  const started = Date.now()
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
  delete env.BABEL_ENV
  const build = spawnSync('npm', ['run', 'build:weapp'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (build.status !== 0) {
    throw new Error(
      `npm run build:weapp failed (status ${build.status}, ${build.error ?? ''}):\n` +
        `${build.stdout.slice(-4000)}\n${build.stderr.slice(-4000)}`,
    )
  }
  report(`weapp build: ${seconds} s`)
  files = listFiles(DIST)
  appJson = readJson('app.json') as typeof appJson
}, BUILD_TIMEOUT_MS + 30_000)

describe('weapp build', () => {
  it('has every page from app.json, main package and subpackages', () => {
    const pages = [
      ...appJson.pages,
      ...(appJson.subPackages ?? []).flatMap((sub) => sub.pages.map((p) => `${sub.root}/${p}`)),
    ]
    expect(pages.length).toBeGreaterThan(0)
    for (const page of pages) {
      for (const ext of ['js', 'json', 'wxml']) {
        expect(files).toContain(`${page}.${ext}`)
      }
    }
    expect(appJson.subPackages?.map((sub) => sub.root)).toContain('admin')
  })

  it('compiles all WXML with wcc', () => {
    const wxml = files.filter((f) => f.endsWith('.wxml')).sort()
    const wxs = files.filter((f) => f.endsWith('.wxs')).sort()
    // -cc "<count> <page.wxml> <n> <component names…> …": custom components used by each file
    const withComponents = wxml.flatMap((file) => {
      const json = readJson(file.replace(/\.wxml$/, '.json'))
      const using = Object.keys((json?.usingComponents as Record<string, string>) ?? {})
      return using.length ? [[file, String(using.length), ...using].join(' ')] : []
    })
    const cc = [String(withComponents.length), ...withComponents].join(' ')
    const result = spawnSync(compiler('wcc'), ['-d', '-cc', cc, ...wxml, ...wxs, '-gn', '$gwx'], {
      cwd: DIST,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
    report(`wcc: ${wxml.length} wxml + ${wxs.length} wxs files -> ${kb(result.stdout.length)} js`)
    expect(result.error).toBeUndefined()
    expect(result.stderr.trim()).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('$gwx')
    expect(wxml.length).toBeGreaterThanOrEqual(appJson.pages.length)
  })

  it('compiles all WXSS with wcsc', () => {
    const wxss = files.filter((f) => f.endsWith('.wxss')).sort()
    // page/component stylesheets (those with a .json beside them) first, counted by -pc
    const pageWxss = wxss.filter((f) => files.includes(f.replace(/\.wxss$/, '.json')))
    const otherWxss = wxss.filter((f) => !pageWxss.includes(f))
    const result = spawnSync(
      compiler('wcsc'),
      ['-db', '-pc', String(pageWxss.length), ...pageWxss, ...otherWxss],
      { cwd: DIST, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    )
    report(
      `wcsc: ${wxss.length} wxss files (${pageWxss.length} page/app) -> ${kb(result.stdout.length)}`,
    )
    expect(result.error).toBeUndefined()
    expect(result.stderr.trim()).toBe('')
    expect(result.status).toBe(0)
    expect(wxss).toContain('app.wxss')
  })

  it('keeps the main package within 500 KB and free of zod, and says where its bytes go', () => {
    const roots = (appJson.subPackages ?? []).map((sub) => sub.root.replace(/\/$/, ''))
    const sizes = new Map<string, number>([['(main)', 0], ...roots.map((r) => [r, 0] as const)])
    const mainFiles: [string, number][] = []
    for (const file of files) {
      const bytes = fs.statSync(path.join(DIST, file)).size
      const root = roots.find((r) => file.startsWith(`${r}/`)) ?? '(main)'
      sizes.set(root, (sizes.get(root) ?? 0) + bytes)
      if (root === '(main)') mainFiles.push([file, bytes])
    }
    const rows = [...sizes].map(([name, bytes]) => `  ${name.padEnd(12)} ${kb(bytes).padStart(10)}`)
    report(['package        size', ...rows].join('\n'))
    const main = sizes.get('(main)') ?? 0

    const top = <T>(entries: [T, number][], n: number) =>
      entries.sort((a, b) => b[1] - a[1]).slice(0, n)
    const byFile = top(mainFiles, 12).map(([f, b]) => `  ${kb(b).padStart(9)}  ${f}`)
    report(['main package, largest files:', ...byFile].join('\n'))
    const byOrigin = scriptBytesByOrigin(mainFiles.map(([f]) => f))
    const scripts = [...byOrigin.values()].reduce((a, b) => a + b, 0)
    const origins = top([...byOrigin], 20).map(
      ([o, b]) => `  ${kb(b).padStart(9)}  ${((b / main) * 100).toFixed(1).padStart(4)}%  ${o}`,
    )
    report([`main package scripts (${kb(scripts)}) by origin, minified:`, ...origins].join('\n'))

    expect(scripts).toBeGreaterThan(0)
    // every module of the main scripts is accounted for by the build's module list
    expect(byOrigin.has('(unknown module)')).toBe(false)
    // The contract's schemas (~100 KB of zod) live in the subpackages: tab pages take labels from
    // zod-free modules of types/ (e.g. types/ceremony-labels.ts), forms with schemas are subpackage pages.
    expect(byOrigin.has('zod')).toBe(false)
    expect(main).toBeGreaterThan(0)
    expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT)
  })

  it('ships CSS only for the NutUI components the code imports', () => {
    // components imported anywhere in src/
    const sources = listFiles(path.join(ROOT, 'src'))
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => fs.readFileSync(path.join(ROOT, 'src', f), 'utf8'))
    const imported = new Set<string>()
    for (const source of sources) {
      const re = /import\s*(type\s*)?\{([^}]*)\}\s*from\s*['"]@nutui\/nutui-react-taro['"]/g
      for (const match of source.matchAll(re)) {
        if (match[1]) continue
        for (const part of match[2].split(',')) {
          const name = part.trim()
          if (name && !name.startsWith('type ')) imported.add(name.toLowerCase())
        }
      }
    }
    // …plus the stylesheets their styles pull in (style/css.js imports)
    const allowed = new Set<string>()
    const addWithDeps = (dir: string) => {
      if (allowed.has(dir)) return
      allowed.add(dir)
      const cssJs = path.join(NUTUI_PACKAGES, dir, 'style', 'css.js')
      if (!fs.existsSync(cssJs)) return
      for (const m of fs
        .readFileSync(cssJs, 'utf8')
        .matchAll(/'\.\.\/\.\.\/([a-z]+)\/style\/css'/g)) {
        addWithDeps(m[1])
      }
    }
    imported.forEach(addWithDeps)

    // a component "landed" when the first class of its stylesheet is in the output
    const firstClass = (dir: string) => {
      const css = path.join(NUTUI_PACKAGES, dir, 'style', 'style.css')
      return fs.existsSync(css) ? /\.nut-[a-z0-9-]+/.exec(fs.readFileSync(css, 'utf8'))?.[0] : null
    }
    const output = files
      .filter((f) => f.endsWith('.wxss'))
      .map((f) => fs.readFileSync(path.join(DIST, f), 'utf8'))
      .join('\n')
    const hasClass = (text: string, cls: string) =>
      new RegExp(`${cls.replace(/[.]/g, '\\.')}(?![a-z0-9_-])`).test(text)
    const components = fs
      .readdirSync(NUTUI_PACKAGES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
    // a used component's CSS may style another component's class (e.g. a dialog's buttons)
    const allowedCss = [...allowed]
      .map((dir) => path.join(NUTUI_PACKAGES, dir, 'style', 'style.css'))
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n')
    const landed = components.filter((dir) => {
      const cls = firstClass(dir)
      return cls ? hasClass(output, cls) : false
    })
    const unexpected = landed.filter((dir) => {
      const cls = firstClass(dir)
      return !allowed.has(dir) && !(cls && hasClass(allowedCss, cls))
    })
    report(
      `NutUI: imported [${[...imported].sort().join(', ')}]; CSS in output [${landed.join(', ')}]`,
    )
    expect(unexpected).toEqual([])
    // never the whole library stylesheet
    expect(landed.length).toBeLessThan(components.length / 2)
    if (imported.has('button')) expect(landed).toContain('button')
  })

  it("passes every item of WeChat's code-quality check (JS, WXML and WXSS compression on)", () => {
    const items = checkCodeQuality(DIST, ROOT)
    report(
      ['WeChat code quality (miniprogram-ci checkCodeQuality):']
        .concat(
          items.map((item) => `  ${item.success ? 'pass' : 'FAIL'}  ${item.name}  ${item.text}`),
        )
        .join('\n'),
    )
    expect(items.length).toBeGreaterThanOrEqual(11)
    expect(items.filter((item) => !item.success).map((item) => item.name)).toEqual([])
  }, 120_000)

  it('passes the aria-* attributes written in src/ to the WXML templates', () => {
    const base = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
    // every <view> template (view, static-view, catch-view at each level) binds each attribute
    const views = base.match(/<view [^>]*>/g) ?? []
    const staticViews = views.filter((tag) => !tag.includes('bindtap'))
    expect(staticViews.length).toBeGreaterThan(0)
    for (const attribute of Object.keys(weappAriaAttributes.View)) {
      const bound = new RegExp(` ${attribute}="\\{\\{i\\.p\\d+\\}\\}"`)
      const missing = views.filter((tag) => tag.includes('hover-class') && !bound.test(tag))
      expect({ attribute, missing }).toEqual({ attribute, missing: [] })
      expect(staticViews.some((tag) => bound.test(tag))).toBe(true)
    }
  })

  it('renders the 我的 page with its aria-* values bound to those attributes', async () => {
    // Runs the built page: the runtime must number View's attributes (p0, p1, …) as the build
    // did, or the values would land in the wrong attributes (src/utils/a11y.ts).
    const me = {
      user: { id: 'u1', displayName: '张秀英' },
      village: { id: 'v1', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
      roles: ['villager'],
      demo: false,
    }
    const page = await loadPage(DIST, 'pages/me/index', (fn, action) =>
      fn === 'session' && action === 'me'
        ? { ok: true, data: me }
        : { ok: false, error: { code: 'NOT_FOUND', message: '没有' } },
    )
    const templates = templateAttributes(fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8'))
    const aria = renderedAria(page.setData, templates)
    expect(aria).toContainEqual({ 'aria-role': 'status' }) // the loading state, first
    expect(aria).toContainEqual({
      'aria-role': 'switch',
      'aria-label': '大字模式',
      'aria-checked': false,
    })
    expect(aria).toContainEqual({ 'aria-role': 'button', 'aria-expanded': false }) // 隐私说明
  })
})

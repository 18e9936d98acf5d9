import fs from 'node:fs'
import path from 'node:path'

// A message's link is the page a tap opens, in 消息 and from WeChat's subscribe message. A link to
// a page the build lacks opens an error page in WeChat, so every page path the server writes into
// a message must be a page of the app.

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
}

function appPages(): Set<string> {
  const globals = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }
  globals.defineAppConfig = (config) => config
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../src/app.config').default as AppConfig
  return new Set([
    ...config.pages.map((page) => `/${page}`),
    ...config.subPackages.flatMap(({ root, pages }) => pages.map((page) => `/${root}/${page}`)),
  ])
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

test('every page a server message links to is a page of the app', () => {
  const pages = appPages()
  const linked = sourceFiles(path.resolve(__dirname, '../../cloud')).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/['`](\/(?:[\w-]+\/)*pages\/[\w/-]+\/index)/g)].map(
      (match) => ({ file: path.basename(file), page: match[1] }),
    ),
  )
  expect(linked.length).toBeGreaterThan(5)
  expect(linked.filter(({ page }) => !pages.has(page))).toEqual([])
})

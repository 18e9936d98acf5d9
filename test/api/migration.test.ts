import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { Migrator, sql } from 'kysely'
import { migrateToLatest, openDb, type Db } from '../../cloud/store/db'
import { readConfig } from '../../cloud/config'
import { migrationProvider } from '../../cloud/store/migrations'
import { insertRulesVersion } from '../../cloud/domain/rules-store'
import { insertStartingLimits } from '../../cloud/domain/village-setup'
import { rulesPublishSchema } from '../../types/rules'
import { engines, type EngineName } from './support/harness'
import { createPostgresDatabase } from './support/postgres-database'

const tables = [
  'towns',
  'villages',
  'users',
  'role_grants',
  'sessions',
  'invitations',
  'rules_versions',
  'rules_chapters',
  'rules_articles',
  'gift_limits',
  'banquet_limits',
  'ceremony_council_members',
  'audit_log',
]

/** Every row of every table, in a stable order, as the database gives them back. */
async function everything(db: Db) {
  const dump: Record<string, unknown[]> = {}
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db,
    )
    dump[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort()
  }
  return dump
}

const at = '2025-03-01T08:00:00.000Z'

/**
 * The database's refusal of a statement, as text (null if it was accepted). Read as text, not
 * with `rejects.toThrow`: better-sqlite3's native part keeps the error class of the first test
 * file that loaded it in this jest worker, which later files' `toThrow` does not see as an Error.
 */
async function refusal(statement: { execute: (db: Db) => Promise<unknown> }, db: Db) {
  return statement.execute(db).then(
    () => null,
    (error: unknown) => String((error as { message?: unknown }).message ?? error),
  )
}

/** A village with a bit of everything, written while the store is at 0001. */
async function fillAtInitial(db: Db) {
  await db.insertInto('towns').values({ id: 't1', name: '仙鹤镇' }).execute()
  // The 0001 villages table has no code yet (0004 adds it), so this row too is written as then.
  await sql`insert into villages (id, town_id, name, intro, created_at)
    values ('v1', 't1', '石龙村', '', ${at})`.execute(db)
  await db
    .insertInto('users')
    .values([
      {
        id: 'u1',
        openid: null,
        demoPersona: 'admin',
        displayName: '刘志强',
        villageId: 'v1',
        createdAt: at,
      },
      {
        id: 'u2',
        openid: 'o2',
        demoPersona: null,
        displayName: '张秀英',
        villageId: 'v1',
        createdAt: at,
      },
    ])
    .execute()
  await db
    .insertInto('roleGrants')
    .values({
      id: 'g1',
      villageId: 'v1',
      userId: 'u1',
      role: 'admin',
      grantedBy: null,
      grantedAt: at,
      revokedAt: null,
      revokedBy: null,
    })
    .execute()
  // Written as the 0001 table was, with WeChat's session key (migration 0005 drops it).
  await sql`insert into sessions (token_hash, user_id, session_key, created_at, expires_at)
    values ('h1', 'u2', 'SECRET-SESSION-KEY', ${at}, ${at})`.execute(db)
  await db
    .insertInto('invitations')
    .values({
      id: 'i1',
      villageId: 'v1',
      code: 'ABCD2345',
      role: 'staff',
      createdBy: 'u1',
      createdAt: at,
      expiresAt: at,
      redeemedBy: 'u2',
      redeemedAt: at,
      revokedAt: null,
    })
    .execute()
  await insertStartingLimits(db, 'v1', at, { banquet: '从简' })
  await db
    .insertInto('ceremonyCouncilMembers')
    .values({ villageId: 'v1', post: 'chair', holderName: '赵德厚', phone: null })
    .execute()
  const rules = rulesPublishSchema.parse({
    basedOnVersionNo: 0,
    title: '村规民约',
    adoptedOn: '2025-01-01',
    chapters: [{ title: '总则', articles: [{ text: '第一条' }, { text: '第二条' }] }],
  })
  await insertRulesVersion(db, 'v1', rules, 'u1', at)
  // The 0001 audit_log has no actor_kind yet, so this row is written as the table was then.
  await sql`insert into audit_log (id, village_id, actor_id, action, target, before_json, after_json, created_at)
    values ('a1', 'v1', 'u1', 'rules.publish', '村规民约（第 1 版）', null, '{"versionNo":1}', ${at})`.execute(
    db,
  )
}

async function openEmpty(engine: EngineName) {
  const postgres = engine === 'postgres' ? await createPostgresDatabase() : null
  const { db } = await openDb({
    ...readConfig({} as NodeJS.ProcessEnv),
    databaseUrl: postgres?.url ?? null,
    sqlitePath: path.join(os.tmpdir(), `village-hall-migration-${randomUUID()}.db`),
  })
  return {
    db,
    close: async () => {
      await db.destroy()
      await postgres?.drop()
    },
  }
}

describe.each(engines)('migration 0002 on %s', (engine) => {
  let db: Db
  let close: () => Promise<void>
  let before: Record<string, unknown[]>
  beforeAll(async () => {
    ;({ db, close } = await openEmpty(engine))
    const migrator = new Migrator({ db, provider: migrationProvider })
    const initial = await migrator.migrateTo('0001-initial')
    expect(initial.error).toBeUndefined()
    await fillAtInitial(db)
    before = await everything(db)
    // To 0002, whose rebuild this checks; later migrations add columns and have tests of their own.
    const rebuilt = await migrator.migrateTo('0002-one-mutation-path')
    expect(rebuilt.error).toBeUndefined()
  })
  afterAll(() => close())

  test('every row written at 0001 is still there; old audit entries are by users', async () => {
    const after = await everything(db)
    const { audit_log: auditBefore, ...restBefore } = before
    const { audit_log: auditAfter, ...restAfter } = after
    expect(restAfter).toEqual(restBefore)
    expect(auditAfter).toHaveLength(auditBefore.length)
    const entry = await db.selectFrom('auditLog').selectAll().executeTakeFirstOrThrow()
    expect(entry).toMatchObject({
      id: 'a1',
      actorKind: 'user',
      actorId: 'u1',
      action: 'rules.publish',
    })
    expect(Object.values(restAfter).flat().length).toBeGreaterThan(20)
  })

  test('foreign keys and unique indexes still hold after the rebuild', async () => {
    const statements = [
      sql`insert into role_grants (id, village_id, user_id, role, granted_at)
        values ('g-orphan', 'v1', 'nobody', 'staff', ${at})`,
      sql`insert into role_grants (id, village_id, user_id, role, granted_at)
        values ('g-twice', 'v1', 'u1', 'admin', ${at})`,
      sql`insert into users (id, demo_persona, display_name, village_id, created_at)
        values ('u-twin', 'admin', '另一个管理员', 'v1', ${at})`,
      sql`insert into invitations (id, village_id, code, role, created_at, expires_at)
        values ('i-twin', 'v1', 'ABCD2345', 'staff', ${at}, ${at})`,
    ]
    const [orphan, ...twins] = await Promise.all(statements.map((s) => refusal(s, db)))
    expect(orphan).toMatch(/foreign key/i)
    for (const twin of twins) expect(twin).toMatch(/unique|duplicate/i)
  })

  const refused: [string, ReturnType<typeof sql>][] = [
    [
      'a role that does not exist',
      sql`insert into role_grants (id, village_id, user_id, role, granted_at)
        values ('g-bad', 'v1', 'u2', 'king', ${at})`,
    ],
    [
      'an invitation to be a villager (not a grantable role)',
      sql`insert into invitations (id, village_id, code, role, created_at, expires_at)
        values ('i-bad', 'v1', 'ZZZZ2345', 'villager', ${at}, ${at})`,
    ],
    [
      'a ceremony type outside the list',
      sql`insert into gift_limits (village_id, ceremony_type, relationship, max_amount, updated_at)
        values ('v1', 'party', 'relative', 1, ${at})`,
    ],
    [
      'a relationship outside the list',
      sql`insert into gift_limits (village_id, ceremony_type, relationship, max_amount, updated_at)
        values ('v1', 'wedding', 'enemy', 1, ${at})`,
    ],
    [
      'a council post outside the list',
      sql`insert into ceremony_council_members (village_id, post, holder_name)
        values ('v1', 'boss', '某人')`,
    ],
    [
      'a demo persona outside the list',
      sql`insert into users (id, demo_persona, display_name, village_id, created_at)
        values ('u-bad', 'boss', '某人', 'v1', ${at})`,
    ],
    [
      'a system entry naming a user',
      sql`insert into audit_log (id, village_id, actor_kind, actor_id, action, target, created_at)
        values ('a-bad1', 'v1', 'system', 'u1', 'village.open', '石龙村', ${at})`,
    ],
    [
      'a user entry naming no user',
      sql`insert into audit_log (id, village_id, actor_kind, actor_id, action, target, created_at)
        values ('a-bad2', 'v1', 'user', null, 'village.open', '石龙村', ${at})`,
    ],
    [
      'an actor kind outside the list',
      sql`insert into audit_log (id, village_id, actor_kind, actor_id, action, target, created_at)
        values ('a-bad3', 'v1', 'robot', null, 'village.open', '石龙村', ${at})`,
    ],
  ]

  test.each(refused)('the database itself refuses %s', async (_, statement) => {
    expect(await refusal(statement, db)).toMatch(/check/i)
  })

  test('the values in the lists are accepted', async () => {
    await sql`insert into role_grants (id, village_id, user_id, role, granted_at)
      values ('g-ok', 'v1', 'u2', 'ceremonyCouncilMember', ${at})`.execute(db)
    await sql`insert into audit_log (id, village_id, actor_kind, actor_id, action, target, created_at)
      values ('a-ok', 'v1', 'system', null, 'village.open', '石龙村', ${at})`.execute(db)
    await sql`insert into users (id, demo_persona, display_name, village_id, created_at)
      values ('u-ok', null, '某人', 'v1', ${at})`.execute(db)
  })
})

describe.each(engines)('migration 0005 on %s', (engine) => {
  let db: Db
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ db, close } = await openEmpty(engine))
    const migrator = new Migrator({ db, provider: migrationProvider })
    expect((await migrator.migrateTo('0001-initial')).error).toBeUndefined()
    await fillAtInitial(db)
    expect((await migrator.migrateTo('0002-one-mutation-path')).error).toBeUndefined()
    // A second village, and people who joined 石龙村 later, in an order unlike their ids.
    await sql`insert into villages (id, town_id, name, intro, created_at)
      values ('v2', 't1', '白鹭村', '', ${at})`.execute(db)
    await sql`insert into users (id, display_name, village_id, created_at) values
      ('u0', '张三', 'v1', '2025-04-01T00:00:00.000Z'),
      ('u3', '张三', 'v1', '2025-03-15T00:00:00.000Z'),
      ('u4', '李四', 'v2', '2025-05-01T00:00:00.000Z'),
      ('u5', '还没选村', null, ${at})`.execute(db)
    await migrateToLatest(db)
  })
  afterAll(() => close())

  test('WeChat session keys are gone, column and all; the sessions stay', async () => {
    const { rows } = await sql<Record<string, unknown>>`select * from sessions`.execute(db)
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]).sort()).toEqual(['createdAt', 'expiresAt', 'tokenHash', 'userId'])
    expect(JSON.stringify(rows)).not.toContain('SECRET-SESSION-KEY')
  })

  test('everyone in a village is numbered in the order they joined, per village', async () => {
    const users = await db.selectFrom('users').select(['id', 'villagerNo']).orderBy('id').execute()
    // u1 and u2 joined at the same moment: the id decides.
    expect(users).toEqual([
      { id: 'u0', villagerNo: 4 },
      { id: 'u1', villagerNo: 1 },
      { id: 'u2', villagerNo: 2 },
      { id: 'u3', villagerNo: 3 },
      { id: 'u4', villagerNo: 1 },
      { id: 'u5', villagerNo: null },
    ])
    const villages = await db
      .selectFrom('villages')
      .select(['id', 'lastVillagerNo'])
      .orderBy('id')
      .execute()
    expect(villages).toEqual([
      { id: 'v1', lastVillagerNo: 4 },
      { id: 'v2', lastVillagerNo: 1 },
    ])
  })

  test('0012: old log entries take the number their actor has in that village', async () => {
    const entries = await db
      .selectFrom('auditLog')
      .select(['actorId', 'actorVillagerNo'])
      .where('actorId', 'is not', null)
      .execute()
    expect(entries.length).toBeGreaterThan(0)
    const numbers = new Map(
      (await db.selectFrom('users').select(['id', 'villagerNo']).execute()).map((user) => [
        user.id,
        user.villagerNo,
      ]),
    )
    for (const entry of entries) {
      expect(entry.actorVillagerNo).toBe(numbers.get(entry.actorId ?? ''))
      expect(entry.actorVillagerNo).toEqual(expect.any(Number))
    }
  })

  test('the database refuses a second person with the same number in a village', async () => {
    const twin = sql`insert into users (id, display_name, village_id, villager_no, created_at)
      values ('u-twin', '王五', 'v1', 2, ${at})`
    expect(await refusal(twin, db)).toMatch(/unique|duplicate/i)
    await sql`insert into users (id, display_name, village_id, villager_no, created_at)
      values ('u-other', '王五', 'v2', 2, ${at})`.execute(db)
  })
})

describe.each(engines)('a migration that lands after a higher-numbered one, on %s', (engine) => {
  // 0007 really did land after 0008 (parallel branches).
  test('a store already past 0008 without 0007 still gets it', async () => {
    const { db, close } = await openEmpty(engine)
    try {
      const all = await migrationProvider.getMigrations()
      const { '0007-membership': late, ...landedFirst } = all
      expect(late).toBeDefined()
      const earlier = new Migrator({
        db,
        provider: { getMigrations: async () => landedFirst },
      })
      expect((await earlier.migrateToLatest()).error).toBeUndefined()
      await migrateToLatest(db)
      const { rows } = await sql<{ joinPolicy: string }>`select join_policy from villages`.execute(
        db,
      )
      expect(rows).toEqual([])
      const applied = await new Migrator({ db, provider: migrationProvider }).getMigrations()
      expect(applied.every((migration) => migration.executedAt)).toBe(true)
    } finally {
      await close()
    }
  })
})

describe.each(engines)('migration 0014 on %s', (engine) => {
  let db: Db
  let close: () => Promise<void>
  let before: { role_grants: unknown[]; invitations: unknown[] }
  beforeAll(async () => {
    ;({ db, close } = await openEmpty(engine))
    const migrator = new Migrator({ db, provider: migrationProvider })
    expect((await migrator.migrateTo('0001-initial')).error).toBeUndefined()
    await fillAtInitial(db)
    expect((await migrator.migrateTo('0013-ceremony-filings')).error).toBeUndefined()
    const dump = await everything(db)
    before = { role_grants: dump.role_grants, invitations: dump.invitations }
    expect(before.role_grants.length).toBeGreaterThan(0)
    await migrateToLatest(db)
  })
  afterAll(() => close())

  test('the role grants and invitations are all still there', async () => {
    const after = await everything(db)
    expect({ role_grants: after.role_grants, invitations: after.invitations }).toEqual(before)
  })

  test('村两委 is a role now; an unknown role is still refused; one live grant per role', async () => {
    const grant = (id: string, role: string) =>
      sql`insert into role_grants (id, village_id, user_id, role, granted_at)
        values (${id}, 'v1', 'u1', ${role}, ${at})`
    expect(await refusal(grant('g-committee', 'villageCommittee'), db)).toBeNull()
    expect(await refusal(grant('g-nobody', 'king'), db)).toMatch(/check/i)
    expect(await refusal(grant('g-committee-2', 'villageCommittee'), db)).toMatch(/unique/i)
  })
})

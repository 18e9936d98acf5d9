import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { Migrator, sql } from 'kysely'
import { openDb, type Db } from '../../cloud/store/db'
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
  await db
    .insertInto('sessions')
    .values({ tokenHash: 'h1', userId: 'u2', sessionKey: null, createdAt: at, expiresAt: at })
    .execute()
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

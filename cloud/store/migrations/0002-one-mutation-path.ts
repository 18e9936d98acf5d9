import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// 1. request_replays: the answer to each changing request, kept under the caller's request id.
// 2. audit_log: the actor may be the system (actor_kind 'system', no actor_id).
// 3. CHECK constraints holding enumerated columns to the contract's lists.
//
// The lists below are copies, as literals, of the const arrays in types/ (grantableRoles,
// ceremonyTypes, relationships, ceremonyCouncilPosts, personaKeys, actorKinds) as they are when
// this migration is written. A migration must not change when those arrays later do: a value
// added to an array needs a new migration that widens its CHECK. test/unit/migration-lists.test.ts
// fails when an array and the latest migration's list part ways. Audit action names get no
// CHECK: that list grows with every feature.
export const checkedValues = {
  role: [
    'staff',
    'councilMember',
    'councilChair',
    'partyReviewer',
    'ceremonyCouncilMember',
    'admin',
  ],
  ceremonyType: ['wedding', 'funeral', 'schoolAdmission', 'houseWarming', 'fullMonth', 'longevity'],
  relationship: ['relative', 'neighborFriend'],
  post: ['chair', 'supervisor', 'inspector', 'coordinator', 'organizer', 'cashier'],
  persona: ['villager', 'staff', 'councilMember', 'councilChair', 'partyReviewer', 'admin'],
  actorKind: ['user', 'system'],
} as const

const oneOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

const checks = {
  roleGrantsRole: oneOf('role', checkedValues.role),
  invitationsRole: oneOf('role', checkedValues.role),
  giftCeremonyType: oneOf('ceremony_type', checkedValues.ceremonyType),
  giftRelationship: oneOf('relationship', checkedValues.relationship),
  councilPost: oneOf('post', checkedValues.post),
  demoPersona: sql<boolean>`demo_persona is null or ${oneOf('demo_persona', checkedValues.persona)}`,
  // The system has no user row; a user's entry always names the user.
  auditActor: sql<boolean>`(actor_kind = 'user' and actor_id is not null) or (actor_kind = 'system' and actor_id is null)`,
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await upPostgres(db)
  } else {
    await upSqlite(db)
  }
}

async function createRequestReplays(db: Kysely<unknown>) {
  await db.schema
    .createTable('request_replays')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('answer_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_replays_pk', ['user_id', 'request_id'])
    .execute()
  // For the job that clears out answers older than a day.
  await db.schema
    .createIndex('request_replays_created_at')
    .on('request_replays')
    .column('created_at')
    .execute()
}

/** PostgreSQL alters the tables in place, inside the migrator's transaction. */
async function upPostgres(db: Kysely<unknown>) {
  await createRequestReplays(db)
  await db.schema
    .alterTable('audit_log')
    .alterColumn('actor_id', (c) => c.dropNotNull())
    .execute()
  // Every existing entry was made by a user; the default only fills them in, then goes.
  await db.schema
    .alterTable('audit_log')
    .addColumn('actor_kind', 'text', (c) => c.notNull().defaultTo('user'))
    .execute()
  await db.schema
    .alterTable('audit_log')
    .alterColumn('actor_kind', (c) => c.dropDefault())
    .execute()
  const added: [string, string, ReturnType<typeof oneOf>][] = [
    ['role_grants', 'role_grants_role_check', checks.roleGrantsRole],
    ['invitations', 'invitations_role_check', checks.invitationsRole],
    ['gift_limits', 'gift_limits_ceremony_type_check', checks.giftCeremonyType],
    ['gift_limits', 'gift_limits_relationship_check', checks.giftRelationship],
    ['ceremony_council_members', 'ceremony_council_members_post_check', checks.councilPost],
    ['users', 'users_demo_persona_check', checks.demoPersona],
    ['audit_log', 'audit_log_actor_check', checks.auditActor],
  ]
  for (const [table, name, check] of added) {
    await db.schema.alterTable(table).addCheckConstraint(name, check).execute()
  }
}

/**
 * One table SQLite rebuilds: its new definition (the 0001 columns plus the CHECKs), the columns
 * copied over (as select expressions, by new column), and the indexes to make again.
 */
interface Rebuild {
  table: string
  define: (builder: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>
  copy: Record<string, string>
  indexes: (db: Kysely<unknown>) => Promise<void>
}

const same = (...columns: string[]) => Object.fromEntries(columns.map((column) => [column, column]))
const noIndexes = async () => {}

const rebuilds: Rebuild[] = [
  {
    table: 'users',
    define: (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('openid', 'text', (c) => c.unique())
        .addColumn('demo_persona', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('village_id', 'text', (c) => c.references('villages.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('users_demo_persona_check', checks.demoPersona),
    copy: same('id', 'openid', 'demo_persona', 'display_name', 'village_id', 'created_at'),
    indexes: (db) =>
      db.schema
        .createIndex('users_demo_persona')
        .on('users')
        .columns(['village_id', 'demo_persona'])
        .unique()
        .where(sql.ref('demo_persona'), 'is not', null)
        .execute(),
  },
  {
    table: 'role_grants',
    define: (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addCheckConstraint('role_grants_role_check', checks.roleGrantsRole),
    copy: same(
      'id',
      'village_id',
      'user_id',
      'role',
      'granted_by',
      'granted_at',
      'revoked_at',
      'revoked_by',
    ),
    indexes: (db) =>
      db.schema
        .createIndex('role_grants_live')
        .on('role_grants')
        .columns(['village_id', 'user_id', 'role'])
        .unique()
        .where(sql.ref('revoked_at'), 'is', null)
        .execute(),
  },
  {
    table: 'invitations',
    define: (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('redeemed_by', 'text', (c) => c.references('users.id'))
        .addColumn('redeemed_at', 'text')
        .addColumn('revoked_at', 'text')
        .addCheckConstraint('invitations_role_check', checks.invitationsRole),
    copy: same(
      'id',
      'village_id',
      'code',
      'role',
      'created_by',
      'created_at',
      'expires_at',
      'redeemed_by',
      'redeemed_at',
      'revoked_at',
    ),
    indexes: noIndexes,
  },
  {
    table: 'gift_limits',
    define: (t) =>
      t
        .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
        .addColumn('ceremony_type', 'text', (c) => c.notNull())
        .addColumn('relationship', 'text', (c) => c.notNull())
        .addColumn('max_amount', 'integer', (c) => c.notNull().check(sql`max_amount >= 0`))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('gift_limits_pk', ['village_id', 'ceremony_type', 'relationship'])
        .addCheckConstraint('gift_limits_ceremony_type_check', checks.giftCeremonyType)
        .addCheckConstraint('gift_limits_relationship_check', checks.giftRelationship),
    copy: same('village_id', 'ceremony_type', 'relationship', 'max_amount', 'note', 'updated_at'),
    indexes: noIndexes,
  },
  {
    table: 'ceremony_council_members',
    define: (t) =>
      t
        .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
        .addColumn('post', 'text', (c) => c.notNull())
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addPrimaryKeyConstraint('ceremony_council_members_pk', ['village_id', 'post'])
        .addCheckConstraint('ceremony_council_members_post_check', checks.councilPost),
    copy: same('village_id', 'post', 'holder_name', 'phone'),
    indexes: noIndexes,
  },
  {
    table: 'audit_log',
    define: (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.references('users.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('audit_log_actor_check', checks.auditActor),
    // Every entry made before this migration was made by a user.
    copy: {
      ...same('id', 'village_id'),
      actor_kind: `'user'`,
      ...same('actor_id', 'action', 'target', 'before_json', 'after_json', 'created_at'),
    },
    indexes: (db) =>
      db.schema
        .createIndex('audit_log_village_time')
        .on('audit_log')
        .columns(['village_id', 'created_at'])
        .execute(),
  },
]

/**
 * SQLite can neither add a CHECK to a table nor drop a NOT NULL, so each table is rebuilt the
 * way SQLite's manual prescribes (https://www.sqlite.org/lang_altertable.html#otheralter):
 * with foreign keys off, in one transaction, create `<table>_new`, copy every row, drop the old
 * table, rename the new one into its place and make its indexes again; then check every foreign
 * key before committing. Foreign keys must be off (which SQLite allows only outside a
 * transaction, and Kysely's migrator runs SQLite migrations outside one): otherwise dropping
 * `users` would count every row pointing at it as a violation, or cascade. The other tables'
 * references name `users` and so point at the rebuilt table once it is renamed.
 */
async function upSqlite(db: Kysely<unknown>) {
  await sql`PRAGMA foreign_keys = OFF`.execute(db)
  try {
    await db.transaction().execute(async (trx) => {
      for (const rebuild of rebuilds) {
        const fresh = `${rebuild.table}_new`
        await rebuild.define(trx.schema.createTable(fresh)).execute()
        const columns = Object.keys(rebuild.copy)
        await sql`insert into ${sql.table(fresh)} (${sql.join(columns.map((c) => sql.ref(c)))})
          select ${sql.join(Object.values(rebuild.copy).map((e) => sql.raw(e)))}
          from ${sql.table(rebuild.table)}`.execute(trx)
        await trx.schema.dropTable(rebuild.table).execute()
        await trx.schema.alterTable(fresh).renameTo(rebuild.table).execute()
        await rebuild.indexes(trx)
      }
      await createRequestReplays(trx)
      const broken = await sql`PRAGMA foreign_key_check`.execute(trx)
      if (broken.rows.length > 0) {
        throw new Error(`外键检查失败：${JSON.stringify(broken.rows.slice(0, 5))}`)
      }
    })
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db)
  }
}

export async function down(): Promise<void> {
  // Going back would drop the system's audit entries and loosen the constraints: not supported.
  throw new Error('0002-one-mutation-path cannot be undone')
}

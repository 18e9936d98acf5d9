import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// 1. sessions.session_key goes. WeChat's session_key decrypts what wx.getUserProfile and the like
//    send, and nothing here asks for such data, so keeping it was a risk without a use. Its values
//    are nulled before the column is dropped: PostgreSQL's DROP COLUMN only hides the column,
//    leaving the old values in the rows on disk until they are written again; the UPDATE writes
//    them again without it.
// 2. Villager numbers (村民编号): each villager gets a short number in their village, in the order
//    they joined, so two people of the same name can be told apart (张三（12号）). The village
//    keeps the last number handed out; joining takes the next one by incrementing it, which
//    serializes joins to one village on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The migrator already runs PostgreSQL migrations in a transaction.
    await migrate(db)
  } else {
    // SQLite migrations run outside one; this keeps the steps all-or-nothing there too.
    await db.transaction().execute(migrate)
  }
}

async function migrate(db: Kysely<unknown>) {
  await sql`update sessions set session_key = null`.execute(db)
  // SQLite drops a plain column (no index, key or constraint on it) in place since 3.35.
  await db.schema.alterTable('sessions').dropColumn('session_key').execute()

  await db.schema
    .alterTable('villages')
    .addColumn('last_villager_no', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('users').addColumn('villager_no', 'integer').execute()
  // Everyone already in a village is numbered in the order they joined.
  await sql`update users set villager_no = (
      select numbered.n from (
        select id, row_number() over (partition by village_id order by created_at, id) as n
        from users where village_id is not null
      ) as numbered
      where numbered.id = users.id
    )
    where village_id is not null`.execute(db)
  await sql`update villages set last_villager_no = coalesce(
      (select max(villager_no) from users where users.village_id = villages.id), 0
    )`.execute(db)
  // One number per person in a village, whatever races.
  await db.schema
    .createIndex('users_villager_no')
    .on('users')
    .columns(['village_id', 'villager_no'])
    .unique()
    .execute()
}

export async function down(): Promise<void> {
  // The session keys are gone for good: there is nothing to put back.
  throw new Error('0005-sessions cannot be undone')
}

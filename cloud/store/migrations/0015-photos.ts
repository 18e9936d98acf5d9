import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// Photos (issue 11): one row per uploaded photo, never deleted.
// - Stored either on the gateway's disk (`storage_key`, a path under the data directory) or in
//   WeChat 云存储 (`file_id`, the cloudID the mini-program uploaded): exactly one of the two.
// - `check_status` moves from pending to WeChat's verdict by compare-and-swap, found by the
//   `trace_id` mediaCheckAsync answered (unique: one verdict per check).
// - `subject_kind` / `subject_id`: the item a photo is attached to (a suggestion …), set once.
//   The kind is not held to a list here: a new kind of item needs no migration.
// The lists are literals, copies of types/photos.ts as it is now (see 0002 for why).
export const checkedValues = {
  mime: ['image/jpeg', 'image/png'],
  check: ['pending', 'pass', 'review', 'risky'],
} as const

const oneOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The migrator already runs PostgreSQL migrations in a transaction.
    await migrate(db)
  } else {
    await db.transaction().execute(migrate)
  }
}

async function migrate(db: Kysely<unknown>) {
  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('storage_key', 'text', (c) => c.unique())
    .addColumn('file_id', 'text', (c) => c.unique())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('mime', 'text', (c) => c.notNull().check(oneOf('mime', checkedValues.mime)))
    .addColumn('check_status', 'text', (c) =>
      c.notNull().check(oneOf('check_status', checkedValues.check)),
    )
    .addColumn('check_label', 'integer')
    .addColumn('trace_id', 'text', (c) => c.unique())
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addCheckConstraint('photos_one_place', sql`(storage_key is null) <> (file_id is null)`)
    .addCheckConstraint('photos_subject_whole', sql`(subject_kind is null) = (subject_id is null)`)
    .execute()
  // The photos of an item, and a pending check found by its trace id (unique above).
  await db.schema
    .createIndex('photos_subject')
    .on('photos')
    .columns(['subject_kind', 'subject_id'])
    .execute()
  await db.schema
    .createIndex('photos_owner')
    .on('photos')
    .columns(['owner_id', 'created_at'])
    .execute()
}

export async function down(): Promise<void> {
  // Photos belong to what villagers filed: not undone.
  throw new Error('0015-photos cannot be undone')
}

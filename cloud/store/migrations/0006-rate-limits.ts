import type { Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// rate_limits: one counter per (rule, key, window), so a limit holds across gateway processes and
// cloud-function instances that share the database. Rows of windows long past are removed by the
// scheduled clean-up; the index on window_start serves it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'key', 'window_start'])
    .execute()
  await db.schema
    .createIndex('rate_limits_window_start')
    .on('rate_limits')
    .column('window_start')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute()
}

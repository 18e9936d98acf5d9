import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// Joining is a choice the village makes (issue 7, finding 8):
// 1. villages.join_policy: 'approval' (a new member waits until staff or an admin approves them)
//    or 'open'. Every village gets 'approval', the demo villages too: their personas are members
//    already, so only a stranger signing in to a demo waits, which is the behaviour to show.
// 2. users.membership: 'pending', 'approved' or 'declined' (the village said no: the row keeps the
//    village so a late second decision finds it decided, and the person may pick another village).
//    Everyone already in a village was let in under the old rules and stays approved.
// The lists are literals, copies of types/membership.ts as it is now (see 0002 for why).
export const checkedValues = {
  joinPolicy: ['approval', 'open'],
  membership: ['pending', 'approved', 'declined'],
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

// Both engines add a column with a default and a CHECK in place (SQLite's ALTER TABLE ADD COLUMN
// allows a CHECK, and a NOT NULL with a non-null default).
async function migrate(db: Kysely<unknown>) {
  await db.schema
    .alterTable('villages')
    .addColumn('join_policy', 'text', (c) =>
      c.notNull().defaultTo('approval').check(oneOf('join_policy', checkedValues.joinPolicy)),
    )
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('membership', 'text', (c) =>
      c.notNull().defaultTo('approved').check(oneOf('membership', checkedValues.membership)),
    )
    .execute()
}

export async function down(): Promise<void> {
  // Going back would let every pending member in: not supported.
  throw new Error('0007-membership cannot be undone')
}

import type { Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// users.closed_at: when the account was closed (注销). A closed row stays, anonymised, so the
// audit log, role grants, rules versions and invitations it is named in keep an actor
// (已注销村民（12号）); the column lets a change refuse it (a join racing the close) by
// compare-and-swap, and says plainly which rows are closed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('closed_at', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('closed_at').execute()
}

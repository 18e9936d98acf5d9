import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// villages.ceremony_limits_version: a counter of every change to what `ceremony.limits` answers
// (the gift limits, the banquet limit, the 红白理事会's members). Each gateway process keeps the
// answer per village and the identity query carries this counter (issue 9: building the limits
// as JSON on every call was half the call's work, in PostgreSQL and in the gateway alike); the
// kept answer is used only at the very version it was read at, so a change saved through any
// process, or by hand in the database, is seen by the next call everywhere. Triggers bump it in
// the transaction of the change itself: no writer can forget. As 0016 does for the 党群服务中心.
const limitTables = ['gift_limits', 'banquet_limits', 'ceremony_council_members']
const events = ['insert', 'update', 'delete'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('villages')
    .addColumn('ceremony_limits_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function bump_ceremony_limits_version() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          update villages set ceremony_limits_version = ceremony_limits_version + 1
           where id = old.village_id;
        end if;
        if tg_op = 'INSERT' then
          update villages set ceremony_limits_version = ceremony_limits_version + 1
           where id = new.village_id;
        elsif tg_op = 'UPDATE' then
          if new.village_id <> old.village_id then
            update villages set ceremony_limits_version = ceremony_limits_version + 1
             where id = new.village_id;
          end if;
        end if;
        return null;
      end
      $$`.execute(db)
    for (const table of limitTables) {
      await sql`
        create trigger ${sql.id(`${table}_bumps_limits_version`)}
        after insert or update or delete on ${sql.id(table)}
        for each row execute function bump_ceremony_limits_version()`.execute(db)
    }
    return
  }
  for (const table of limitTables) {
    for (const event of events) {
      // A row moved to another village (never done, but possible) changes both.
      const villages =
        event === 'insert'
          ? sql`new.village_id`
          : event === 'delete'
            ? sql`old.village_id`
            : sql`new.village_id, old.village_id`
      await sql`
        create trigger ${sql.id(`${table}_${event}_bumps_limits_version`)}
        after ${sql.raw(event)} on ${sql.id(table)}
        begin
          update villages set ceremony_limits_version = ceremony_limits_version + 1
           where id in (${villages});
        end`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of limitTables) {
      await sql`drop trigger ${sql.id(`${table}_bumps_limits_version`)} on ${sql.id(table)}`.execute(
        db,
      )
    }
    await sql`drop function bump_ceremony_limits_version()`.execute(db)
  } else {
    for (const table of limitTables) {
      for (const event of events) {
        await sql`drop trigger ${sql.id(`${table}_${event}_bumps_limits_version`)}`.execute(db)
      }
    }
  }
  await db.schema.alterTable('villages').dropColumn('ceremony_limits_version').execute()
}

import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// villages.service_config_version: a counter of every change to what slot generation reads (the
// center's settings, its services, the weekly plan, the closed dates). Each gateway process keeps
// that configuration in memory and reads this counter in the same query as the slot counters, so
// a change saved through any process (or by hand in the database) is seen by the very next call
// everywhere. Triggers bump it in the transaction of the change itself: no writer can forget.
const configTables = ['service_center_settings', 'services', 'opening_plan', 'closed_dates']
const events = ['insert', 'update', 'delete'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('villages')
    .addColumn('service_config_version', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function bump_service_config_version() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then
          update villages set service_config_version = service_config_version + 1
           where id = old.village_id;
        end if;
        if tg_op = 'INSERT' then
          update villages set service_config_version = service_config_version + 1
           where id = new.village_id;
        elsif tg_op = 'UPDATE' then
          if new.village_id <> old.village_id then
            update villages set service_config_version = service_config_version + 1
             where id = new.village_id;
          end if;
        end if;
        return null;
      end
      $$`.execute(db)
    for (const table of configTables) {
      await sql`
        create trigger ${sql.id(`${table}_bumps_config_version`)}
        after insert or update or delete on ${sql.id(table)}
        for each row execute function bump_service_config_version()`.execute(db)
    }
    return
  }
  for (const table of configTables) {
    for (const event of events) {
      // A row moved to another village (never done, but possible) changes both.
      const villages =
        event === 'insert'
          ? sql`new.village_id`
          : event === 'delete'
            ? sql`old.village_id`
            : sql`new.village_id, old.village_id`
      await sql`
        create trigger ${sql.id(`${table}_${event}_bumps_config_version`)}
        after ${sql.raw(event)} on ${sql.id(table)}
        begin
          update villages set service_config_version = service_config_version + 1
           where id in (${villages});
        end`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of configTables) {
      await sql`drop trigger ${sql.id(`${table}_bumps_config_version`)} on ${sql.id(table)}`.execute(
        db,
      )
    }
    await sql`drop function bump_service_config_version()`.execute(db)
  } else {
    for (const table of configTables) {
      for (const event of events) {
        await sql`drop trigger ${sql.id(`${table}_${event}_bumps_config_version`)}`.execute(db)
      }
    }
  }
  await db.schema.alterTable('villages').dropColumn('service_config_version').execute()
}

import type { Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// The admin's audit log is paged by (created_at, id), newest first (issue 9). The index on
// (village_id, created_at) found a page's start but then read every entry of the same time
// through the table to order by id; with id in the index, both engines walk it straight to a
// page at any depth. It replaces the shorter one, whose every use it serves.
// (The member list is paged by villager number: users_villager_no on (village_id, villager_no)
// from 0005 already serves it.)

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_village_time_id')
    .on('audit_log')
    .columns(['village_id', 'created_at', 'id'])
    .execute()
  await db.schema.dropIndex('audit_log_village_time').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_village_time')
    .on('audit_log')
    .columns(['village_id', 'created_at'])
    .execute()
  await db.schema.dropIndex('audit_log_village_time_id').execute()
}

import { sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// audit_log.actor_villager_no: the actor's 村民编号 in the entry's village when the entry was
// written. The log used to read the number from the user row, so the entries of someone who left
// (number cleared) lost it, and someone moved to another village showed that village's number.
// Existing entries take the number their actor still has in the entry's village.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('actor_villager_no', 'integer').execute()
  await sql`
    update audit_log set actor_villager_no = (
      select users.villager_no from users
       where users.id = audit_log.actor_id and users.village_id = audit_log.village_id
    )
    where actor_id is not null
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('actor_villager_no').execute()
}

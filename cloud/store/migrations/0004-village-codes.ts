import type { Kysely } from 'kysely'
import { newVillageCode } from '../../domain/village-code'

// Frozen once released. Gives every village the short code its QR code carries (`v=<code>`):
// a UUID is too long for a 小程序码 scene.

interface Villages {
  villages: { id: string; code: string | null }
}

export async function up(db: Kysely<Villages>): Promise<void> {
  // Nullable at the column (SQLite cannot add a NOT NULL column without a default); every
  // village written from now on has a code, and the backfill below gives the others one.
  await db.schema.alterTable('villages').addColumn('code', 'text').execute()
  const villages = await db.selectFrom('villages').select('id').execute()
  const given = new Set<string>()
  for (const { id } of villages) {
    let code = newVillageCode()
    while (given.has(code)) code = newVillageCode()
    given.add(code)
    await db.updateTable('villages').set({ code }).where('id', '=', id).execute()
  }
  await db.schema.createIndex('villages_code').on('villages').column('code').unique().execute()
}

export async function down(db: Kysely<Villages>): Promise<void> {
  await db.schema.dropIndex('villages_code').execute()
  await db.schema.alterTable('villages').dropColumn('code').execute()
}

import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('towns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('villages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_id', 'text', (c) => c.notNull().references('towns.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('openid', 'text', (c) => c.unique())
    .addColumn('demo_persona', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('users_demo_persona')
    .on('users')
    .columns(['village_id', 'demo_persona'])
    .unique()
    .where(sql.ref('demo_persona'), 'is not', null)
    .execute()

  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text')
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute()
  // One live grant of a role per person: a second grant of the same role is a conflict.
  await db.schema
    .createIndex('role_grants_live')
    .on('role_grants')
    .columns(['village_id', 'user_id', 'role'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('session_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // Null for the first 管理员 code of a village, made when the village is opened (npm run village:add).
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('redeemed_by', 'text', (c) => c.references('users.id'))
    .addColumn('redeemed_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('rules_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('adopted_on', 'text', (c) => c.notNull())
    .addColumn('preamble', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    // Two admins publishing at once cannot both become version N.
    .addUniqueConstraint('rules_versions_village_version', ['village_id', 'version_no'])
    .execute()

  await db.schema
    .createTable('rules_chapters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('rules_versions.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('rules_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('rules_versions.id'))
    .addColumn('chapter_id', 'text', (c) => c.notNull().references('rules_chapters.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('rules_articles_version')
    .on('rules_articles')
    .columns(['version_id', 'number'])
    .execute()

  await db.schema
    .createTable('gift_limits')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('ceremony_type', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('max_amount', 'integer', (c) => c.notNull().check(sql`max_amount >= 0`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gift_limits_pk', ['village_id', 'ceremony_type', 'relationship'])
    .execute()

  await db.schema
    .createTable('banquet_limits')
    .addColumn('village_id', 'text', (c) => c.primaryKey().references('villages.id'))
    .addColumn('max_tables', 'integer', (c) => c.notNull())
    .addColumn('max_cost_per_table', 'integer', (c) => c.notNull())
    .addColumn('max_cigarette_price', 'integer', (c) => c.notNull())
    .addColumn('max_liquor_price', 'integer', (c) => c.notNull())
    .addColumn('max_cars', 'integer', (c) => c.notNull())
    .addColumn('max_bride_price', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('ceremony_council_members')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addPrimaryKeyConstraint('ceremony_council_members_pk', ['village_id', 'post'])
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('audit_log_village_time')
    .on('audit_log')
    .columns(['village_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'ceremony_council_members',
    'banquet_limits',
    'gift_limits',
    'rules_articles',
    'rules_chapters',
    'rules_versions',
    'invitations',
    'sessions',
    'role_grants',
    'users',
    'villages',
    'towns',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Messages to villagers (消息), one-time subscribe-message grants, and the outbox that carries a
// message to WeChat. Frozen once released, like every migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // The page the message is about, e.g. /pages/rules/index; null when there is none.
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  // The 消息 list pages by (created_at, id), newest first, one recipient at a time.
  await db.schema
    .createIndex('messages_recipient_time')
    .on('messages')
    .columns(['recipient_id', 'created_at', 'id'])
    .execute()
  // The badge on 我的 counts only unread rows: a partial index keeps that count small to read.
  await db.schema
    .createIndex('messages_unread')
    .on('messages')
    .column('recipient_id')
    .where(sql.ref('read_at'), 'is', null)
    .execute()

  // Sends the user accepted in WeChat's dialog and that are not used yet, per template.
  await db.schema
    .createTable('subscription_grants')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull().check(sql`remaining >= 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_grants_pk', ['user_id', 'template_id'])
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('waiting', 'sending', 'sent', 'failed', 'skipped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // The drain looks for due waiting rows and for sending rows whose claim went stale.
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema.createIndex('outbox_message').on('outbox').column('message_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'subscription_grants', 'messages']) {
    await db.schema.dropTable(table).execute()
  }
}

import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// The 百姓议事会, first part (issue 11): suggestions and their way through the council.
// 1. council_settings: per village, the words that hold a suggestion for a member to read first
//    in demo mode (WeChat's content check stands in for them elsewhere). Later migrations add the
//    meeting rules.
// 2. suggestions: one row per suggestion, never deleted; status and content check move by
//    compare-and-swap updates.
// 3. council_events: every step of a suggestion (filed, held, released, answered, declined …) with
//    who took it and when: the timeline its author reads, and nothing lost.
// The lists are literals, copies of types/council.ts as it is now (see 0002 for why).
export const checkedValues = {
  category: [
    'villageAppearance',
    'roadsAndTraffic',
    'industry',
    'ceremonies',
    'disputes',
    'livelihood',
    'other',
  ],
  suggestionStatus: ['received', 'answered', 'declined', 'inTopic'],
  contentCheck: ['passed', 'held', 'refused'],
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

async function migrate(db: Kysely<unknown>) {
  await db.schema
    .createTable('council_settings')
    .addColumn('village_id', 'text', (c) => c.primaryKey().references('villages.id'))
    .addColumn('held_words_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('filed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c.notNull().check(oneOf('category', checkedValues.category)),
    )
    .addColumn('show_name', 'integer', (c) => c.notNull().check(sql`show_name in (0, 1)`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.suggestionStatus)),
    )
    .addColumn('content_check', 'text', (c) =>
      c.notNull().check(oneOf('content_check', checkedValues.contentCheck)),
    )
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // A refused suggestion is its author's alone: nobody takes it further.
    .addCheckConstraint(
      'suggestions_refused_stays',
      sql`content_check <> 'refused' or status = 'received'`,
    )
    .execute()
  // 我的建议 and the council's inbox.
  await db.schema
    .createIndex('suggestions_filer')
    .on('suggestions')
    .columns(['filed_by', 'filed_at'])
    .execute()
  await db.schema
    .createIndex('suggestions_inbox')
    .on('suggestions')
    .columns(['village_id', 'status', 'filed_at'])
    .execute()
  await db.schema
    .createTable('council_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('council_events_suggestion')
    .on('council_events')
    .columns(['suggestion_id', 'at'])
    .execute()
}

export async function down(): Promise<void> {
  // The suggestions are the villagers' record: not undone.
  throw new Error('0011-council cannot be undone')
}

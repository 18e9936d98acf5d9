import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// Ceremony filings (红白喜事报备, issue 12):
// 1. ceremony_filings: one row per filing, never deleted. Its status moves by compare-and-swap
//    updates; the figures over the limits on the day it was filed are kept with it (marks_json),
//    so a later change of the limits does not rewrite what the council saw.
// 2. ceremony_filing_counters: the last filing number handed out per village and year. A filing
//    takes the next one with one upsert, which PostgreSQL serialises on the row (two servers
//    filing at once get two numbers); the unique key on the filings holds it as well.
// 3. ceremony_filing_deadlines: the ceremony council's notice days and after-the-fact hours per
//    ceremony type; a type without a row keeps the contract's defaults.
// The lists are literals, copies of types/ as they are now (see 0002 for why).
export const checkedValues = {
  ceremonyType: ['wedding', 'funeral', 'schoolAdmission', 'houseWarming', 'fullMonth', 'longevity'],
  filingStatus: ['submitted', 'acknowledged', 'advisedToChange', 'checkRecorded', 'closed'],
} as const

const oneOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`
const atLeastZero = (column: string) => sql<boolean>`${sql.ref(column)} >= 0`

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
    .createTable('ceremony_filings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('filing_year', 'integer', (c) => c.notNull())
    .addColumn('filing_no', 'integer', (c) => c.notNull().check(sql`filing_no >= 1`))
    .addColumn('filed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ceremony_type', 'text', (c) =>
      c.notNull().check(oneOf('ceremony_type', checkedValues.ceremonyType)),
    )
    .addColumn('ceremony_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('tables', 'integer', (c) => c.notNull().check(sql`tables >= 1`))
    .addColumn('cost_per_table', 'integer', (c) => c.notNull().check(atLeastZero('cost_per_table')))
    .addColumn('cigarette_price', 'integer', (c) =>
      c.notNull().check(atLeastZero('cigarette_price')),
    )
    .addColumn('liquor_price', 'integer', (c) => c.notNull().check(atLeastZero('liquor_price')))
    .addColumn('cars', 'integer', (c) => c.notNull().check(atLeastZero('cars')))
    .addColumn('bride_price', 'integer', (c) => c.check(atLeastZero('bride_price')))
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('marks_json', 'text', (c) => c.notNull())
    .addColumn('mark_count', 'integer', (c) => c.notNull().check(atLeastZero('mark_count')))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.filingStatus)),
    )
    .addColumn('council_remark', 'text')
    .addColumn('inspector_id', 'text', (c) => c.references('users.id'))
    .addColumn('checked_on', 'text')
    .addColumn('check_seen', 'text')
    .addColumn('limits_kept', 'integer', (c) => c.check(sql`limits_kept in (0, 1)`))
    .addColumn('checked_by', 'text', (c) => c.references('users.id'))
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // A bride price belongs to a wedding only.
    .addCheckConstraint(
      'ceremony_filings_bride_price_wedding',
      sql`bride_price is null or ceremony_type = 'wedding'`,
    )
    // A recorded check has all its parts, and a filing past the check has one.
    .addCheckConstraint(
      'ceremony_filings_check_complete',
      sql`(checked_on is null and check_seen is null and limits_kept is null and checked_by is null
            and status not in ('checkRecorded', 'closed'))
        or (checked_on is not null and check_seen is not null and limits_kept is not null
            and checked_by is not null)`,
    )
    .addUniqueConstraint('ceremony_filings_number', ['village_id', 'filing_year', 'filing_no'])
    .execute()
  // 我的报备: one family's filings, newest first.
  await db.schema
    .createIndex('ceremony_filings_filer')
    .on('ceremony_filings')
    .columns(['filed_by', 'filed_at'])
    .execute()
  // The council's queue by status, and the monthly summary by ceremony date.
  await db.schema
    .createIndex('ceremony_filings_queue')
    .on('ceremony_filings')
    .columns(['village_id', 'status', 'filed_at'])
    .execute()
  await db.schema
    .createIndex('ceremony_filings_date')
    .on('ceremony_filings')
    .columns(['village_id', 'ceremony_date'])
    .execute()

  await db.schema
    .createTable('ceremony_filing_counters')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('filing_year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull().check(sql`last_no >= 1`))
    .addPrimaryKeyConstraint('ceremony_filing_counters_pk', ['village_id', 'filing_year'])
    .execute()

  await db.schema
    .createTable('ceremony_filing_deadlines')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('ceremony_type', 'text', (c) =>
      c.notNull().check(oneOf('ceremony_type', checkedValues.ceremonyType)),
    )
    .addColumn('notice_days', 'integer', (c) =>
      c.notNull().check(sql`notice_days between 0 and 60`),
    )
    .addColumn('late_hours', 'integer', (c) => c.notNull().check(sql`late_hours between 0 and 168`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_filing_deadlines_pk', ['village_id', 'ceremony_type'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ceremony_filing_deadlines').execute()
  await db.schema.dropTable('ceremony_filing_counters').execute()
  await db.schema.dropTable('ceremony_filings').execute()
}

import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// The 百姓议事会, second part (issue 11): from suggestions (0011) to topics, 会前预审, meetings,
// resolutions, close-outs and ratings. Nothing here is deleted: a record's later steps are new
// rows or compare-and-swap moves of a status. The database holds the rules that races could
// break: one pre-review reason and what it needs, one vote per member per topic of a meeting,
// one statement per place in a topic's speaking order, one resolution per topic, one close-out
// per resolution, one rating per suggestion, one invitation per member per meeting.
// 1. council_rules: per village, the meeting rules (notice days 1–3, quorum and pass threshold as
//    fractions never below a half, points per deed); a village without a row has the defaults.
// 2. suggestions.topic_id: the topic a suggestion was taken into; council_events.article_id: the
//    rules article behind a step (a topic the rules already cover).
// 3. The role CHECK of role_grants and invitations widened with 村两委 (villageCommittee), who
//    carry out the resolutions. SQLite cannot alter a CHECK: it rebuilds the two tables (nothing
//    references either), as 0002 did.
// The lists are literals, copies of types/ as they are now (see 0002 for why).
export const roleCheck = [
  'staff',
  'councilMember',
  'councilChair',
  'partyReviewer',
  'ceremonyCouncilMember',
  'villageCommittee',
  'admin',
] as const

export const checkedValues = {
  topicStatus: ['draft', 'submitted', 'approved', 'rejected', 'scheduled', 'passed', 'notPassed'],
  preReviewOutcome: ['approved', 'insufficientPreparation', 'coveredByLaw', 'coveredByRules'],
  meetingStatus: ['announced', 'open', 'closed'],
  voteChoice: ['for', 'against', 'abstain'],
  resolutionStatus: ['inProgress', 'finished', 'closedOut'],
  rating: ['satisfied', 'mostlySatisfied', 'dissatisfied'],
} as const

const oneOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The migrator already runs PostgreSQL migrations in a transaction.
    await migrate(db, true)
  } else {
    await db.transaction().execute((trx) => migrate(trx, false))
  }
}

async function migrate(db: Kysely<unknown>, postgres: boolean) {
  await widenRoleChecks(db, postgres)
  await db.schema
    .createTable('council_rules')
    .addColumn('village_id', 'text', (c) => c.primaryKey().references('villages.id'))
    .addColumn('notice_days', 'integer', (c) => c.notNull().check(sql`notice_days between 1 and 3`))
    .addColumn('quorum_numerator', 'integer', (c) => c.notNull())
    .addColumn('quorum_denominator', 'integer', (c) => c.notNull())
    .addColumn('pass_numerator', 'integer', (c) => c.notNull())
    .addColumn('pass_denominator', 'integer', (c) => c.notNull())
    .addColumn('points_attending', 'integer', (c) => c.notNull().check(sql`points_attending >= 0`))
    .addColumn('points_speaking', 'integer', (c) => c.notNull().check(sql`points_speaking >= 0`))
    .addColumn('points_topic_passed', 'integer', (c) =>
      c.notNull().check(sql`points_topic_passed >= 0`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Whole-number fractions, never below a half (types/council-rules.ts says why).
    .addCheckConstraint(
      'council_rules_quorum',
      sql`quorum_numerator > 0 and quorum_numerator <= quorum_denominator
        and quorum_numerator * 2 >= quorum_denominator`,
    )
    .addCheckConstraint(
      'council_rules_pass',
      sql`pass_numerator > 0 and pass_numerator < pass_denominator
        and pass_numerator * 2 >= pass_denominator`,
    )
    .execute()

  await db.schema
    .createTable('council_topics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('background', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    // The materials checklist, a JSON list of { item, ready }.
    .addColumn('materials_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.topicStatus)),
    )
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('council_topics_village')
    .on('council_topics')
    .columns(['village_id', 'status', 'created_at'])
    .execute()
  // The public board pages a village's topics newest first by (created_at, id), whatever status.
  await db.schema
    .createIndex('council_topics_board')
    .on('council_topics')
    .columns(['village_id', 'created_at', 'id'])
    .execute()

  await db.schema
    .alterTable('suggestions')
    .addColumn('topic_id', 'text', (c) => c.references('council_topics.id'))
    .execute()
  await db.schema.createIndex('suggestions_topic').on('suggestions').column('topic_id').execute()
  await db.schema
    .alterTable('council_events')
    .addColumn('article_id', 'text', (c) => c.references('rules_articles.id'))
    .execute()

  await db.schema
    .createTable('council_pre_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('council_topics.id'))
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(oneOf('outcome', checkedValues.preReviewOutcome)),
    )
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('law', 'text')
    .addColumn('article_id', 'text', (c) => c.references('rules_articles.id'))
    .addColumn('reviewed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Exactly one reason, with what it needs and nothing else.
    .addCheckConstraint(
      'council_pre_reviews_reason',
      sql`(outcome in ('approved', 'insufficientPreparation') and law is null and article_id is null)
        or (outcome = 'coveredByLaw' and law is not null and article_id is null)
        or (outcome = 'coveredByRules' and article_id is not null and law is null)`,
    )
    .execute()
  await db.schema
    .createIndex('council_pre_reviews_topic')
    .on('council_pre_reviews')
    .columns(['topic_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('council_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.meetingStatus)),
    )
    // How many council members were invited: the quorum is counted against it.
    .addColumn('member_count', 'integer', (c) => c.notNull().check(sql`member_count >= 1`))
    // Bumped by every write made at the meeting: the compare-and-swap that orders them, so a
    // vote and the closing of the meeting cannot pass each other.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('scheduled_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    // The minutes as they stood when the meeting closed: never written again.
    .addColumn('minutes_json', 'text')
    .addCheckConstraint(
      'council_meetings_steps',
      sql`(status = 'announced' and opened_at is null and closed_at is null and minutes_json is null)
        or (status = 'open' and opened_at is not null and closed_at is null and minutes_json is null)
        or (status = 'closed' and opened_at is not null and closed_at is not null
          and minutes_json is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('council_meetings_village')
    .on('council_meetings')
    .columns(['village_id', 'starts_at'])
    .execute()

  // The topics of a meeting, in order; a topic's vote ends with its outcome.
  await db.schema
    .createTable('council_agenda')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('council_topics.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('passed', 'notPassed')`))
    .addColumn('votes_for', 'integer')
    .addColumn('votes_against', 'integer')
    .addColumn('votes_abstain', 'integer')
    .addColumn('present', 'integer')
    .addColumn('decided_at', 'text')
    .addPrimaryKeyConstraint('council_agenda_pk', ['meeting_id', 'topic_id'])
    .addUniqueConstraint('council_agenda_position', ['meeting_id', 'position'])
    .execute()

  // Invitees: the council members (user_id) and named guests (e.g. 法律顾问 王律师).
  await db.schema
    .createTable('council_invitees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('guest_name', 'text')
    .addColumn('guest_note', 'text')
    .addColumn('member', 'integer', (c) => c.notNull().check(sql`member in (0, 1)`))
    .addColumn('checked_in_at', 'text')
    .addCheckConstraint(
      'council_invitees_who',
      sql`(user_id is not null and guest_name is null)
        or (user_id is null and guest_name is not null and member = 0)`,
    )
    .addUniqueConstraint('council_invitees_user', ['meeting_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('council_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('council_topics.id'))
    .addColumn('invitee_id', 'text', (c) => c.notNull().references('council_invitees.id'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('council_statements_order', ['meeting_id', 'topic_id', 'position'])
    .execute()

  await db.schema
    .createTable('council_votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().references('council_topics.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('choice', 'text', (c) =>
      c.notNull().check(oneOf('choice', checkedValues.voteChoice)),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    // One vote per member per topic, whatever phones and requests race.
    .addUniqueConstraint('council_votes_one_each', ['meeting_id', 'topic_id', 'member_id'])
    .execute()

  await db.schema
    .createTable('council_resolutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('topic_id', 'text', (c) => c.notNull().unique().references('council_topics.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('executor', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.resolutionStatus)),
    )
    .addColumn('finished_at', 'text')
    .addColumn('closed_out_at', 'text')
    // When the chair was told it is overdue: once per resolution.
    .addColumn('overdue_told_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'council_resolutions_steps',
      sql`(status = 'inProgress' and finished_at is null and closed_out_at is null)
        or (status = 'finished' and finished_at is not null and closed_out_at is null)
        or (status = 'closedOut' and finished_at is not null and closed_out_at is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('council_resolutions_village')
    .on('council_resolutions')
    .columns(['village_id', 'status', 'due_on'])
    .execute()

  await db.schema
    .createTable('council_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resolution_id', 'text', (c) => c.notNull().references('council_resolutions.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('finished', 'integer', (c) => c.notNull().check(sql`finished in (0, 1)`))
    .addColumn('reported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('council_progress_resolution')
    .on('council_progress')
    .columns(['resolution_id', 'created_at'])
    .execute()

  // 销号: once per resolution, at a meeting, in the order the chair took them.
  await db.schema
    .createTable('council_close_outs')
    .addColumn('resolution_id', 'text', (c) => c.primaryKey().references('council_resolutions.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('council_meetings.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('council_close_outs_order', ['meeting_id', 'position'])
    .execute()

  // 民主评事: one rating per suggestion, by its author, after the close-out.
  await db.schema
    .createTable('council_ratings')
    .addColumn('suggestion_id', 'text', (c) => c.primaryKey().references('suggestions.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('rating', 'text', (c) => c.notNull().check(oneOf('rating', checkedValues.rating)))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

/** The two tables with a role column, as they stand after 0002 (column for column). */
const roleTables = {
  role_grants: (t: CreateTableBuilder<string, never>) =>
    t
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('granted_by', 'text')
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .addCheckConstraint('role_grants_role_check', oneOf('role', roleCheck)),
  invitations: (t: CreateTableBuilder<string, never>) =>
    t
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('redeemed_by', 'text', (c) => c.references('users.id'))
      .addColumn('redeemed_at', 'text')
      .addColumn('revoked_at', 'text')
      .addCheckConstraint('invitations_role_check', oneOf('role', roleCheck)),
}

async function widenRoleChecks(db: Kysely<unknown>, postgres: boolean) {
  for (const [table, define] of Object.entries(roleTables)) {
    const check = `${table}_role_check`
    if (postgres) {
      await db.schema.alterTable(table).dropConstraint(check).execute()
      await db.schema
        .alterTable(table)
        .addCheckConstraint(check, oneOf('role', roleCheck))
        .execute()
      continue
    }
    const widened = `${table}_widened`
    await define(db.schema.createTable(widened)).execute()
    await sql`insert into ${sql.table(widened)} select * from ${sql.table(table)}`.execute(db)
    await db.schema.dropTable(table).execute()
    await db.schema.alterTable(widened).renameTo(table).execute()
  }
  // The one index of the two besides their keys: one live grant of a role per person.
  if (!postgres) {
    await db.schema
      .createIndex('role_grants_live')
      .on('role_grants')
      .columns(['village_id', 'user_id', 'role'])
      .unique()
      .where(sql.ref('revoked_at'), 'is', null)
      .execute()
  }
}

export async function down(): Promise<void> {
  // The council's record is the village's: not undone.
  throw new Error('0014-council-meetings cannot be undone')
}

import type { BoardItem, CouncilFigures, PointsRow } from '../../types/council-outcomes'
import type { CouncilRating } from '../../types/council'
import { preReviewRejectionLabels } from '../../types/council-rules'
import type { PointRules } from '../../types/council-meetings'
import { formatVillageDate, villageDayOf, villageDayStart } from '../../types/village-time'
import { villagerLabel } from '../../types/villager-label'
import type { Config } from '../config'
import type { Db } from '../store/db'
import { councilMemberIds } from './council-meetings'
import { loadResolutions } from './council-resolutions'
import { writeMessages } from './messages'
import type { PhotoServices, PhotoViewer } from './photos'

const boardPage = 20

/**
 * The village's public board: its topics newest first, with what came of each. A filer's name
 * is shown only where they allowed it (the others are counted); nobody's villager number.
 */
export async function loadBoard(
  db: Db,
  villageId: string,
  now: Date,
  before: { createdAt: string; id: string } | undefined,
  photoReader: { services: PhotoServices; viewer: PhotoViewer },
): Promise<BoardItem[]> {
  let query = db
    .selectFrom('councilTopics')
    .select(['id', 'title', 'status', 'createdAt', 'updatedAt'])
    .where('villageId', '=', villageId)
  if (before) {
    // One row-value comparison, as the audit log pages: with an OR of two, SQLite walked the
    // index from the newest topic to the cursor, seconds for the last page of a million.
    query = query.where((eb) =>
      eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(before.createdAt, before.id)),
    )
  }
  const topics = await query
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(boardPage)
    .execute()
  if (topics.length === 0) return []
  const ids = topics.map((topic) => topic.id)
  const [suggestions, reviews, resolutions] = await Promise.all([
    db
      .selectFrom('suggestions')
      .innerJoin('users', 'users.id', 'suggestions.filedBy')
      .select(['suggestions.topicId', 'suggestions.showName', 'users.displayName'])
      .where('suggestions.topicId', 'in', ids)
      .orderBy('suggestions.filedAt')
      .execute(),
    db
      .selectFrom('councilPreReviews')
      .select(['topicId', 'outcome'])
      .where('topicId', 'in', ids)
      .where('outcome', 'in', ['coveredByLaw', 'coveredByRules'])
      .execute(),
    loadResolutions(db, villageId, now, { topicIds: ids }, photoReader),
  ])
  return topics.map((topic) => {
    const held = suggestions.filter((suggestion) => suggestion.topicId === topic.id)
    const review = reviews.find((one) => one.topicId === topic.id)
    const resolution = resolutions.find((one) => one.topicId === topic.id)
    return {
      topicId: topic.id,
      title: topic.title,
      status: topic.status,
      suggestionCount: held.length,
      shownNames: [
        ...new Set(
          held
            .filter((suggestion) => Number(suggestion.showName) === 1)
            .map((suggestion) => suggestion.displayName),
        ),
      ],
      notDeliberatedReason:
        review && review.outcome !== 'approved' ? preReviewRejectionLabels[review.outcome] : null,
      resolution: resolution
        ? {
            decision: resolution.decision,
            executor: resolution.executor,
            dueOn: resolution.dueOn,
            status: resolution.status,
            overdue: resolution.overdue,
            progress: resolution.progress,
            closeOut: resolution.closeOut,
          }
        : null,
      createdAt: topic.createdAt,
      updatedAt: topic.updatedAt,
    }
  })
}

/** A calendar year in village time, as the instants it runs between. */
function villageYear(year: number) {
  return { start: villageDayStart(`${year}-01-01`), end: villageDayStart(`${year + 1}-01-01`) }
}

const ratingScore: Record<CouncilRating, number> = {
  satisfied: 3,
  mostlySatisfied: 2,
  dissatisfied: 1,
}
const sevenDays = 7 * 86_400_000

/** Answered, declined or taken into a topic within 7 days of filing (七日内答复). */
export function answeredInTime(filedAt: string, firstReply: string | null): boolean {
  return firstReply !== null && Date.parse(firstReply) - Date.parse(filedAt) <= sevenDays
}

/** The 公开 figures of a year, in village time. */
export async function loadFigures(
  db: Db,
  villageId: string,
  year: number,
): Promise<CouncilFigures> {
  const { start, end } = villageYear(year)
  const [filed, resolved, closedOut, ratings] = await Promise.all([
    // Each suggestion filed in the year, with its first answer, decline or topic, if any.
    db
      .selectFrom('suggestions')
      .leftJoin('councilEvents', (join) =>
        join
          .onRef('councilEvents.suggestionId', '=', 'suggestions.id')
          .on('councilEvents.kind', 'in', ['answered', 'declined', 'inTopic']),
      )
      .select((eb) => [
        'suggestions.id',
        'suggestions.filedAt',
        eb.fn.min('councilEvents.at').as('firstReply'),
      ])
      .where('suggestions.villageId', '=', villageId)
      .where('suggestions.contentCheck', '<>', 'refused')
      .where('suggestions.filedAt', '>=', start)
      .where('suggestions.filedAt', '<', end)
      .groupBy(['suggestions.id', 'suggestions.filedAt'])
      .execute(),
    countResolutions(db, villageId, 'createdAt', start, end),
    countResolutions(db, villageId, 'closedOutAt', start, end),
    db
      .selectFrom('councilRatings')
      .select((eb) => ['rating', eb.fn.countAll().as('count')])
      .where('villageId', '=', villageId)
      .where('createdAt', '>=', start)
      .where('createdAt', '<', end)
      .groupBy('rating')
      .execute(),
  ])
  const counts = { satisfied: 0, mostlySatisfied: 0, dissatisfied: 0 }
  for (const row of ratings) counts[row.rating] = Number(row.count)
  const rated = counts.satisfied + counts.mostlySatisfied + counts.dissatisfied
  const total = (Object.keys(counts) as CouncilRating[]).reduce(
    (sum, rating) => sum + counts[rating] * ratingScore[rating],
    0,
  )
  return {
    year,
    received: filed.length,
    answeredWithin7Days: filed.filter((row) =>
      answeredInTime(row.filedAt, row.firstReply === null ? null : String(row.firstReply)),
    ).length,
    resolved,
    closedOut,
    ratings: counts,
    averageRating: rated === 0 ? null : Math.round((total / rated) * 10) / 10,
  }
}

async function countResolutions(
  db: Db,
  villageId: string,
  column: 'createdAt' | 'closedOutAt',
  start: string,
  end: string,
): Promise<number> {
  const row = await db
    .selectFrom('councilResolutions')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('villageId', '=', villageId)
    .where(column, '>=', start)
    .where(column, '<', end)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/**
 * 积分: each member's points for a year by the village's rules: meetings attended, statements
 * on the record, topics passed that they raised (made, or filed a suggestion in). Highest first;
 * equal points share a rank. The reader's own row is marked.
 */
export async function loadPoints(
  db: Db,
  villageId: string,
  year: number,
  rules: PointRules,
  readerId: string,
): Promise<PointsRow[]> {
  const { start, end } = villageYear(year)
  const [attended, spoke, passed] = await Promise.all([
    db
      .selectFrom('councilInvitees')
      .innerJoin('councilMeetings', 'councilMeetings.id', 'councilInvitees.meetingId')
      .select((eb) => ['councilInvitees.userId', eb.fn.countAll().as('count')])
      .where('councilMeetings.villageId', '=', villageId)
      .where('councilInvitees.member', '=', 1)
      .where('councilInvitees.checkedInAt', '>=', start)
      .where('councilInvitees.checkedInAt', '<', end)
      .groupBy('councilInvitees.userId')
      .execute(),
    db
      .selectFrom('councilStatements')
      .innerJoin('councilInvitees', 'councilInvitees.id', 'councilStatements.inviteeId')
      .innerJoin('councilMeetings', 'councilMeetings.id', 'councilStatements.meetingId')
      .select((eb) => ['councilInvitees.userId', eb.fn.countAll().as('count')])
      .where('councilMeetings.villageId', '=', villageId)
      .where('councilInvitees.member', '=', 1)
      .where('councilStatements.createdAt', '>=', start)
      .where('councilStatements.createdAt', '<', end)
      .groupBy('councilInvitees.userId')
      .execute(),
    // Who raised each topic passed in the year: its maker and the filers of its suggestions.
    db
      .selectFrom('councilAgenda')
      .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
      .leftJoin('suggestions', 'suggestions.topicId', 'councilTopics.id')
      .select(['councilTopics.id', 'councilTopics.createdBy', 'suggestions.filedBy'])
      .where('councilTopics.villageId', '=', villageId)
      .where('councilAgenda.outcome', '=', 'passed')
      .where('councilAgenda.decidedAt', '>=', start)
      .where('councilAgenda.decidedAt', '<', end)
      .execute(),
  ])
  const raised = new Map<string, Set<string>>()
  for (const row of passed) {
    for (const userId of [row.createdBy, row.filedBy]) {
      if (userId) raised.set(userId, (raised.get(userId) ?? new Set()).add(row.id))
    }
  }
  const countOf = (rows: { userId: string | null; count: unknown }[], userId: string) =>
    Number(rows.find((row) => row.userId === userId)?.count ?? 0)
  // Today's members (with no points yet, too) and anyone who earned points this year.
  const memberIds = [
    ...new Set([
      ...(await councilMemberIds(db, villageId)),
      ...[...attended, ...spoke].map((row) => row.userId).filter((id) => id !== null),
    ]),
  ]
  if (memberIds.length === 0) return []
  const people = await db
    .selectFrom('users')
    .select(['id', 'displayName', 'villagerNo'])
    .where('id', 'in', memberIds)
    .execute()
  return rankByPoints(
    people.map((person) => ({
      name: villagerLabel(person.displayName, person.villagerNo),
      attended: countOf(attended, person.id),
      statements: countOf(spoke, person.id),
      topicsPassed: raised.get(person.id)?.size ?? 0,
      mine: person.id === readerId,
    })),
    rules,
  )
}

/** A member's deeds of a year, as 积分管理细则 counts them. */
export type Tally = Omit<PointsRow, 'rank' | 'points'>

/**
 * Points by the village's rules, highest first (then by name); equal points share a rank and
 * the next rank skips as many (1, 1, 3), as a posted ranking does.
 */
export function rankByPoints(tallies: readonly Tally[], rules: PointRules): PointsRow[] {
  const rows = tallies.map((tally) => ({
    ...tally,
    points:
      tally.attended * rules.attending +
      tally.statements * rules.speaking +
      tally.topicsPassed * rules.topicPassed,
  }))
  rows.sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'zh'))
  return rows.map((row) => ({
    rank: 1 + rows.filter((other) => other.points > row.points).length,
    ...row,
  }))
}

/**
 * Resolutions past their due day (village time) and not finished are flagged to the chair once
 * each: a compare-and-swap on `overdueToldAt` in the transaction that writes the message, so
 * several processes running the job tell them once.
 */
export async function tellOverdue(
  db: Db,
  config: Pick<Config, 'demoMode' | 'wxTemplates'>,
  now: Date,
): Promise<{ told: number }> {
  const today = villageDayOf(now)
  const due = await db
    .selectFrom('councilResolutions')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilResolutions.topicId')
    .select([
      'councilResolutions.id',
      'councilResolutions.villageId',
      'councilResolutions.executor',
      'councilResolutions.dueOn',
      'councilTopics.title',
    ])
    .where('councilResolutions.status', '=', 'inProgress')
    .where('councilResolutions.dueOn', '<', today)
    .where('councilResolutions.overdueToldAt', 'is', null)
    .limit(500)
    .execute()
  const at = now.toISOString()
  let told = 0
  for (const resolution of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('councilResolutions')
        .set({ overdueToldAt: at })
        .where('id', '=', resolution.id)
        .where('overdueToldAt', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) === 0) return
      const chairs = await trx
        .selectFrom('roleGrants')
        .select('userId')
        .where('villageId', '=', resolution.villageId)
        .where('role', '=', 'councilChair')
        .where('revokedAt', 'is', null)
        .execute()
      await writeMessages(trx, config, at, {
        villageId: resolution.villageId,
        to: { userIds: chairs.map((chair) => chair.userId) },
        kind: 'council',
        title: `决议逾期未办完：${resolution.title}`,
        body: `应在${formatVillageDate(resolution.dueOn)}前完成，执行：${resolution.executor}。请督促办理。`,
        link: '/council/pages/resolutions/index',
      })
      told += 1
    })
  }
  return { told }
}

import type { CouncilRules } from '../../types/council-meetings'
import {
  earliestMeetingDay,
  quorumCount,
  quorumReached,
  type MeetingStatus,
  type Share,
  type VoteChoice,
  type VoteCount,
} from '../../types/council-rules'
import { topicMakers } from '../../types/council-roles'
import { formatVillageDate, villageDayOf } from '../../types/village-time'
import { AppError, notFound, refuse } from '../core/errors'
import type { Db, Engine } from '../store/db'
import { newRowId } from '../store/row-id'
import { minutesToFreeze, tallyVotes } from './council-meeting-views'

// The council's meetings as they change: scheduling, the agenda, 签到, statements, votes, outcomes
// and closing, each step held to a rule written as a plain function here. What a member reads is
// in council-meeting-views.ts.

/** Who sits on the council and votes: the members and the chair, who also prepare topics. */
export const votingRoles = topicMakers

/** The people holding a voting council role in the village now. */
export async function councilMemberIds(db: Db, villageId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('roleGrants')
    .select('userId')
    .distinct()
    .where('villageId', '=', villageId)
    .where('role', 'in', [...votingRoles])
    .where('revokedAt', 'is', null)
    .execute()
  return rows.map((row) => row.userId).sort()
}

const statusRefusals: Record<MeetingStatus, string> = {
  announced: '会议还没有开始',
  open: '会议已经开始了',
  closed: '会议已经结束，记录不能再改',
}

/**
 * A step refused because the meeting is not where the step needs it (`holdMeeting` compares and
 * swaps on the statuses a step allows): once closed, its minutes are frozen for every step.
 */
export function meetingStatusRefusal(status: MeetingStatus): AppError {
  return new AppError('FAILED_PRECONDITION', statusRefusals[status])
}

/**
 * Every write at a meeting but a vote first bumps the meeting's revision, by compare-and-swap on
 * its status. That row lock orders them: two statements, or a decision and the closing of the
 * meeting, cannot pass each other, and a write after the meeting moved on is refused. Votes take
 * the shared lock of `shareMeeting`, which this one excludes.
 */
export async function holdMeeting(
  trx: Db,
  villageId: string,
  meetingId: string,
  status: readonly MeetingStatus[],
) {
  const held = await trx
    .updateTable('councilMeetings')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', meetingId)
    .where('villageId', '=', villageId)
    .where('status', 'in', [...status])
    .returning(['id', 'status', 'startsAt', 'memberCount', 'place'])
    .executeTakeFirst()
  if (held) return held
  const row = await trx
    .selectFrom('councilMeetings')
    .select('status')
    .where('id', '=', meetingId)
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  if (!row) throw notFound('这次会议')
  throw meetingStatusRefusal(row.status)
}

/**
 * A vote only reads the meeting, under a shared lock on PostgreSQL: votes of one meeting run side
 * by side, while the writes that end a vote (`holdMeeting`: deciding a topic, closing the
 * meeting) wait for the votes already in and make the later ones wait, then be refused. SQLite
 * runs one write transaction at a time, which orders them as well.
 */
export async function shareMeeting(
  trx: Db,
  engine: Engine,
  villageId: string,
  meetingId: string,
): Promise<void> {
  const query = trx
    .selectFrom('councilMeetings')
    .select('status')
    .where('id', '=', meetingId)
    .where('villageId', '=', villageId)
  const row = await (engine === 'postgres' ? query.forShare() : query).executeTakeFirst()
  if (!row) throw notFound('这次会议')
  if (row.status !== 'open') throw meetingStatusRefusal(row.status)
}

// The rules a meeting's steps are held to, as plain functions: each returns the refusal a
// villager reads, or null when the step may go ahead.

/** A meeting is announced at least `noticeDays` village days ahead. */
export function noticeRefusal(now: Date, startsAt: string, noticeDays: number): AppError | null {
  const earliest = earliestMeetingDay(now, noticeDays)
  if (villageDayOf(startsAt) >= earliest) return null
  return new AppError(
    'FAILED_PRECONDITION',
    `会议要提前${noticeDays}天通知，最早定在${formatVillageDate(earliest)}`,
    'startsAt',
  )
}

/** A meeting opens on its day (village time) or later, with the quorum of its members present. */
export function openRefusal(
  meeting: { startsAt: string; memberCount: number },
  present: number,
  quorum: Share,
  now: Date,
): AppError | null {
  const day = villageDayOf(meeting.startsAt)
  if (villageDayOf(now) < day) {
    return new AppError('FAILED_PRECONDITION', `会议定在${formatVillageDate(day)}，当天才能开会`)
  }
  if (quorumReached(present, meeting.memberCount, quorum)) return null
  const needed = quorumCount(meeting.memberCount, quorum)
  return new AppError(
    'FAILED_PRECONDITION',
    `到会成员${present}人，至少要${needed}人才能开会，还差${needed - present}人`,
  )
}

/** Each invitee checks in once; someone not invited is told so, an unknown invitee not found. */
export function checkInRefusal(
  invitee: { checkedInAt: string | null } | undefined,
  forSomeoneElse: boolean,
): AppError | null {
  if (!invitee) {
    return forSomeoneElse
      ? notFound('这位参会人')
      : new AppError('PERMISSION_DENIED', '您不在这次会议的邀请名单里')
  }
  return invitee.checkedInAt === null ? null : new AppError('CONFLICT', '已经签到了')
}

/** Statements and votes are taken only on a topic of the meeting whose vote is still on. */
export function agendaItemRefusal(
  item: { title: string; outcome: string | null } | undefined,
): AppError | null {
  if (!item) return notFound('会议上的这个议题')
  if (item.outcome === null) return null
  return new AppError('FAILED_PRECONDITION', `议题“${item.title}”已经表决结束`)
}

/** Only someone invited and checked in speaks on the record. */
export function speakerRefusal(
  speaker: { checkedInAt: string | null } | undefined,
): AppError | null {
  if (!speaker) return notFound('这位参会人')
  if (speaker.checkedInAt !== null) return null
  return new AppError('FAILED_PRECONDITION', '没有签到的人不能记录发言', 'inviteeId')
}

/** Only a council member invited to the meeting, and checked in, votes. */
export function voterRefusal(voter: { checkedInAt: string | null } | undefined): AppError | null {
  if (!voter) return new AppError('PERMISSION_DENIED', '您不是这次会议的表决成员')
  if (voter.checkedInAt !== null) return null
  return new AppError('FAILED_PRECONDITION', '请先签到再表决')
}

/** A passed topic needs its resolution (what, who, by when), due no earlier than today. */
export function resolutionRefusal(
  passed: boolean,
  resolution: { dueOn: string } | undefined,
  now: Date,
): AppError | null {
  if (!passed) return null
  if (!resolution) {
    return new AppError(
      'INVALID_ARGUMENT',
      '议题表决通过了，请填写决议内容、执行人和完成日期',
      'resolution',
    )
  }
  if (resolution.dueOn < villageDayOf(now)) {
    return new AppError('INVALID_ARGUMENT', '完成日期不能早于今天', 'resolution.dueOn')
  }
  return null
}

/** A meeting closes only with every topic on its agenda decided. */
export function undecidedRefusal(titles: readonly string[]): AppError | null {
  if (titles.length === 0) return null
  return new AppError('FAILED_PRECONDITION', `还有议题没有表决：${titles.join('、')}`)
}

/** The count as the topic's authors read it. */
export function tallyText(present: number, votes: VoteCount): string {
  return `到会成员${present}人，同意${votes.for}票、反对${votes.against}票、弃权${votes.abstain}票`
}

/** The row a step needs, unless its rule refuses the step (as it does when the row is missing). */
function allowed<T>(row: T | undefined, refusal: AppError | null): T {
  refuse(refusal)
  if (row === undefined) throw new Error('a rule let a step through without its row')
  return row
}

/** Sets the village's meeting rules, the first time or again. */
export async function saveCouncilRules(
  trx: Db,
  villageId: string,
  rules: CouncilRules,
  at: string,
): Promise<void> {
  const row = {
    noticeDays: rules.noticeDays,
    quorumNumerator: rules.quorum.numerator,
    quorumDenominator: rules.quorum.denominator,
    passNumerator: rules.passThreshold.numerator,
    passDenominator: rules.passThreshold.denominator,
    pointsAttending: rules.points.attending,
    pointsSpeaking: rules.points.speaking,
    pointsTopicPassed: rules.points.topicPassed,
    updatedAt: at,
  }
  await trx
    .insertInto('councilRules')
    .values({ villageId, ...row })
    .onConflict((oc) => oc.column('villageId').doUpdateSet(row))
    .execute()
}

/**
 * A meeting announced, with its invitees: the council members (counted for the quorum, voting)
 * and named guests. Returns its id; its topics are put on the agenda with `putOnAgenda`.
 */
export async function createMeeting(
  trx: Db,
  meeting: {
    villageId: string
    place: string
    startsAt: string
    scheduledBy: string
    memberIds: readonly string[]
    guests: readonly { name: string; note: string | null }[]
    at: string
  },
): Promise<string> {
  const id = newRowId()
  await trx
    .insertInto('councilMeetings')
    .values({
      id,
      villageId: meeting.villageId,
      place: meeting.place,
      startsAt: new Date(meeting.startsAt).toISOString(),
      status: 'announced',
      memberCount: meeting.memberIds.length,
      revision: 0,
      scheduledBy: meeting.scheduledBy,
      createdAt: meeting.at,
      openedAt: null,
      closedAt: null,
      minutesJson: null,
    })
    .execute()
  await trx
    .insertInto('councilInvitees')
    .values([
      ...meeting.memberIds.map((userId) => ({
        id: newRowId(),
        meetingId: id,
        userId,
        guestName: null,
        guestNote: null,
        member: 1 as const,
        checkedInAt: null,
      })),
      ...meeting.guests.map((guest) => ({
        id: newRowId(),
        meetingId: id,
        userId: null,
        guestName: guest.name,
        guestNote: guest.note,
        member: 0 as const,
        checkedInAt: null,
      })),
    ])
    .execute()
  return id
}

/** Puts a topic on the meeting's agenda at `position`; returns its title. */
export async function putOnAgenda(
  trx: Db,
  meetingId: string,
  topicId: string,
  position: number,
): Promise<string> {
  await trx
    .insertInto('councilAgenda')
    .values({
      meetingId,
      topicId,
      position,
      outcome: null,
      votesFor: null,
      votesAgainst: null,
      votesAbstain: null,
      present: null,
      decidedAt: null,
    })
    .execute()
  const topic = await trx
    .selectFrom('councilTopics')
    .select('title')
    .where('id', '=', topicId)
    .executeTakeFirstOrThrow()
  return topic.title
}

/**
 * Checks an invitee in: the caller themselves (`userId`), or anyone invited (`inviteeId`, the
 * chair's). Returns the name checked in.
 */
export async function checkIn(
  trx: Db,
  meetingId: string,
  who: { inviteeId: string } | { userId: string },
  at: string,
): Promise<string | null> {
  const forSomeoneElse = 'inviteeId' in who
  const invitee = await trx
    .selectFrom('councilInvitees')
    .leftJoin('users', 'users.id', 'councilInvitees.userId')
    .select([
      'councilInvitees.id',
      'councilInvitees.checkedInAt',
      'councilInvitees.guestName',
      'users.displayName',
    ])
    .where('councilInvitees.meetingId', '=', meetingId)
    .where(
      forSomeoneElse ? 'councilInvitees.id' : 'councilInvitees.userId',
      '=',
      forSomeoneElse ? who.inviteeId : who.userId,
    )
    .executeTakeFirst()
  const found = allowed(invitee, checkInRefusal(invitee, forSomeoneElse))
  await trx
    .updateTable('councilInvitees')
    .set({ checkedInAt: at })
    .where('id', '=', found.id)
    .execute()
  return found.displayName ?? found.guestName
}

/** Council members checked in at the meeting. */
export async function membersPresent(db: Db, meetingId: string): Promise<number> {
  const present = await db
    .selectFrom('councilInvitees')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('meetingId', '=', meetingId)
    .where('member', '=', 1)
    .where('checkedInAt', 'is not', null)
    .executeTakeFirstOrThrow()
  return Number(present.count)
}

/** Opens a meeting held by `holdMeeting` (its status was checked there, under the row lock). */
export async function markMeetingOpen(trx: Db, meetingId: string, at: string): Promise<void> {
  await trx
    .updateTable('councilMeetings')
    .set({ status: 'open', openedAt: at })
    .where('id', '=', meetingId)
    .execute()
}

/** A topic of this meeting whose vote is still on. */
export async function openAgendaItem(
  db: Db,
  meetingId: string,
  topicId: string,
): Promise<{ title: string }> {
  const item = await db
    .selectFrom('councilAgenda')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
    .select(['councilAgenda.outcome', 'councilTopics.title'])
    .where('councilAgenda.meetingId', '=', meetingId)
    .where('councilAgenda.topicId', '=', topicId)
    .executeTakeFirst()
  return allowed(item, agendaItemRefusal(item))
}

/** A statement on the record, the next in order on its topic, by someone checked in. */
export async function recordStatement(
  trx: Db,
  statement: {
    meetingId: string
    topicId: string
    inviteeId: string
    text: string
    recordedBy: string
    at: string
  },
): Promise<void> {
  const { meetingId, topicId, inviteeId } = statement
  const speaker = await trx
    .selectFrom('councilInvitees')
    .select(['id', 'checkedInAt'])
    .where('id', '=', inviteeId)
    .where('meetingId', '=', meetingId)
    .executeTakeFirst()
  allowed(speaker, speakerRefusal(speaker))
  const last = await trx
    .selectFrom('councilStatements')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('meetingId', '=', meetingId)
    .where('topicId', '=', topicId)
    .executeTakeFirst()
  await trx
    .insertInto('councilStatements')
    .values({
      id: newRowId(),
      meetingId,
      topicId,
      inviteeId,
      position: Number(last?.last ?? 0) + 1,
      text: statement.text,
      recordedBy: statement.recordedBy,
      createdAt: statement.at,
    })
    .execute()
}

/** A member's vote on a topic: one per member per topic, held by the unique key. */
export async function castVote(
  trx: Db,
  vote: { meetingId: string; topicId: string; memberId: string; choice: VoteChoice; at: string },
): Promise<void> {
  const voter = await trx
    .selectFrom('councilInvitees')
    .select('checkedInAt')
    .where('meetingId', '=', vote.meetingId)
    .where('userId', '=', vote.memberId)
    .where('member', '=', 1)
    .executeTakeFirst()
  allowed(voter, voterRefusal(voter))
  // The unique key holds one vote per member per topic, whatever phones race.
  const cast = await trx
    .insertInto('councilVotes')
    .values({
      id: newRowId(),
      meetingId: vote.meetingId,
      topicId: vote.topicId,
      memberId: vote.memberId,
      choice: vote.choice,
      createdAt: vote.at,
    })
    .onConflict((oc) => oc.columns(['meetingId', 'topicId', 'memberId']).doNothing())
    .executeTakeFirst()
  if (Number(cast.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError('CONFLICT', '您已经对这个议题投过票了，每人只能投一次')
  }
}

/** The votes cast on a topic of the meeting, counted. */
export async function votesOn(db: Db, meetingId: string, topicId: string): Promise<VoteCount> {
  const votes = await db
    .selectFrom('councilVotes')
    .select(['choice'])
    .where('meetingId', '=', meetingId)
    .where('topicId', '=', topicId)
    .execute()
  return tallyVotes(votes)
}

/** The end of a topic's vote on the agenda, with the count and the members present. */
export async function recordOutcome(
  trx: Db,
  outcome: {
    meetingId: string
    topicId: string
    passed: boolean
    votes: VoteCount
    present: number
    at: string
  },
): Promise<void> {
  await trx
    .updateTable('councilAgenda')
    .set({
      outcome: outcome.passed ? 'passed' : 'notPassed',
      votesFor: outcome.votes.for,
      votesAgainst: outcome.votes.against,
      votesAbstain: outcome.votes.abstain,
      present: outcome.present,
      decidedAt: outcome.at,
    })
    .where('meetingId', '=', outcome.meetingId)
    .where('topicId', '=', outcome.topicId)
    .execute()
}

/** The titles of the meeting's topics not yet decided. */
export async function undecidedTitles(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('councilAgenda')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
    .select('councilTopics.title')
    .where('councilAgenda.meetingId', '=', meetingId)
    .where('councilAgenda.outcome', 'is', null)
    .execute()
  return rows.map((row) => row.title)
}

/** Closes a meeting held by `holdMeeting`: its minutes are frozen as they stand now. */
export async function closeMeeting(
  trx: Db,
  villageId: string,
  meetingId: string,
  now: Date,
): Promise<void> {
  const closedAt = now.toISOString()
  const minutes = await minutesToFreeze(trx, villageId, meetingId, now)
  await trx
    .updateTable('councilMeetings')
    .set({
      status: 'closed',
      closedAt,
      minutesJson: JSON.stringify({ ...minutes, status: 'closed', closedAt }),
    })
    .where('id', '=', meetingId)
    .execute()
}

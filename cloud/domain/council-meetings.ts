import {
  defaultPointRules,
  type AgendaItem,
  type CouncilRules,
  type Meeting,
  type MeetingSummary,
  type Resolution,
} from '../../types/council-meetings'
import {
  defaultCouncilSettings,
  quorumCount,
  resolutionOverdue,
  type MeetingStatus,
  type ResolutionStatus,
  type VoteChoice,
} from '../../types/council-rules'
import { topicMakers } from '../../types/council-roles'
import type { Photo } from '../../types/photos'
import { villagerLabel } from '../../types/villager-label'
import { AppError, notFound } from '../core/errors'
import type { Db, Engine } from '../store/db'
import { photosOf, type PhotoServices, type PhotoViewer } from './photos'

/** Who sits on the council and votes: the members and the chair, who also prepare topics. */
export const votingRoles = topicMakers

/** The village's meeting rules; a village that never set them has the contract's defaults. */
export async function loadCouncilRules(db: Db, villageId: string): Promise<CouncilRules> {
  const row = await db
    .selectFrom('councilRules')
    .selectAll()
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  if (!row) return { ...defaultCouncilSettings, points: defaultPointRules }
  return {
    noticeDays: Number(row.noticeDays),
    quorum: { numerator: Number(row.quorumNumerator), denominator: Number(row.quorumDenominator) },
    passThreshold: {
      numerator: Number(row.passNumerator),
      denominator: Number(row.passDenominator),
    },
    points: {
      attending: Number(row.pointsAttending),
      speaking: Number(row.pointsSpeaking),
      topicPassed: Number(row.pointsTopicPassed),
    },
  }
}

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
  throw new AppError('FAILED_PRECONDITION', statusRefusals[row.status])
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
  if (row.status !== 'open') throw new AppError('FAILED_PRECONDITION', statusRefusals[row.status])
}

/** Finished resolutions of the village not yet closed out: taken first at every meeting. */
export async function closeOutsWaiting(db: Db, villageId: string): Promise<number> {
  const row = await db
    .selectFrom('councilResolutions')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('villageId', '=', villageId)
    .where('status', '=', 'finished')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Resolutions of the village, with their progress and close-out; `overdue` as of `now`. */
export async function loadResolutions(
  db: Db,
  villageId: string,
  now: Date,
  where: {
    meetingId?: string
    resolutionId?: string
    topicIds?: readonly string[]
    status?: ResolutionStatus
  } = {},
  /** Who reads the progress photos; without one (meeting minutes) the reports carry none. */
  photoReader?: { services: PhotoServices; viewer: PhotoViewer },
): Promise<Resolution[]> {
  let query = db
    .selectFrom('councilResolutions')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilResolutions.topicId')
    .leftJoin('councilCloseOuts', 'councilCloseOuts.resolutionId', 'councilResolutions.id')
    .select([
      'councilResolutions.id',
      'councilResolutions.topicId',
      'councilTopics.title as topicTitle',
      'councilResolutions.meetingId',
      'councilResolutions.decision',
      'councilResolutions.executor',
      'councilResolutions.dueOn',
      'councilResolutions.status',
      'councilResolutions.createdAt',
      'councilCloseOuts.meetingId as closeOutMeetingId',
      'councilCloseOuts.note as closeOutNote',
      'councilCloseOuts.createdAt as closeOutAt',
    ])
    .where('councilResolutions.villageId', '=', villageId)
  if (where.meetingId) query = query.where('councilResolutions.meetingId', '=', where.meetingId)
  if (where.resolutionId) query = query.where('councilResolutions.id', '=', where.resolutionId)
  if (where.topicIds) query = query.where('councilResolutions.topicId', 'in', [...where.topicIds])
  if (where.status) query = query.where('councilResolutions.status', '=', where.status)
  const rows = await query
    .orderBy('councilResolutions.dueOn')
    .orderBy('councilResolutions.id')
    .limit(500)
    .execute()
  if (rows.length === 0) return []
  const progress = await db
    .selectFrom('councilProgress')
    .innerJoin('users', 'users.id', 'councilProgress.reportedBy')
    .select([
      'councilProgress.id',
      'councilProgress.resolutionId',
      'councilProgress.text',
      'councilProgress.finished',
      'councilProgress.createdAt',
      'users.displayName',
      'users.villagerNo',
    ])
    .where(
      'councilProgress.resolutionId',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('councilProgress.createdAt')
    .orderBy('councilProgress.id')
    .execute()
  const photos = photoReader
    ? await photosOf(
        db,
        photoReader.services,
        'progress',
        progress.map((update) => update.id),
        photoReader.viewer,
      )
    : new Map<string, Photo[]>()
  return rows.map((row) => ({
    id: row.id,
    topicId: row.topicId,
    topicTitle: row.topicTitle,
    meetingId: row.meetingId,
    decision: row.decision,
    executor: row.executor,
    dueOn: row.dueOn,
    status: row.status,
    overdue: resolutionOverdue(row, now),
    progress: progress
      .filter((update) => update.resolutionId === row.id)
      .map((update) => ({
        text: update.text,
        finished: Number(update.finished) === 1,
        byName: villagerLabel(update.displayName, update.villagerNo),
        at: update.createdAt,
        photos: photos.get(update.id) ?? [],
      })),
    closeOut:
      row.closeOutMeetingId && row.closeOutAt
        ? { meetingId: row.closeOutMeetingId, note: row.closeOutNote ?? '', at: row.closeOutAt }
        : null,
    createdAt: row.createdAt,
  }))
}

const nameOf = (row: {
  displayName: string | null
  villagerNo: number | null
  guestName: string | null
}) =>
  row.displayName === null ? (row.guestName ?? '') : villagerLabel(row.displayName, row.villagerNo)

/** The meeting as it stands now, read from its records (the minutes while it runs). */
async function liveMeeting(db: Db, villageId: string, meetingId: string, now: Date) {
  const meeting = await db
    .selectFrom('councilMeetings')
    .innerJoin('users', 'users.id', 'councilMeetings.scheduledBy')
    .select([
      'councilMeetings.id',
      'councilMeetings.place',
      'councilMeetings.startsAt',
      'councilMeetings.status',
      'councilMeetings.memberCount',
      'councilMeetings.openedAt',
      'councilMeetings.closedAt',
      'councilMeetings.minutesJson',
      'users.displayName',
      'users.villagerNo',
    ])
    .where('councilMeetings.id', '=', meetingId)
    .where('councilMeetings.villageId', '=', villageId)
    .executeTakeFirst()
  if (!meeting) throw notFound('这次会议')
  if (meeting.minutesJson !== null) {
    return { frozen: JSON.parse(meeting.minutesJson) as Meeting, votes: null }
  }
  const [rules, invitees, agenda, statements, votes, closeOuts, resolutions] = await Promise.all([
    loadCouncilRules(db, villageId),
    db
      .selectFrom('councilInvitees')
      .leftJoin('users', 'users.id', 'councilInvitees.userId')
      .select([
        'councilInvitees.id',
        'councilInvitees.userId',
        'councilInvitees.guestName',
        'councilInvitees.guestNote',
        'councilInvitees.member',
        'councilInvitees.checkedInAt',
        'users.displayName',
        'users.villagerNo',
      ])
      .where('councilInvitees.meetingId', '=', meetingId)
      .orderBy('councilInvitees.member', 'desc')
      .orderBy('users.villagerNo')
      .orderBy('councilInvitees.id')
      .execute(),
    db
      .selectFrom('councilAgenda')
      .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
      .select([
        'councilAgenda.topicId',
        'councilTopics.title',
        'councilAgenda.position',
        'councilAgenda.outcome',
        'councilAgenda.present',
      ])
      .where('councilAgenda.meetingId', '=', meetingId)
      .orderBy('councilAgenda.position')
      .execute(),
    db
      .selectFrom('councilStatements')
      .innerJoin('councilInvitees', 'councilInvitees.id', 'councilStatements.inviteeId')
      .leftJoin('users', 'users.id', 'councilInvitees.userId')
      .select([
        'councilStatements.topicId',
        'councilStatements.position',
        'councilStatements.inviteeId',
        'councilStatements.text',
        'councilStatements.createdAt',
        'councilInvitees.guestName',
        'users.displayName',
        'users.villagerNo',
      ])
      .where('councilStatements.meetingId', '=', meetingId)
      .orderBy('councilStatements.position')
      .execute(),
    db
      .selectFrom('councilVotes')
      .innerJoin('users', 'users.id', 'councilVotes.memberId')
      .select([
        'councilVotes.topicId',
        'councilVotes.memberId',
        'councilVotes.choice',
        'users.displayName',
        'users.villagerNo',
      ])
      .where('councilVotes.meetingId', '=', meetingId)
      .orderBy('councilVotes.createdAt')
      .orderBy('councilVotes.id')
      .execute(),
    db
      .selectFrom('councilCloseOuts')
      .innerJoin('councilResolutions', 'councilResolutions.id', 'councilCloseOuts.resolutionId')
      .innerJoin('councilTopics', 'councilTopics.id', 'councilResolutions.topicId')
      .select([
        'councilCloseOuts.position',
        'councilCloseOuts.resolutionId',
        'councilTopics.title',
        'councilCloseOuts.note',
        'councilCloseOuts.createdAt',
      ])
      .where('councilCloseOuts.meetingId', '=', meetingId)
      .orderBy('councilCloseOuts.position')
      .execute(),
    loadResolutions(db, villageId, now, { meetingId }),
  ])
  const membersPresent = invitees.filter(
    (invitee) => Number(invitee.member) === 1 && invitee.checkedInAt !== null,
  ).length
  const memberCount = Number(meeting.memberCount)
  const live: Meeting = {
    id: meeting.id,
    place: meeting.place,
    startsAt: meeting.startsAt,
    status: meeting.status,
    scheduledByName: villagerLabel(meeting.displayName, meeting.villagerNo),
    memberCount,
    quorumCount: quorumCount(memberCount, rules.quorum),
    membersPresent,
    invitees: invitees.map((invitee) => ({
      id: invitee.id,
      name: nameOf(invitee),
      member: Number(invitee.member) === 1,
      guestNote: invitee.guestNote,
      checkedInAt: invitee.checkedInAt,
      isMe: false,
    })),
    closeOuts: closeOuts.map((closeOut) => ({
      position: Number(closeOut.position),
      resolutionId: closeOut.resolutionId,
      topicTitle: closeOut.title,
      note: closeOut.note,
      at: closeOut.createdAt,
    })),
    agenda: agenda.map((item): AgendaItem => {
      const cast = votes.filter((vote) => vote.topicId === item.topicId)
      const count = (choice: VoteChoice) => cast.filter((vote) => vote.choice === choice).length
      return {
        topicId: item.topicId,
        title: item.title,
        position: Number(item.position),
        statements: statements
          .filter((statement) => statement.topicId === item.topicId)
          .map((statement) => ({
            position: Number(statement.position),
            inviteeId: statement.inviteeId,
            speakerName: nameOf(statement),
            text: statement.text,
            at: statement.createdAt,
          })),
        votes: { for: count('for'), against: count('against'), abstain: count('abstain') },
        cast: cast.map((vote) => ({
          name: villagerLabel(vote.displayName, vote.villagerNo),
          choice: vote.choice,
        })),
        myVote: null,
        outcome: item.outcome,
        present: item.present === null ? null : Number(item.present),
        resolution: resolutions.find((resolution) => resolution.topicId === item.topicId) ?? null,
      }
    }),
    openedAt: meeting.openedAt,
    closedAt: meeting.closedAt,
  }
  return { frozen: null, live, votes }
}

/**
 * A meeting as a member reads it: live while it runs, and once closed the minutes frozen as they
 * stood then (a resolution's later progress is on the resolutions list, not in the minutes).
 * `myVote` and `isMe` are the reader's own.
 */
export async function loadMeeting(
  db: Db,
  reader: { userId: string; villageId: string },
  meetingId: string,
  now: Date,
): Promise<Meeting> {
  const found = await liveMeeting(db, reader.villageId, meetingId, now)
  // The reader's own row: frozen minutes hold nobody's, so it is looked up for every read.
  const myRow = await db
    .selectFrom('councilInvitees')
    .select('id')
    .where('meetingId', '=', meetingId)
    .where('userId', '=', reader.userId)
    .executeTakeFirst()
  const myInviteeId = myRow?.id ?? null
  if (found.frozen) {
    const mine = await db
      .selectFrom('councilVotes')
      .select(['topicId', 'choice'])
      .where('meetingId', '=', meetingId)
      .where('memberId', '=', reader.userId)
      .execute()
    return readBy(found.frozen, mine, myInviteeId)
  }
  return readBy(
    found.live,
    found.votes.filter((vote) => vote.memberId === reader.userId),
    myInviteeId,
  )
}

function readBy(
  meeting: Meeting,
  mine: readonly { topicId: string; choice: VoteChoice }[],
  myInviteeId: string | null,
): Meeting {
  return {
    ...meeting,
    invitees: meeting.invitees.map((invitee) => ({ ...invitee, isMe: invitee.id === myInviteeId })),
    agenda: meeting.agenda.map((item) => ({
      ...item,
      myVote: mine.find((vote) => vote.topicId === item.topicId)?.choice ?? null,
    })),
  }
}

/** The minutes to freeze when the meeting closes: as it stands, with nobody's own vote. */
export async function minutesToFreeze(
  db: Db,
  villageId: string,
  meetingId: string,
  now: Date,
): Promise<Meeting> {
  const found = await liveMeeting(db, villageId, meetingId, now)
  if (found.frozen) return found.frozen
  return found.live
}

/** The village's meetings, newest first (at most 100: a village meets monthly at most). */
export async function listMeetings(
  db: Db,
  villageId: string,
  status: MeetingStatus | undefined,
): Promise<MeetingSummary[]> {
  let query = db
    .selectFrom('councilMeetings')
    .select(['id', 'place', 'startsAt', 'status'])
    .where('villageId', '=', villageId)
  if (status) query = query.where('status', '=', status)
  const meetings = await query
    .orderBy('startsAt', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
  if (meetings.length === 0) return []
  const agenda = await db
    .selectFrom('councilAgenda')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
    .select(['councilAgenda.meetingId', 'councilTopics.title'])
    .where(
      'councilAgenda.meetingId',
      'in',
      meetings.map((meeting) => meeting.id),
    )
    .orderBy('councilAgenda.position')
    .execute()
  return meetings.map((meeting) => ({
    ...meeting,
    topicTitles: agenda.filter((item) => item.meetingId === meeting.id).map((item) => item.title),
  }))
}

import {
  defaultPointRules,
  type AgendaItem,
  type CouncilRules,
  type Meeting,
  type MeetingSummary,
} from '../../types/council-meetings'
import {
  defaultCouncilSettings,
  quorumCount,
  type MeetingStatus,
  type VoteChoice,
  type VoteCount,
} from '../../types/council-rules'
import { villagerLabel } from '../../types/villager-label'
import { notFound } from '../core/errors'
import type { Db } from '../store/db'
import { loadResolutions } from './council-resolutions'

// The read side of the council's meetings: the rules, a meeting as a member reads it (live while
// it runs, frozen minutes once closed) and the village's list. The steps that change a meeting
// are in council-meetings.ts.

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
        votes: tallyVotes(cast),
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

/** The votes for, against and abstaining among those cast. */
export function tallyVotes(votes: readonly { choice: VoteChoice }[]): VoteCount {
  const count = (choice: VoteChoice) => votes.filter((vote) => vote.choice === choice).length
  return { for: count('for'), against: count('against'), abstain: count('abstain') }
}

import * as z from 'zod'
import { action, change, noInput } from './api'
import { dateSchema, idSchema, text } from './common'
import {
  meetingStatuses,
  noticeDaysRange,
  passThresholdAllowed,
  quorumAllowed,
  voteChoices,
  type CouncilSettings,
  type MeetingStatus,
  type ResolutionStatus,
  type VoteChoice,
  type VoteCount,
} from './council-rules'
import type { Photo } from './photos'
import type { VillageDay } from './village-time'

// 乡村夜话: the council's meetings, their minutes, and the resolutions they hand to 两委.

/** 积分管理细则: the points a member earns for each deed, as the village sets them. */
export interface PointRules {
  /** For being present at a meeting. */
  attending: number
  /** For each statement on the record. */
  speaking: number
  /** For each topic passed that the member made, or filed a suggestion in. */
  topicPassed: number
}
export const defaultPointRules: PointRules = { attending: 2, speaking: 1, topicPassed: 3 }

/** The village's meeting rules as the chair reads and sets them. */
export interface CouncilRules extends CouncilSettings {
  points: PointRules
}

export const meetingStatusLabels: Record<MeetingStatus, string> = {
  announced: '已通知',
  open: '进行中',
  closed: '已结束',
}

/** Someone invited: a council member, or a named guest (法律顾问, 种植大户 …). */
export interface Invitee {
  id: string
  name: string
  /** A council member: counted for the quorum, may vote. */
  member: boolean
  /** A guest's who-they-are (法律顾问 …), else null. */
  guestNote: string | null
  checkedInAt: string | null
  /** The reader's own row, worked out for each reader (as `myVote` is), in frozen minutes too. */
  isMe: boolean
}

export interface Statement {
  /** 1, 2, 3 … in the order spoken. */
  position: number
  inviteeId: string
  speakerName: string
  text: string
  at: string
}

export interface CastVote {
  name: string
  choice: VoteChoice
}

export interface ProgressUpdate {
  text: string
  finished: boolean
  byName: string
  at: string
  /**
   * The report's photos this reader may see (as a suggestion's: the reporter sees each with what
   * its check said). Meeting minutes carry none: a photo's address expires, the minutes do not.
   */
  photos: Photo[]
}

/** 决议: what a meeting decided on a topic, handed to 两委. */
export interface Resolution {
  id: string
  topicId: string
  topicTitle: string
  meetingId: string
  decision: string
  /** Who carries it out (村两委, or a named cadre). */
  executor: string
  dueOn: VillageDay
  status: ResolutionStatus
  /** Not finished by its due day (village time): flagged to the chair. */
  overdue: boolean
  /** Oldest first. */
  progress: ProgressUpdate[]
  closeOut: { meetingId: string; note: string; at: string } | null
  createdAt: string
}

export const resolutionStatusLabels: Record<ResolutionStatus, string> = {
  inProgress: '办理中',
  finished: '已办完，待销号',
  closedOut: '已销号',
}

/** One topic of a meeting: what was said, how each member voted, what came of it. */
export interface AgendaItem {
  topicId: string
  title: string
  position: number
  statements: Statement[]
  votes: VoteCount
  /** Who voted how, in the order the votes came. */
  cast: CastVote[]
  /** The caller's own vote on it, else null. */
  myVote: VoteChoice | null
  /** Null while the vote is on. */
  outcome: 'passed' | 'notPassed' | null
  /** Members present when the vote was counted. */
  present: number | null
  resolution: Resolution | null
}

export interface CloseOutRecord {
  position: number
  resolutionId: string
  topicTitle: string
  note: string
  at: string
}

/** A meeting and its minutes: live while it runs, frozen as they stood once it is closed. */
export interface Meeting {
  id: string
  place: string
  startsAt: string
  status: MeetingStatus
  scheduledByName: string
  /** Council members invited: the quorum is counted against them. */
  memberCount: number
  /** Members that must be present to open (the village's quorum rule). */
  quorumCount: number
  membersPresent: number
  invitees: Invitee[]
  /** 销号 at this meeting, one by one, in order. */
  closeOuts: CloseOutRecord[]
  agenda: AgendaItem[]
  openedAt: string | null
  closedAt: string | null
}

export interface MeetingSummary {
  id: string
  place: string
  startsAt: string
  status: MeetingStatus
  topicTitles: string[]
}

const share = z.strictObject({
  numerator: z.number().int().min(1).max(100),
  denominator: z.number().int().min(1).max(100),
})
const points = z.number().int().min(0).max(100)
export const councilRulesSchema = z.strictObject({
  noticeDays: z.number().int().min(noticeDaysRange.min).max(noticeDaysRange.max),
  quorum: share.refine(quorumAllowed, '到会人数不能少于成员的一半'),
  passThreshold: share.refine(
    passThresholdAllowed,
    '通过票数至少要过到会人数的一半，且不能要求全体',
  ),
  points: z.strictObject({ attending: points, speaking: points, topicPassed: points }),
})

const meetingId = z.strictObject({ meetingId: idSchema })
const onTopic = meetingId.extend({ topicId: idSchema })

export const resolutionSchema = z.strictObject({
  decision: text(1000, 1, 'multi'),
  executor: text(40),
  dueOn: dateSchema,
})

export const meetingsContract = {
  meetingRules: action<CouncilRules>()(noInput),
  /** The chair sets the notice days, quorum, pass threshold and points. */
  saveMeetingRules: change<CouncilRules>()(councilRulesSchema),
  /**
   * The chair announces a meeting of approved topics, no sooner than the notice period (in
   * village days); the council members and the named guests are invited, and all told.
   */
  scheduleMeeting: change<Meeting>()(
    z.strictObject({
      topicIds: z.array(idSchema).min(1).max(20),
      place: text(60),
      startsAt: z.iso.datetime(),
      guests: z
        .array(z.strictObject({ name: text(20), note: text(40, 0).default('') }))
        .max(20)
        .default([]),
    }),
  ),
  /** The village's meetings, newest first. */
  meetings: action<MeetingSummary[]>()(
    z.strictObject({ status: z.enum(meetingStatuses).optional() }).default({}),
  ),
  /** A meeting with its minutes. */
  meeting: action<Meeting>()(meetingId),
  /** Attendance: a member checks in themselves; the chair checks in anyone invited. */
  checkIn: change<Meeting>()(meetingId.extend({ inviteeId: idSchema.optional() })),
  /** Only with the quorum present, not before the meeting's day. */
  openMeeting: change<Meeting>()(meetingId),
  /** 销号 of a finished resolution, on the record; before any topic is taken up. */
  closeOut: change<Meeting>()(
    meetingId.extend({ resolutionId: idSchema, note: text(500, 0, 'multi').default('') }),
  ),
  /** The chair records who said what on a topic, in the order spoken. */
  recordStatement: change<Meeting>()(
    onTopic.extend({ inviteeId: idSchema, text: text(1000, 1, 'multi') }),
  ),
  /** A member present votes once per topic. */
  vote: change<Meeting>()(onTopic.extend({ choice: z.enum(voteChoices) })),
  /**
   * The chair ends a topic's vote: it passes by the village's threshold of those present, and a
   * passed topic becomes a resolution (required then) with its executor and due day.
   */
  decideTopic: change<Meeting>()(onTopic.extend({ resolution: resolutionSchema.optional() })),
  /** Every topic decided: the minutes are frozen. */
  closeMeeting: change<Meeting>()(meetingId),
  /** The minutes as a Word document the village can print. */
  exportMinutes: action<{ fileName: string; base64: string }>()(meetingId),
}

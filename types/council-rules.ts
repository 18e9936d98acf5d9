import { addVillageDays, villageDayOf, type VillageDay } from './village-time'

// The rules of the 百姓议事会 that the server enforces and the council's screens show before a
// tap (how many more members must arrive, the earliest meeting day, whether a topic passed). One
// definition here, so a screen never promises what the server then refuses.

/** A share as a fraction of whole numbers: 2/3 is exact, 0.67 is not (0.67 × 9 is more than 6). */
export interface Share {
  numerator: number
  denominator: number
}

/** The village's council settings, with the values a new village starts from. */
export interface CouncilSettings {
  /** Days between announcing a meeting and holding it, in village days (1–3). */
  noticeDays: number
  /** Members present for a meeting to open, as a share of all council members. */
  quorum: Share
  /** Votes for, as a share of those present, that a topic must exceed to pass. */
  passThreshold: Share
}

export const defaultCouncilSettings: CouncilSettings = {
  noticeDays: 2,
  quorum: { numerator: 2, denominator: 3 },
  passThreshold: { numerator: 1, denominator: 2 },
}

export const noticeDaysRange = { min: 1, max: 3 } as const

/** A quorum may be set higher than the default, never below half of the members. */
export function quorumAllowed(quorum: Share): boolean {
  return shareValid(quorum) && quorum.numerator * 2 >= quorum.denominator
}

/**
 * A pass threshold of at least half (a topic must win more than that share), and short of
 * everyone: no vote can win more than all of those present.
 */
export function passThresholdAllowed(threshold: Share): boolean {
  return (
    shareValid(threshold) &&
    threshold.numerator * 2 >= threshold.denominator &&
    threshold.numerator < threshold.denominator
  )
}

const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1–100 in Chinese numerals, as a share is read aloud (三分之二, 十分之七). */
function chineseNumber(value: number): string {
  if (value === 100) return '一百'
  if (value < 10) return chineseDigits[value]
  const tens = Math.floor(value / 10)
  const ones = value % 10
  return `${tens === 1 ? '' : chineseDigits[tens]}十${ones === 0 ? '' : chineseDigits[ones]}`
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b)
}

/** A share the way a cadre says it: 一半, 三分之二, 全体; 4/6 reads as 三分之二. */
export function shareLabel({ numerator, denominator }: Share): string {
  const divisor = greatestCommonDivisor(numerator, denominator)
  const top = numerator / divisor
  const bottom = denominator / divisor
  if (top === bottom) return '全体'
  if (top * 2 === bottom) return '一半'
  return `${chineseNumber(bottom)}分之${chineseNumber(top)}`
}

/** The fewest votes for that pass a topic with `present` members there. */
export function votesToPass(present: number, threshold: Share): number {
  return Math.floor((present * threshold.numerator) / threshold.denominator) + 1
}

function shareValid({ numerator, denominator }: Share): boolean {
  return (
    Number.isInteger(numerator) &&
    Number.isInteger(denominator) &&
    denominator > 0 &&
    numerator > 0 &&
    numerator <= denominator
  )
}

/** The fewest members present for a meeting of `members` to open (at least one). */
export function quorumCount(members: number, quorum: Share): number {
  // Whole-number ceiling of members × numerator / denominator: no floating point.
  return Math.max(1, Math.ceil((members * quorum.numerator) / quorum.denominator))
}

export function quorumReached(present: number, members: number, quorum: Share): boolean {
  return members > 0 && present >= quorumCount(members, quorum)
}

/** The first village day a meeting announced at `now` may be held on. */
export function earliestMeetingDay(now: Date | string, noticeDays: number): VillageDay {
  return addVillageDays(villageDayOf(now), noticeDays)
}

/** True when a meeting starting at `startsAt` respects the notice period, counted in village days. */
export function noticeRespected(
  now: Date | string,
  startsAt: Date | string,
  noticeDays: number,
): boolean {
  return villageDayOf(startsAt) >= earliestMeetingDay(now, noticeDays)
}

export const voteChoices = ['for', 'against', 'abstain'] as const
export type VoteChoice = (typeof voteChoices)[number]
export const voteChoiceLabels: Record<VoteChoice, string> = {
  for: '同意',
  against: '反对',
  abstain: '弃权',
}

export interface VoteCount {
  for: number
  against: number
  abstain: number
}

/**
 * A topic passes when the votes for are more than the threshold's share of the members present
 * (not of the votes cast: an abstention or a member who does not vote counts against passing).
 */
export function topicPasses(votes: VoteCount, present: number, threshold: Share): boolean {
  return present > 0 && votes.for * threshold.denominator > present * threshold.numerator
}

/** The steps of a topic, from its making to its end. */
export const topicStatuses = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'scheduled',
  'passed',
  'notPassed',
] as const
export type TopicStatus = (typeof topicStatuses)[number]

const topicMoves: Record<TopicStatus, readonly TopicStatus[]> = {
  // Submitted for 会前预审; a rejection for 准备不充分 sends it back to draft to rework.
  draft: ['submitted'],
  submitted: ['approved', 'rejected', 'draft'],
  approved: ['scheduled'],
  rejected: [],
  // Put on a meeting's agenda; the meeting's vote decides it.
  scheduled: ['passed', 'notPassed', 'approved'],
  passed: [],
  notPassed: [],
}

export function topicMoveAllowed(from: TopicStatus, to: TopicStatus): boolean {
  return topicMoves[from].includes(to)
}

/** The reasons 村党组织 may give for not letting a topic be deliberated, and nothing else. */
export const preReviewRejections = [
  'insufficientPreparation',
  'coveredByLaw',
  'coveredByRules',
] as const
export type PreReviewRejection = (typeof preReviewRejections)[number]
export const preReviewRejectionLabels: Record<PreReviewRejection, string> = {
  insufficientPreparation: '准备不充分',
  coveredByLaw: '法律政策已有规定',
  coveredByRules: '村规民约已有约定',
}

/** Only insufficient preparation can be reworked and submitted again. */
export function rejectionEndsTopic(reason: PreReviewRejection): boolean {
  return reason !== 'insufficientPreparation'
}

/** A meeting's steps: announced, opened once the quorum is present, closed (minutes frozen). */
export const meetingStatuses = ['announced', 'open', 'closed'] as const
export type MeetingStatus = (typeof meetingStatuses)[number]

/** Resolutions handed to 两委: in progress, finished (waiting for 销号), closed out at a meeting. */
export const resolutionStatuses = ['inProgress', 'finished', 'closedOut'] as const
export type ResolutionStatus = (typeof resolutionStatuses)[number]

/** Only a finished resolution is closed out, and only at a meeting that is open. */
export function closeOutAllowed(resolution: ResolutionStatus, meeting: MeetingStatus): boolean {
  return resolution === 'finished' && meeting === 'open'
}

/** A resolution not finished by its due day (village time) is flagged to the chair. */
export function resolutionOverdue(
  resolution: { status: ResolutionStatus; dueOn: VillageDay },
  now: Date | string,
): boolean {
  return resolution.status === 'inProgress' && villageDayOf(now) > resolution.dueOn
}

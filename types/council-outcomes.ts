import * as z from 'zod'
import { action, change } from './api'
import { idSchema, pageCursorSchema, text } from './common'
import type { Resolution } from './council-meetings'
import { resolutionStatuses, type TopicStatus } from './council-rules'
import type { Suggestion } from './council'
import { photoIdsSchema } from './photos'
import type { GrantableRole } from './roles'

// 民主评事: resolutions carried out by 两委, closed out, rated, and shown to the whole village.

/** 民主评事: how the villager behind a closed-out resolution rates its outcome. */
export const councilRatings = ['satisfied', 'mostlySatisfied', 'dissatisfied'] as const
export type CouncilRating = (typeof councilRatings)[number]
export const councilRatingLabels: Record<CouncilRating, string> = {
  satisfied: '满意',
  mostlySatisfied: '基本满意',
  dissatisfied: '不满意',
}

/** Who reads the resolutions: the council, and 村两委 who carry them out. */
export const resolutionReaders = [
  'councilMember',
  'councilChair',
  'partyReviewer',
  'villageCommittee',
] as const satisfies readonly GrantableRole[]

/** A topic on the village's public board, as any villager of the village reads it. */
export interface BoardItem {
  topicId: string
  title: string
  status: TopicStatus
  /** How many suggestions it holds. */
  suggestionCount: number
  /** The filers who let their name be shown; the others are only counted. */
  shownNames: string[]
  /** The 会前预审 reason when it is not deliberated (准备不充分 …), else null. */
  notDeliberatedReason: string | null
  resolution: Pick<
    Resolution,
    'decision' | 'executor' | 'dueOn' | 'status' | 'overdue' | 'progress' | 'closeOut'
  > | null
  createdAt: string
  updatedAt: string
}

/** A year's 公开 figures of the council. */
export interface CouncilFigures {
  year: number
  /** Suggestions filed (refused by the content check not counted). */
  received: number
  /** Of those, answered, declined or taken into a topic within 7 days of filing. */
  answeredWithin7Days: number
  /** Resolutions passed. */
  resolved: number
  /** Resolutions closed out. */
  closedOut: number
  ratings: { satisfied: number; mostlySatisfied: number; dissatisfied: number }
  /** 满意 3, 基本满意 2, 不满意 1, averaged to one decimal; null without ratings. */
  averageRating: number | null
}

/** One council member's points for a year (积分管理细则). */
export interface PointsRow {
  rank: number
  name: string
  attended: number
  statements: number
  topicsPassed: number
  points: number
  /** The caller's own row, to be found on a long ranking (names may repeat). */
  mine: boolean
}

/** The years the council's figures and points can be asked for. */
export const councilYears = { min: 2000, max: 2100 }
const year = z.number().int().min(councilYears.min).max(councilYears.max)

export const outcomesContract = {
  /** Resolutions of the village, due first; `overdue` flags the late ones to the chair. */
  resolutions: action<Resolution[]>()(
    z.strictObject({ status: z.enum(resolutionStatuses).optional() }).default({}),
  ),
  /** 两委 report progress; `finished` hands it to the next meeting for 销号. */
  reportProgress: change<Resolution>()(
    z.strictObject({
      resolutionId: idSchema,
      text: text(500, 1, 'multi'),
      finished: z.boolean(),
      /** Photos uploaded first, as a suggestion's (the gateway's /api/upload, or photos.register). */
      photoIds: photoIdsSchema.default([]),
    }),
  ),
  /** The author rates a closed-out outcome, once. */
  rateSuggestion: change<Suggestion>()(
    z.strictObject({
      suggestionId: idSchema,
      rating: z.enum(councilRatings),
      comment: text(300, 0, 'multi').default(''),
    }),
  ),
  /** The public board of my village: newest first, 20 a page. */
  board: action<BoardItem[]>()(z.strictObject({ before: pageCursorSchema.optional() }).default({})),
  /** The year's 公开 figures. */
  figures: action<CouncilFigures>()(z.strictObject({ year })),
  /** The members' points for a year, highest first. */
  points: action<PointsRow[]>()(z.strictObject({ year })),
}

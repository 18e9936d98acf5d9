import * as z from 'zod'
import { action, change, noInput } from './api'
import { idSchema, text } from './common'
import { photoIdsSchema, type Photo } from './photos'
import type { GrantableRole, Role } from './roles'

/** Who works the council's inbox and sees who filed an anonymous suggestion. */
export const councilRoles = [
  'councilMember',
  'councilChair',
  'partyReviewer',
] as const satisfies readonly GrantableRole[]
export const onCouncil = (roles: readonly Role[]) =>
  roles.some((role) => (councilRoles as readonly Role[]).includes(role))

export const suggestionCategories = [
  'villageAppearance',
  'roadsAndTraffic',
  'industry',
  'ceremonies',
  'disputes',
  'livelihood',
  'other',
] as const
export type SuggestionCategory = (typeof suggestionCategories)[number]
export const suggestionCategoryLabels: Record<SuggestionCategory, string> = {
  villageAppearance: '村容村貌',
  roadsAndTraffic: '道路交通',
  industry: '产业发展',
  ceremonies: '红白喜事',
  disputes: '矛盾纠纷',
  livelihood: '民生服务',
  other: '其他',
}

/** Where a suggestion stands; `answered` and `declined` end it without a topic. */
export const suggestionStatuses = ['received', 'answered', 'declined', 'inTopic'] as const
export type SuggestionStatus = (typeof suggestionStatuses)[number]
export const suggestionStatusLabels: Record<SuggestionStatus, string> = {
  received: '议事会已收到',
  answered: '已答复',
  declined: '未采纳',
  inTopic: '已列为议题',
}

/**
 * The content check before anyone else reads a suggestion: `passed`; `held` for a council member
 * to read first (WeChat was unsure, or could not be asked); `refused` (only its author sees it).
 */
export const contentChecks = ['passed', 'held', 'refused'] as const
export type ContentCheck = (typeof contentChecks)[number]

/** One step of a suggestion's way, as its author and the council read it. */
export interface SuggestionStep {
  kind: 'filed' | 'held' | 'refused' | 'released' | 'answered' | 'declined' | 'inTopic'
  /** The plain words shown for the step (the answer, the reason …). */
  text: string
  at: string
}

export interface Suggestion {
  id: string
  title: string
  body: string
  category: SuggestionCategory
  /** Whether the author lets their name be shown on the public board. */
  showName: boolean
  status: SuggestionStatus
  contentCheck: ContentCheck
  /** Who filed it, as 张秀英（3号）: for the author and the council only, else null. */
  filedByName: string | null
  filedAt: string
  steps: SuggestionStep[]
  /**
   * Its photos this reader may see: its author sees each with what its check said; the council
   * sees it only once every photo passed (or waits for a person's look).
   */
  photos: Photo[]
}

export const suggestionSchema = z.strictObject({
  title: text(40),
  body: text(1000, 1, 'multi'),
  category: z.enum(suggestionCategories),
  showName: z.boolean(),
  /** Photos uploaded first (the gateway's /api/upload, or photos.register). */
  photoIds: photoIdsSchema.default([]),
})

const suggestionId = z.strictObject({ suggestionId: idSchema })

export const councilContract = {
  fileSuggestion: change<Suggestion>()(suggestionSchema),
  /** 我的建议, newest first, each with its steps. */
  mySuggestions: action<Suggestion[]>()(noInput),
  /** The council's inbox: suggestions not yet answered, declined or put in a topic, oldest first. */
  inbox: action<Suggestion[]>()(noInput),
  /** A held suggestion read by a member and found fit: the village may see it. */
  release: change<Suggestion>()(suggestionId),
  answer: change<Suggestion>()(suggestionId.extend({ answer: text(500, 1, 'multi') })),
  decline: change<Suggestion>()(suggestionId.extend({ reason: text(500, 1, 'multi') })),
}

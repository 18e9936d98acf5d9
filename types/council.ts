import * as z from 'zod'
import { action, change, noInput } from './api'
import { idSchema, text } from './common'
import { meetingsContract } from './council-meetings'
import { outcomesContract, type CouncilRating } from './council-outcomes'
import {
  preReviewRejectionLabels,
  topicStatuses,
  type PreReviewRejection,
  type TopicStatus,
} from './council-rules'
import { photoIdsSchema, type Photo } from './photos'

export { councilRoles, onCouncil } from './council-roles'

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

/**
 * The kinds of step on a suggestion's timeline. After `inTopic` the steps are its topic's:
 * submitted for 会前预审, approved, sent back to rework (准备不充分), not deliberated (already
 * settled by law or by the rules: the article comes with the step), on a meeting's agenda, passed
 * (a resolution) or not, progress of the resolution, closed out (销号), rated.
 */
export const suggestionStepKinds = [
  'filed',
  'held',
  'refused',
  'released',
  'answered',
  'declined',
  'inTopic',
  'submitted',
  'approved',
  'sentBack',
  'notDeliberated',
  'onAgenda',
  'passed',
  'notPassed',
  'progress',
  'finished',
  'closedOut',
  'rated',
] as const
export type SuggestionStepKind = (typeof suggestionStepKinds)[number]

/** An article of the village rules a step points to (a topic the rules already cover). */
export interface StepArticle {
  id: string
  /** 第 n 条, numbered through its version. */
  number: number
  text: string
}

/** One step of a suggestion's way, as its author and the council read it. */
export interface SuggestionStep {
  kind: SuggestionStepKind
  /** The plain words shown for the step (the answer, the reason …). */
  text: string
  at: string
  /** The article of the rules behind a `notDeliberated` step, else null. */
  article: StepArticle | null
  /** The photos of a `progress` or `finished` step's report this reader may see; else none. */
  photos: Photo[]
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
  /** The topic it was taken into, else null. */
  topicId: string | null
  /** The author's rating of the outcome (once, after the close-out), else null. */
  rating: { rating: CouncilRating; comment: string; at: string } | null
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

/** One item of a topic's materials checklist (现场照片, 费用测算, 征求意见表 …). */
export interface TopicMaterial {
  item: string
  ready: boolean
}

/** One 会前预审 decision on a topic, as the council and the villagers behind it read it. */
export interface PreReview {
  outcome: 'approved' | PreReviewRejection
  /** 审核通过, or the reason's label (准备不充分 …). */
  outcomeLabel: string
  /** The reviewer's words (for 准备不充分: what to rework), or '' */
  note: string
  /** For 法律政策已有规定: which law or policy. */
  law: string | null
  /** For 村规民约已有约定: the article of the rules (current when the review was made). */
  article: StepArticle | null
  reviewedByName: string
  at: string
}

/** A suggestion as a topic lists it. */
export interface TopicSuggestion {
  id: string
  title: string
  filedByName: string
}

/** 议题: made from one or more suggestions, prepared, pre-reviewed, deliberated. */
export interface Topic {
  id: string
  title: string
  background: string
  options: string
  materials: TopicMaterial[]
  status: TopicStatus
  suggestions: TopicSuggestion[]
  /** Newest last. */
  preReviews: PreReview[]
  createdByName: string
  createdAt: string
  updatedAt: string
}

export const topicStatusLabels: Record<TopicStatus, string> = {
  draft: '准备中',
  submitted: '待预审',
  approved: '预审通过',
  rejected: '不上会',
  scheduled: '已排会',
  passed: '已通过',
  notPassed: '未通过',
}

const topicFields = {
  title: text(40),
  background: text(2000, 0, 'multi').default(''),
  options: text(2000, 0, 'multi').default(''),
  materials: z
    .array(z.strictObject({ item: text(40), ready: z.boolean() }))
    .max(20)
    .default([]),
}
const suggestionIds = z.array(idSchema).min(1).max(50)
const topicId = z.strictObject({ topicId: idSchema })

/** 会前预审: approve, or reject with exactly one reason and what that reason needs. */
export const preReviewSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    topicId: idSchema,
    outcome: z.literal('approved'),
    note: text(500, 0, 'multi').default(''),
  }),
  z.strictObject({
    topicId: idSchema,
    outcome: z.literal('insufficientPreparation'),
    note: text(500, 1, 'multi'),
  }),
  z.strictObject({ topicId: idSchema, outcome: z.literal('coveredByLaw'), law: text(200) }),
  z.strictObject({ topicId: idSchema, outcome: z.literal('coveredByRules'), articleId: idSchema }),
])
export const preReviewOutcomeLabels: Record<PreReview['outcome'], string> = {
  approved: '预审通过',
  ...preReviewRejectionLabels,
}

export { councilRatingLabels, councilRatings, type CouncilRating } from './council-outcomes'

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
  /** Takes received suggestions into a new topic (several merge into one). */
  createTopic: change<Topic>()(z.strictObject({ suggestionIds, ...topicFields })),
  /** Takes more received suggestions into a topic not yet decided (a merge). */
  addToTopic: change<Topic>()(topicId.extend({ suggestionIds })),
  /** Background, options and the materials checklist, while the topic is being prepared. */
  editTopic: change<Topic>()(topicId.extend(topicFields)),
  /** To 会前预审: only with every material ready. */
  submitTopic: change<Topic>()(topicId),
  /** 党组织审核人's decision. */
  preReview: change<Topic>()(preReviewSchema),
  /** The council's topics, newest first, optionally of one status. */
  topics: action<Topic[]>()(
    z.strictObject({ status: z.enum(topicStatuses).optional() }).default({}),
  ),
  topic: action<Topic>()(topicId),
  ...meetingsContract,
  ...outcomesContract,
}

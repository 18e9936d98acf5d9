import * as z from 'zod'
import { action, change, noInput } from './api'
import { text, yuan } from './common'
import type { RulesArticle } from './rules'

export const ceremonyTypes = [
  'wedding',
  'funeral',
  'schoolAdmission',
  'houseWarming',
  'fullMonth',
  'longevity',
] as const
export type CeremonyType = (typeof ceremonyTypes)[number]
export const ceremonyTypeLabels: Record<CeremonyType, string> = {
  wedding: '婚嫁',
  funeral: '丧葬',
  schoolAdmission: '升学',
  houseWarming: '乔迁',
  fullMonth: '满月',
  longevity: '祝寿',
}

export const relationships = ['relative', 'neighborFriend'] as const
export type Relationship = (typeof relationships)[number]
export const relationshipLabels: Record<Relationship, string> = {
  relative: '亲属',
  neighborFriend: '邻里朋友',
}

/** The ceremony council's "二长四员". */
export const ceremonyCouncilPosts = [
  'chair',
  'supervisor',
  'inspector',
  'coordinator',
  'organizer',
  'cashier',
] as const
export type CeremonyCouncilPost = (typeof ceremonyCouncilPosts)[number]
export const ceremonyCouncilPostLabels: Record<CeremonyCouncilPost, string> = {
  chair: '理事长',
  supervisor: '监事长',
  inspector: '纪检员',
  coordinator: '协调员',
  organizer: '张罗员',
  cashier: '出纳员',
}

export interface GiftLimit {
  ceremonyType: CeremonyType
  relationship: Relationship
  /** Cap on one cash gift, whole yuan. */
  maxAmount: number
  note: string
}

export interface BanquetLimit {
  maxTables: number
  maxCostPerTable: number
  /** Per pack. */
  maxCigarettePrice: number
  /** Per bottle. */
  maxLiquorPrice: number
  maxCars: number
  maxBridePrice: number
  note: string
}

export interface CeremonyCouncilMember {
  post: CeremonyCouncilPost
  holderName: string
  phone: string | null
}

export interface CeremonyLimits {
  giftLimits: GiftLimit[]
  banquetLimit: BanquetLimit
  council: CeremonyCouncilMember[]
}

/** What the 随礼参考 helper shows for one ceremony and relationship. */
export interface GiftAdvice {
  giftLimit: GiftLimit
  banquetLimit: BanquetLimit
  /** Articles of the current village rules that speak to this ceremony. */
  articles: (RulesArticle & { versionId: string })[]
}

export const giftLimitUpdateSchema = z.strictObject({
  ceremonyType: z.enum(ceremonyTypes),
  relationship: z.enum(relationships),
  maxAmount: yuan(100000),
  note: text(200, 0, 'multi').default(''),
})

export const banquetLimitUpdateSchema = z.strictObject({
  maxTables: z.number().int().min(1).max(200),
  maxCostPerTable: yuan(10000),
  maxCigarettePrice: yuan(1000),
  maxLiquorPrice: yuan(5000),
  maxCars: z.number().int().min(0).max(100),
  maxBridePrice: yuan(1000000),
  note: text(500, 0, 'multi').default(''),
})

export const ceremonyContract = {
  limits: action<CeremonyLimits>()(noInput),
  giftAdvice: action<GiftAdvice>()(
    z.strictObject({ ceremonyType: z.enum(ceremonyTypes), relationship: z.enum(relationships) }),
  ),
  updateGiftLimit: change<GiftLimit>()(giftLimitUpdateSchema),
  updateBanquetLimit: change<BanquetLimit>()(banquetLimitUpdateSchema),
}

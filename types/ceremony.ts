import * as z from 'zod'
import { action, change, noInput } from './api'
import { text, yuan } from './common'
import type { RulesArticle } from './rules'
import {
  ceremonyTypes,
  relationships,
  type CeremonyCouncilPost,
  type CeremonyType,
  type Relationship,
} from './ceremony-labels'

export {
  ceremonyCouncilPostLabels,
  ceremonyCouncilPosts,
  ceremonyTypeLabels,
  ceremonyTypes,
  relationshipLabels,
  relationships,
  type CeremonyCouncilPost,
  type CeremonyType,
  type Relationship,
} from './ceremony-labels'

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

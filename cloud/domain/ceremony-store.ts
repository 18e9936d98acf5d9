import {
  ceremonyCouncilPosts,
  type CeremonyCouncilPost,
  ceremonyTypeLabels,
  ceremonyTypes,
  relationships,
  type BanquetLimit,
  type CeremonyType,
  type GiftLimit,
  type Relationship,
} from '../../types/ceremony'
import type { RulesVersion } from '../../types/rules'
import type { Db } from '../store/db'
import { notFound } from '../core/errors'
import type { Preload } from '../core/context'
import { jsonHelpers, parsedJson } from '../store/json'

type GiftLimitRow = Omit<GiftLimit, 'maxAmount'> & { maxAmount: number | string }
type BanquetLimitRow = {
  [K in keyof BanquetLimit]: BanquetLimit[K] | (K extends 'note' ? never : string)
}

const giftLimitColumns = ['ceremonyType', 'relationship', 'maxAmount', 'note'] as const
const banquetLimitColumns = [
  'maxTables',
  'maxCostPerTable',
  'maxCigarettePrice',
  'maxLiquorPrice',
  'maxCars',
  'maxBridePrice',
  'note',
] as const

/** Shown in the order the contract lists ceremony types and relationships, not the store's. */
function toGiftLimits(rows: GiftLimitRow[]): GiftLimit[] {
  const rank = (row: { ceremonyType: CeremonyType; relationship: Relationship }) =>
    ceremonyTypes.indexOf(row.ceremonyType) * 10 + relationships.indexOf(row.relationship)
  return rows
    .sort((a, b) => rank(a) - rank(b))
    .map((row) => ({
      ceremonyType: row.ceremonyType,
      relationship: row.relationship,
      maxAmount: Number(row.maxAmount),
      note: row.note,
    }))
}

function toBanquetLimit(row: BanquetLimitRow | undefined): BanquetLimit {
  if (!row) throw notFound('本村的酒席标准')
  return {
    maxTables: Number(row.maxTables),
    maxCostPerTable: Number(row.maxCostPerTable),
    maxCigarettePrice: Number(row.maxCigarettePrice),
    maxLiquorPrice: Number(row.maxLiquorPrice),
    maxCars: Number(row.maxCars),
    maxBridePrice: Number(row.maxBridePrice),
    note: row.note,
  }
}

export async function loadGiftLimits(db: Db, villageId: string): Promise<GiftLimit[]> {
  return toGiftLimits(
    await db
      .selectFrom('giftLimits')
      .select(giftLimitColumns)
      .where('villageId', '=', villageId)
      .execute(),
  )
}

export async function loadBanquetLimit(db: Db, villageId: string): Promise<BanquetLimit> {
  return toBanquetLimit(
    await db
      .selectFrom('banquetLimits')
      .select(banquetLimitColumns)
      .where('villageId', '=', villageId)
      .executeTakeFirst(),
  )
}

type CouncilRow = { post: CeremonyCouncilPost; holderName: string; phone: string }
type LimitsRow = BanquetLimitRow & { giftLimits: unknown; council: unknown }

/**
 * The village's gift limits, banquet limit and 红白理事会 as ONE JSON value (the banquet row with
 * the other two as lists): what `ceremony.limits` answers, sent with the caller's identity, where
 * each round trip to PostgreSQL counts (issue 9). The council comes in post order, phones as
 * stored: who may see them is the caller's to decide.
 */
export const ceremonyLimitsPreload: Preload<CeremonyLimits> = {
  name: 'ceremony limits',
  select: (db, villageId) => {
    const { jsonObjectFrom, jsonArrayFrom } = jsonHelpers(db)
    return jsonObjectFrom(
      db
        .selectFrom('banquetLimits')
        .select(banquetLimitColumns)
        .select((eb) => [
          jsonArrayFrom(
            eb.selectFrom('giftLimits').select(giftLimitColumns).where('villageId', '=', villageId),
          ).as('giftLimits'),
          jsonArrayFrom(
            eb
              .selectFrom('ceremonyCouncilMembers')
              .select(['post', 'holderName', 'phone'])
              .where('villageId', '=', villageId),
          ).as('council'),
        ])
        .where('villageId', '=', villageId),
    )
  },
  read: (value) => {
    const row = parsedJson<LimitsRow | null>(value)
    const { giftLimits, council, ...banquet } = row ?? { giftLimits: [], council: [] }
    return {
      banquetLimit: toBanquetLimit(row ? (banquet as BanquetLimitRow) : undefined),
      giftLimits: toGiftLimits(parsedJson<GiftLimitRow[]>(giftLimits)),
      council: parsedJson<CouncilRow[]>(council).sort(
        (a, b) => ceremonyCouncilPosts.indexOf(a.post) - ceremonyCouncilPosts.indexOf(b.post),
      ),
    }
  },
}

export interface CeremonyLimits {
  banquetLimit: BanquetLimit
  giftLimits: GiftLimit[]
  council: CouncilRow[]
}

/** Words that show a village-rules article speaks to a ceremony, besides the general 红白喜事. */
const ceremonyKeywords: Record<CeremonyType, string[]> = {
  wedding: ['婚', '彩礼', '嫁'],
  funeral: ['丧', '殡', '葬', '白事'],
  schoolAdmission: ['升学', '谢师'],
  houseWarming: ['乔迁', '新居', '建房'],
  fullMonth: ['满月', '生育', '添丁'],
  longevity: ['祝寿', '寿宴', '做寿'],
}
const generalKeywords = ['红白喜事', '红白理事会', '礼金', '人情', '大操大办']

/** The articles of a rules version that apply to one ceremony type. */
export function articlesFor(version: RulesVersion | null, ceremonyType: CeremonyType) {
  if (!version) return []
  const keywords = [
    ...ceremonyKeywords[ceremonyType],
    ceremonyTypeLabels[ceremonyType],
    ...generalKeywords,
  ]
  return version.chapters
    .flatMap((chapter) => chapter.articles)
    .filter((article) => keywords.some((keyword) => article.text.includes(keyword)))
    .map((article) => ({ ...article, versionId: version.id }))
}

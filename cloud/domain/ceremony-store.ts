import {
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
import { runPrepared } from '../store/prepared'

export async function loadGiftLimits(db: Db, villageId: string): Promise<GiftLimit[]> {
  const rows = await runPrepared(
    db,
    'gift limits',
    (village) =>
      db
        .selectFrom('giftLimits')
        .select(['ceremonyType', 'relationship', 'maxAmount', 'note'])
        .where('villageId', '=', village),
    [villageId],
  )
  // Shown in the order the contract lists ceremony types and relationships, not the store's.
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

export async function loadBanquetLimit(db: Db, villageId: string): Promise<BanquetLimit> {
  const [row] = await runPrepared(
    db,
    'banquet limit',
    (village) =>
      db
        .selectFrom('banquetLimits')
        .select([
          'maxTables',
          'maxCostPerTable',
          'maxCigarettePrice',
          'maxLiquorPrice',
          'maxCars',
          'maxBridePrice',
          'note',
        ])
        .where('villageId', '=', village),
    [villageId],
  )
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

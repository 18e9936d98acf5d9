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
import { sql, type Expression } from 'kysely'
import { runPrepared } from '../store/prepared'
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
 * the other two as lists), read with the village's limits version in one query.
 */
function limitsQuery(db: Db, villageId: Expression<string>) {
  const { jsonObjectFrom, jsonArrayFrom } = jsonHelpers(db)
  return db
    .selectFrom('villages')
    .select((eb) => [
      'ceremonyLimitsVersion',
      jsonObjectFrom(
        eb
          .selectFrom('banquetLimits')
          .select(banquetLimitColumns)
          .select((inner) => [
            jsonArrayFrom(
              inner
                .selectFrom('giftLimits')
                .select(giftLimitColumns)
                .where('villageId', '=', villageId),
            ).as('giftLimits'),
            jsonArrayFrom(
              inner
                .selectFrom('ceremonyCouncilMembers')
                .select(['post', 'holderName', 'phone'])
                .where('villageId', '=', villageId),
            ).as('council'),
          ])
          .where('villageId', '=', villageId),
      ).as('limits'),
    ])
    .where('id', '=', villageId)
}

/** The limits from their JSON value; the council in post order, phones as stored. */
function readLimits(value: unknown): CeremonyLimits {
  const row = parsedJson<LimitsRow | null>(value)
  const { giftLimits, council, ...banquet } = row ?? { giftLimits: [], council: [] }
  return {
    banquetLimit: toBanquetLimit(row ? (banquet as BanquetLimitRow) : undefined),
    giftLimits: toGiftLimits(parsedJson<GiftLimitRow[]>(giftLimits)),
    council: parsedJson<CouncilRow[]>(council).sort(
      (a, b) => ceremonyCouncilPosts.indexOf(a.post) - ceremonyCouncilPosts.indexOf(b.post),
    ),
  }
}

/**
 * The village's ceremony limits version (bumped by triggers on every change to the limits,
 * migration 0018): what `ceremony.limits` sends with the caller's identity. Building the limits
 * as JSON on every call was half the call's work, in PostgreSQL and in the gateway (issue 9).
 */
export const ceremonyLimitsVersionPreload: Preload<number | null> = {
  name: 'ceremony limits version',
  select: (db, villageId) =>
    db.selectFrom('villages').select('ceremonyLimitsVersion').where('id', '=', villageId),
  read: (value) => (value == null ? null : Number(value)),
}

/** The limits each village had at a version, per store (a transaction shares its adapter). */
const keptLimits = new WeakMap<object, Map<string, { version: number; limits: CeremonyLimits }>>()
/** A county's villages each keep a few KB; oldest out first beyond this. */
const maxKeptVillages = 1000

/**
 * The village's limits at `version` (read by the caller with its identity): the kept ones when
 * they were read at that very version, else read again, with the version they were read at, in
 * one query. Every change bumps the version in its own transaction, so limits kept at a version
 * are what any snapshot at that version holds: a change through any process, or by hand in the
 * database, is answered from the next call on, never after some time to live. Who may see the
 * phones is still the caller's to decide.
 */
export async function ceremonyLimitsAt(
  db: Db,
  villageId: string,
  version: number | null,
): Promise<CeremonyLimits> {
  const key = db.getExecutor().adapter
  let villages = keptLimits.get(key)
  if (!villages) keptLimits.set(key, (villages = new Map()))
  const found = villages.get(villageId)
  if (found && found.version === version) return found.limits
  const [row] = await runPrepared(
    db,
    'ceremony limits with version',
    (village) => limitsQuery(db, sql<string>`${village}`),
    [villageId],
  )
  if (!row) throw notFound('本村')
  const kept = { version: Number(row.ceremonyLimitsVersion), limits: readLimits(row.limits) }
  villages.delete(villageId)
  if (villages.size >= maxKeptVillages) villages.delete(villages.keys().next().value as string)
  villages.set(villageId, kept)
  return kept.limits
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

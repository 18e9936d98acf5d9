import { ceremonyTypeLabels, type BanquetLimit, type CeremonyType } from './ceremony'
import {
  addVillageDays,
  formatVillageDate,
  formatVillageDateTime,
  villageDayOf,
  villageDayStart,
  type VillageDay,
} from './village-time'

// The rules of a ceremony filing (报备) that the family's form and the server both apply: the
// limit marks and the filing deadline. One definition here, so the form can never show a figure
// as within the limits that the server then marks, or the other way round.

/** The figures of a filing that the village's banquet limits cap. */
export const limitKinds = [
  'tables',
  'costPerTable',
  'cigarettePrice',
  'liquorPrice',
  'cars',
  'bridePrice',
] as const
export type LimitKind = (typeof limitKinds)[number]

export interface FilingFigures {
  tables: number
  costPerTable: number
  /** Per pack. */
  cigarettePrice: number
  /** Per bottle. */
  liquorPrice: number
  cars: number
  /** Weddings only; null when the family does not state one. */
  bridePrice: number | null
}

/** Which banquet limit caps each figure, and how a villager reads it. */
export const limitFields: Record<
  LimitKind,
  { limit: Exclude<keyof BanquetLimit, 'note'>; label: string; unit: string }
> = {
  tables: { limit: 'maxTables', label: '酒席桌数', unit: '桌' },
  costPerTable: { limit: 'maxCostPerTable', label: '每桌标准', unit: '元' },
  cigarettePrice: { limit: 'maxCigarettePrice', label: '香烟每包', unit: '元' },
  liquorPrice: { limit: 'maxLiquorPrice', label: '酒每瓶', unit: '元' },
  cars: { limit: 'maxCars', label: '用车', unit: '辆' },
  bridePrice: { limit: 'maxBridePrice', label: '彩礼', unit: '元' },
}

/** An article of the current village rules that a limit rests on. */
export interface LimitArticle {
  id: string
  /** 第 n 条 of the current version. */
  number: number
  text: string
}
export type LimitArticles = Partial<Record<LimitKind, LimitArticle>>

/** One figure over the village's limit: which limit, by how much, and the rule behind it. */
export interface LimitMark {
  kind: LimitKind
  figure: number
  limit: number
  /** Null when the current rules have no article about this limit. */
  article: LimitArticle | null
  /** What the form and the council read, e.g. 酒席桌数 25 桌，超过本村上限 20 桌（村规民约第 5 条）. */
  message: string
}

/** Whether a figure counts for this ceremony: the bride price only for a wedding. */
export const figureApplies = (kind: LimitKind, ceremonyType: CeremonyType) =>
  kind !== 'bridePrice' || ceremonyType === 'wedding'

/**
 * Every figure above its limit, in the order of `limitKinds`. Figures not given yet (the form
 * while it is being filled in) are skipped; a figure equal to its limit keeps to it.
 */
export function limitMarks(
  ceremonyType: CeremonyType,
  figures: Partial<Record<LimitKind, number | null>>,
  limits: BanquetLimit,
  articles: LimitArticles,
): LimitMark[] {
  return limitKinds.flatMap((kind) => {
    const figure = figures[kind]
    const { limit: limitKey, label, unit } = limitFields[kind]
    const limit = limits[limitKey]
    if (figure === null || figure === undefined || !figureApplies(kind, ceremonyType)) return []
    if (!(figure > limit)) return []
    const article = articles[kind] ?? null
    const basis = article ? `（村规民约第 ${article.number} 条）` : '（本村酒席标准）'
    const message = `${label} ${figure} ${unit}，超过本村上限 ${limit} ${unit}${basis}`
    return [{ kind, figure, limit, article, message }]
  })
}

/**
 * When a ceremony type must be filed: at least `noticeDays` village days before its date (a
 * happy event), and/or up to `lateHours` after its day has ended (a funeral, filed after the
 * fact). The last moment to file is the start of day `date − noticeDays + 1`, plus `lateHours`.
 */
export interface FilingDeadline {
  ceremonyType: CeremonyType
  noticeDays: number
  lateHours: number
}

/** What a village starts with until its ceremony council sets its own. */
export const defaultFilingDeadlines: Record<CeremonyType, Omit<FilingDeadline, 'ceremonyType'>> = {
  wedding: { noticeDays: 3, lateHours: 0 },
  funeral: { noticeDays: 0, lateHours: 24 },
  schoolAdmission: { noticeDays: 3, lateHours: 0 },
  houseWarming: { noticeDays: 3, lateHours: 0 },
  fullMonth: { noticeDays: 3, lateHours: 0 },
  longevity: { noticeDays: 3, lateHours: 0 },
}

/** How far ahead a ceremony can be filed, in days. */
export const maxDaysAhead = 366

/** The last instant (ISO UTC) at which a ceremony on `date` can be filed. */
export function filingDeadline(date: VillageDay, rule: FilingDeadline): string {
  const dayAfterLast = villageDayStart(addVillageDays(date, 1 - rule.noticeDays))
  return new Date(Date.parse(dayAfterLast) + rule.lateHours * 3600_000).toISOString()
}

/** How the rule reads to a family, e.g. 婚嫁要提前 3 天报备. */
export function deadlineText(rule: FilingDeadline): string {
  const label = ceremonyTypeLabels[rule.ceremonyType]
  if (rule.lateHours > 0) {
    const ahead = rule.noticeDays > 0 ? `提前 ${rule.noticeDays} 天报备，` : ''
    return `${label}${ahead}可在办事当天过后 ${rule.lateHours} 小时内补报`
  }
  return rule.noticeDays > 0 ? `${label}要提前 ${rule.noticeDays} 天报备` : `${label}最晚在当天报备`
}

/** Why a ceremony on `date` can no longer (or not yet) be filed at `now`; null when it can. */
export function filingTimeProblem(
  date: VillageDay,
  rule: FilingDeadline,
  now: Date,
): string | null {
  const today = villageDayOf(now)
  if (date > addVillageDays(today, maxDaysAhead)) return '日期太远了，请在一年之内的日子报备'
  const deadline = filingDeadline(date, rule)
  if (now.toISOString() < deadline) return null
  const last =
    rule.lateHours > 0
      ? formatVillageDateTime(deadline)
      : formatVillageDate(addVillageDays(date, -rule.noticeDays))
  return `已过报备期限：${deadlineText(rule)}，这次最晚是 ${last}`
}

import { ceremonyTypes, type CeremonyType } from '../../types/ceremony'
import type { FilingStatus, MonthlySummary, SummaryRow } from '../../types/ceremony-filing'
import { limitKinds, type LimitArticles, type LimitKind } from '../../types/ceremony-filing-rules'
import type { RulesVersion } from '../../types/rules'
import type { VillageMonth } from '../../types/village-time'

/**
 * Words that show an article of the village rules sets a limit, most telling first. The first
 * article (in the rules' order) holding one of them is the one a limit mark cites.
 */
const limitKeywords: Record<LimitKind, string[]> = {
  tables: ['桌'],
  costPerTable: ['每桌'],
  cigarettePrice: ['香烟', '烟酒'],
  liquorPrice: ['烟酒', '酒水', '白酒'],
  cars: ['婚车', '车辆'],
  bridePrice: ['彩礼'],
}

/** The article of the current rules behind each limit, where the rules have one. */
export function limitArticlesFor(version: RulesVersion | null): LimitArticles {
  const articles = version?.chapters.flatMap((chapter) => chapter.articles) ?? []
  const found: LimitArticles = {}
  for (const kind of limitKinds) {
    for (const keyword of limitKeywords[kind]) {
      const article = articles.find((candidate) => candidate.text.includes(keyword))
      if (article) {
        found[kind] = { id: article.id, number: article.number, text: article.text }
        break
      }
    }
  }
  return found
}

/** The ceremony council's steps on a filing, and the statuses each may start from. */
export const filingSteps = {
  acknowledge: { from: ['submitted'], to: 'acknowledged' },
  adviseChange: { from: ['submitted', 'acknowledged', 'advisedToChange'], to: 'advisedToChange' },
  recordCheck: { from: ['acknowledged', 'advisedToChange'], to: 'checkRecorded' },
  close: { from: ['checkRecorded'], to: 'closed' },
} as const satisfies Record<string, { from: readonly FilingStatus[]; to: FilingStatus }>
export type FilingStep = keyof typeof filingSteps

/** Filings still in the council's hands (not closed): a member can still be sent to check. */
export const openStatuses: readonly FilingStatus[] = [
  'submitted',
  'acknowledged',
  'advisedToChange',
]

/** 报备编号 as people read and say it: the year, then the number padded to four digits. */
export const formatFilingNumber = (year: number, no: number) =>
  `${year}-${String(no).padStart(4, '0')}`

/** The figures of one filing that the monthly summary counts; nothing that names anyone. */
export interface SummaryInput {
  ceremonyType: CeremonyType
  tables: number
  costPerTable: number
  markCount: number
  limitsKept: boolean | null
}

type Totals = Omit<SummaryRow, 'ceremonyType'>

function totalsOf(filings: readonly SummaryInput[]): Totals {
  const count = filings.length
  const sum = (pick: (filing: SummaryInput) => number) =>
    filings.reduce((total, filing) => total + pick(filing), 0)
  return {
    filings: count,
    filedWithinLimits: filings.filter((filing) => filing.markCount === 0).length,
    checked: filings.filter((filing) => filing.limitsKept !== null).length,
    checkedKept: filings.filter((filing) => filing.limitsKept === true).length,
    averageTables: count ? Math.round((sum((f) => f.tables) / count) * 10) / 10 : null,
    averageCostPerTable: count ? Math.round(sum((f) => f.costPerTable) / count) : null,
  }
}

/**
 * The village's month: one row per ceremony type (every type, so an empty month reads as such)
 * and the total. It is built from counts and figures only, so it cannot name a family.
 */
export function summarize(month: VillageMonth, filings: readonly SummaryInput[]): MonthlySummary {
  return {
    month,
    rows: ceremonyTypes.map((ceremonyType) => ({
      ceremonyType,
      ...totalsOf(filings.filter((filing) => filing.ceremonyType === ceremonyType)),
    })),
    total: totalsOf(filings),
  }
}

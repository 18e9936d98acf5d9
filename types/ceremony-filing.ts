import * as z from 'zod'
import { action, change, noInput } from './api'
import { ceremonyTypes, type BanquetLimit, type CeremonyType } from './ceremony'
import type {
  FilingDeadline,
  FilingFigures,
  LimitArticles,
  LimitMark,
} from './ceremony-filing-rules'
import { dateSchema, idSchema, text, yuan } from './common'
import type { VillageDay, VillageMonth } from './village-time'

export { filingCouncilRoles, handlesFilings } from './ceremony-filing-roles'

/** A filing's way through the ceremony council (报备的办理进度). */
export const filingStatuses = [
  'submitted',
  'acknowledged',
  'advisedToChange',
  'checkRecorded',
  'closed',
] as const
export type FilingStatus = (typeof filingStatuses)[number]
export const filingStatusLabels: Record<FilingStatus, string> = {
  submitted: '已报备，等待理事会查看',
  acknowledged: '理事会已知悉',
  advisedToChange: '理事会建议调整',
  checkRecorded: '已现场查看',
  closed: '已办结',
}

/** The on-site check a council member records (现场查看). */
export interface FilingCheck {
  checkedOn: VillageDay
  /** What the member saw, in their words. */
  seen: string
  limitsKept: boolean
  checkedByName: string
}

/** One ceremony filing, as the family, the ceremony council and admins of its village see it. */
export interface CeremonyFiling extends FilingFigures {
  id: string
  /** 报备编号, unique in the village and year: `2026-0007`. */
  filingNumber: string
  ceremonyType: CeremonyType
  ceremonyDate: VillageDay
  place: string
  hostName: string
  /** The family's reason for figures over the limits; empty when none is over. */
  explanation: string
  /** The figures over the limits when it was filed, with the limits of that day. */
  marks: LimitMark[]
  status: FilingStatus
  /** The council's last word to the family (a remark or the change it advises); null if none. */
  councilRemark: string | null
  /** The council member who is to check on site; null until one is assigned. */
  inspector: { userId: string; name: string } | null
  check: FilingCheck | null
  /** Who filed it, as 张秀英（3号）. */
  filedByName: string
  filedAt: string
  updatedAt: string
}

/** What the family's form needs to mark figures while they are typed. */
export interface FilingForm {
  banquetLimit: BanquetLimit
  /** The article of the current village rules behind each limit, where there is one. */
  articles: LimitArticles
  deadlines: FilingDeadline[]
}

/** A council member who can be sent to check a ceremony on site. */
export interface Inspector {
  userId: string
  /** As 王建国（4号）. */
  name: string
}

/** One ceremony type's line of the monthly summary: counts and averages, never a family. */
export interface SummaryRow {
  ceremonyType: CeremonyType
  filings: number
  /** Filed with every figure within the limits. */
  filedWithinLimits: number
  /** Checked on site, and of those, found to keep the limits. */
  checked: number
  checkedKept: number
  /** Rounded to one decimal; null when there is no filing. */
  averageTables: number | null
  /** Whole yuan; null when there is no filing. */
  averageCostPerTable: number | null
}

/** The village's ceremonies of one month (by ceremony date, village time). */
export interface MonthlySummary {
  month: VillageMonth
  rows: SummaryRow[]
  total: Omit<SummaryRow, 'ceremonyType'>
}

const filingId = z.strictObject({ filingId: idSchema })
const monthSchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式不对'),
})

export const filingSchema = z
  .strictObject({
    ceremonyType: z.enum(ceremonyTypes),
    ceremonyDate: dateSchema,
    place: text(60),
    hostName: text(20),
    tables: z.number().int().min(1).max(999),
    costPerTable: yuan(100000),
    cigarettePrice: yuan(10000),
    liquorPrice: yuan(100000),
    cars: z.number().int().min(0).max(200),
    bridePrice: yuan(10_000_000).nullable().default(null),
    explanation: text(500, 0, 'multi').default(''),
  })
  .refine((filing) => filing.ceremonyType === 'wedding' || filing.bridePrice === null, {
    message: '只有婚嫁填写彩礼',
    path: ['bridePrice'],
  })

export const ceremonyFilingContract = {
  form: action<FilingForm>()(noInput),
  file: change<CeremonyFiling>()(filingSchema),
  /** 我的报备, newest first. */
  mine: action<CeremonyFiling[]>()(noInput),
  get: action<CeremonyFiling>()(filingId),
  /** The council's queue: open filings first, oldest first; closed ones with `closed: true`. */
  queue: action<CeremonyFiling[]>()(
    z.strictObject({ closed: z.boolean().default(false) }).default({ closed: false }),
  ),
  inspectors: action<Inspector[]>()(noInput),
  acknowledge: change<CeremonyFiling>()(
    filingId.extend({ remark: text(300, 0, 'multi').default('') }),
  ),
  adviseChange: change<CeremonyFiling>()(filingId.extend({ advice: text(300, 1, 'multi') })),
  assignInspector: change<CeremonyFiling>()(filingId.extend({ userId: idSchema })),
  recordCheck: change<CeremonyFiling>()(
    filingId.extend({
      checkedOn: dateSchema,
      seen: text(500, 1, 'multi'),
      limitsKept: z.boolean(),
    }),
  ),
  close: change<CeremonyFiling>()(filingId.extend({ remark: text(300, 0, 'multi').default('') })),
  updateDeadline: change<FilingDeadline>()(
    z.strictObject({
      ceremonyType: z.enum(ceremonyTypes),
      noticeDays: z.number().int().min(0).max(60),
      lateHours: z.number().int().min(0).max(168),
    }),
  ),
  monthlySummary: action<MonthlySummary>()(monthSchema),
  /** The monthly summary as an Excel workbook. */
  exportSummary: action<{ fileName: string; base64: string }>()(monthSchema),
}

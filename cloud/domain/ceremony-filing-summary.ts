import { ceremonyTypeLabels } from '../../types/ceremony'
import type { MonthlySummary } from '../../types/ceremony-filing'
import { villageMonthRange, type VillageMonth } from '../../types/village-time'
import type { Db } from '../store/db'
import { summarize } from './ceremony-filing'

/**
 * The monthly summary of a village, by ceremony date. Only the columns the summary counts are
 * read (never a name, a place or who filed), so nothing else can find its way into it.
 */
export async function loadMonthlySummary(
  db: Db,
  villageId: string,
  month: VillageMonth,
): Promise<MonthlySummary> {
  const { days } = villageMonthRange(month)
  const rows = await db
    .selectFrom('ceremonyFilings')
    .select(['ceremonyType', 'tables', 'costPerTable', 'markCount', 'limitsKept'])
    .where('villageId', '=', villageId)
    .where('ceremonyDate', '>=', days[0])
    .where('ceremonyDate', '<=', days[days.length - 1])
    .execute()
  return summarize(
    month,
    rows.map((row) => ({
      ceremonyType: row.ceremonyType,
      tables: Number(row.tables),
      costPerTable: Number(row.costPerTable),
      markCount: Number(row.markCount),
      limitsKept: row.limitsKept === null ? null : Number(row.limitsKept) === 1,
    })),
  )
}

const columns = [
  { header: '事项', key: 'type', width: 10 },
  { header: '报备数', key: 'filings', width: 10 },
  { header: '报备时未超标准', key: 'filedWithinLimits', width: 16 },
  { header: '已现场查看', key: 'checked', width: 12 },
  { header: '查看时守标准', key: 'checkedKept', width: 14 },
  { header: '平均桌数', key: 'averageTables', width: 10 },
  { header: '平均每桌（元）', key: 'averageCostPerTable', width: 16 },
]

/** The summary as an Excel workbook, one sheet, named for the village and month. */
export async function summaryWorkbook(
  summary: MonthlySummary,
  villageName: string,
): Promise<{ fileName: string; base64: string }> {
  const [year, month] = summary.month.split('-').map(Number)
  const title = `${villageName}${year}年${month}月红白喜事报备汇总`
  // Loaded on the first export only: exceljs is most of the cloud function bundle, and no other
  // call needs it to start up.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(`${year}年${month}月`)
  sheet.columns = columns
  sheet.getRow(1).font = { bold: true }
  for (const row of summary.rows) {
    sheet.addRow({ ...row, type: ceremonyTypeLabels[row.ceremonyType] })
  }
  sheet.addRow({ ...summary.total, type: '合计' }).font = { bold: true }
  const buffer = await workbook.xlsx.writeBuffer()
  return { fileName: `${title}.xlsx`, base64: Buffer.from(buffer).toString('base64') }
}

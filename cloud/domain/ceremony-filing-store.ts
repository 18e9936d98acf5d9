import { ceremonyTypes } from '../../types/ceremony'
import type { CeremonyFiling, FilingStatus } from '../../types/ceremony-filing'
import {
  defaultFilingDeadlines,
  type FilingDeadline,
  type LimitMark,
} from '../../types/ceremony-filing-rules'
import { villagerLabel } from '../../types/villager-label'
import { AppError, notFound } from '../core/errors'
import type { Db } from '../store/db'
import { formatFilingNumber, type FilingStep, filingSteps } from './ceremony-filing'

/** The council's deadlines for every ceremony type: its own where set, the defaults elsewhere. */
export async function loadDeadlines(db: Db, villageId: string): Promise<FilingDeadline[]> {
  const rows = await db
    .selectFrom('ceremonyFilingDeadlines')
    .select(['ceremonyType', 'noticeDays', 'lateHours'])
    .where('villageId', '=', villageId)
    .execute()
  return ceremonyTypes.map((ceremonyType) => {
    const row = rows.find((candidate) => candidate.ceremonyType === ceremonyType)
    const rule = row
      ? { noticeDays: Number(row.noticeDays), lateHours: Number(row.lateHours) }
      : defaultFilingDeadlines[ceremonyType]
    return { ceremonyType, ...rule }
  })
}

/**
 * Takes the next filing number of a village's year. The upsert increments the counter in place,
 * so it holds the counter's row until the transaction ends: a second filing at the same moment
 * (on another server too) waits and gets the next number. The first of a year inserts the row;
 * two first filings racing meet on the primary key, and PostgreSQL turns the loser's insert into
 * the increment.
 */
export async function takeFilingNumber(db: Db, villageId: string, year: number): Promise<number> {
  const { lastNo } = await db
    .insertInto('ceremonyFilingCounters')
    .values({ villageId, filingYear: year, lastNo: 1 })
    .onConflict((oc) =>
      oc
        .columns(['villageId', 'filingYear'])
        .doUpdateSet((eb) => ({ lastNo: eb('ceremonyFilingCounters.lastNo', '+', 1) })),
    )
    .returning('lastNo')
    .executeTakeFirstOrThrow()
  return Number(lastNo)
}

function filingQuery(db: Db, villageId: string) {
  return db
    .selectFrom('ceremonyFilings as f')
    .innerJoin('users as filer', 'filer.id', 'f.filedBy')
    .leftJoin('users as inspector', 'inspector.id', 'f.inspectorId')
    .leftJoin('users as checker', 'checker.id', 'f.checkedBy')
    .selectAll('f')
    .select([
      'filer.displayName as filerName',
      'filer.villagerNo as filerNo',
      'inspector.displayName as inspectorName',
      'inspector.villagerNo as inspectorNo',
      'checker.displayName as checkerName',
      'checker.villagerNo as checkerNo',
    ])
    .where('f.villageId', '=', villageId)
}
type FilingRow = Awaited<ReturnType<ReturnType<typeof filingQuery>['executeTakeFirstOrThrow']>>

function toFiling(row: FilingRow): CeremonyFiling {
  const check =
    row.checkedOn !== null && row.checkSeen !== null && row.limitsKept !== null
      ? {
          checkedOn: row.checkedOn,
          seen: row.checkSeen,
          limitsKept: Number(row.limitsKept) === 1,
          checkedByName: villagerLabel(row.checkerName ?? '', row.checkerNo),
        }
      : null
  return {
    id: row.id,
    filingNumber: formatFilingNumber(Number(row.filingYear), Number(row.filingNo)),
    ceremonyType: row.ceremonyType,
    ceremonyDate: row.ceremonyDate,
    place: row.place,
    hostName: row.hostName,
    tables: Number(row.tables),
    costPerTable: Number(row.costPerTable),
    cigarettePrice: Number(row.cigarettePrice),
    liquorPrice: Number(row.liquorPrice),
    cars: Number(row.cars),
    bridePrice: row.bridePrice === null ? null : Number(row.bridePrice),
    explanation: row.explanation,
    marks: JSON.parse(row.marksJson) as LimitMark[],
    status: row.status,
    councilRemark: row.councilRemark,
    inspector:
      row.inspectorId === null
        ? null
        : {
            userId: row.inspectorId,
            name: villagerLabel(row.inspectorName ?? '', row.inspectorNo),
          },
    check,
    filedByName: villagerLabel(row.filerName, row.filerNo),
    filedAt: row.filedAt,
    updatedAt: row.updatedAt,
  }
}

/** Who may see a filing: the family that filed it, the ceremony council and admins. */
export interface FilingReader {
  userId: string
  villageId: string
  council: boolean
}

/** One filing of the reader's village that the reader may see; NOT_FOUND otherwise, alike. */
export async function loadFiling(db: Db, reader: FilingReader, id: string) {
  let query = filingQuery(db, reader.villageId).where('f.id', '=', id)
  // A filing someone else's family made is answered as missing, not as forbidden, so its
  // existence is not told either.
  if (!reader.council) query = query.where('f.filedBy', '=', reader.userId)
  const row = await query.executeTakeFirst()
  if (!row) throw notFound('这份报备')
  return toFiling(row)
}

/** 我的报备: the caller's filings in their village, newest first. */
export async function listMine(db: Db, reader: FilingReader): Promise<CeremonyFiling[]> {
  const rows = await filingQuery(db, reader.villageId)
    .where('f.filedBy', '=', reader.userId)
    .orderBy('f.filedAt', 'desc')
    .orderBy('f.id', 'desc')
    .limit(200)
    .execute()
  return rows.map(toFiling)
}

/** The council's queue: open filings oldest first, or the closed ones newest first. */
export async function listQueue(
  db: Db,
  villageId: string,
  closed: boolean,
): Promise<CeremonyFiling[]> {
  const rows = await filingQuery(db, villageId)
    .where('f.status', closed ? '=' : '!=', 'closed')
    .orderBy('f.filedAt', closed ? 'desc' : 'asc')
    .orderBy('f.id')
    .limit(200)
    .execute()
  return rows.map(toFiling)
}

/**
 * Moves a filing one step, compare-and-swap: the update applies only while the filing is still in
 * a status the step starts from, so of two council members acting at once one wins and the other
 * is told that it changed meanwhile. Answers the status it left.
 */
export async function stepFiling(
  db: Db,
  villageId: string,
  id: string,
  step: FilingStep,
  set: Partial<{
    councilRemark: string | null
    checkedOn: string
    checkSeen: string
    limitsKept: number
    checkedBy: string
  }>,
  at: string,
): Promise<FilingStatus> {
  const { from, to } = filingSteps[step]
  const before = await db
    .selectFrom('ceremonyFilings')
    .select('status')
    .where('id', '=', id)
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  if (!before) throw notFound('这份报备')
  const conflict = new AppError('CONFLICT', '这份报备的进度已经变了，不能做这一步，请刷新后再看')
  if (!(from as readonly FilingStatus[]).includes(before.status)) throw conflict
  // Swapped only from the status read above, so the audit's "before" is the one replaced.
  const moved = await db
    .updateTable('ceremonyFilings')
    .set({ ...set, status: to, updatedAt: at })
    .where('id', '=', id)
    .where('villageId', '=', villageId)
    .where('status', '=', before.status)
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) === 0) throw conflict
  return before.status
}

import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * The village's own calendar, Asia/Shanghai, for server and client alike. Timestamps are stored and
 * sent as ISO UTC strings; this module is the one way to see them as a villager's day and time,
 * whatever the time zone of the machine or phone running it.
 *
 * Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is
 * exact. It is used instead of dayjs' timezone plugin because that plugin relies on
 * `Intl`/`toLocaleString` with a `timeZone`, which WeChat's Android runtime ignores (it answers in
 * the phone's own zone: iamkun/dayjs#2635, NervJS/taro#16078).
 */
export const villageTimeZone = 'Asia/Shanghai'
const villageUtcOffsetMinutes = 8 * 60

/** A day of the village calendar, `YYYY-MM-DD`. */
export type VillageDay = string
/** A month of the village calendar, `YYYY-MM`. */
export type VillageMonth = string

/** A half-open range of instants, `start <= t < end`, both ISO UTC strings. */
export interface InstantRange {
  start: string
  end: string
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const monthPattern = /^\d{4}-\d{2}$/

function inVillage(instant: Date | string): Dayjs {
  const parsed = dayjs.utc(instant)
  if (!parsed.isValid()) throw new RangeError(`不是有效的时间：${String(instant)}`)
  return parsed.utcOffset(villageUtcOffsetMinutes)
}

/** The calendar date `day` as a dayjs at UTC midnight; only for calendar arithmetic. */
function calendarDay(day: VillageDay): Dayjs {
  const parsed = dayjs.utc(day)
  // The round trip refuses 2月30日 instead of rolling it over into March.
  if (!dayPattern.test(day) || !parsed.isValid() || parsed.format('YYYY-MM-DD') !== day) {
    throw new RangeError(`不是有效的日期：${day}`)
  }
  return parsed
}

/** An instant as the server writes it: ISO, in UTC (`Z`). */
const isoUtcPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/

/**
 * A Date or an ISO UTC instant as a Date whose UTC fields read as village time, by plain
 * arithmetic: the server reads village days and times on every booking and availability call,
 * and dayjs costs several times more. Null for anything else (any other offset or form, years
 * outside 1970–9999), which is read by dayjs as before.
 */
function villageFields(instant: Date | string): Date | null {
  const time =
    instant instanceof Date
      ? instant.getTime()
      : isoUtcPattern.test(instant)
        ? Date.parse(instant)
        : NaN
  if (!(time >= 0 && time < 253_402_272_000_000)) return null
  return new Date(time + villageUtcOffsetMinutes * 60_000)
}

const twoDigits = (value: number) => String(value).padStart(2, '0')

/** The village day an instant falls on. */
export function villageDayOf(instant: Date | string): VillageDay {
  const fields = villageFields(instant)
  if (fields) return fields.toISOString().slice(0, 10)
  return inVillage(instant).format('YYYY-MM-DD')
}

/** The instant (ISO UTC) at which a village day begins: its 00:00 in the village. */
export function villageDayStart(day: VillageDay): string {
  // Village midnight is that many minutes before UTC midnight of the same date. (dayjs'
  // `utcOffset(offset, true)` would mix in the machine's own offset.)
  return calendarDay(day).subtract(villageUtcOffsetMinutes, 'minute').toISOString()
}

/** All instants of one village day, e.g. to find the bookings of that day. */
export function villageDayRange(day: VillageDay): InstantRange {
  return { start: villageDayStart(day), end: villageDayStart(addVillageDays(day, 1)) }
}

/** The village day `days` days after `day` (before it when negative). */
export function addVillageDays(day: VillageDay, days: number): VillageDay {
  return calendarDay(day).add(days, 'day').format('YYYY-MM-DD')
}

/** All instants of one village month, and its days in order. */
export function villageMonthRange(month: VillageMonth): InstantRange & { days: VillageDay[] } {
  if (!monthPattern.test(month)) throw new RangeError(`不是有效的月份：${month}`)
  const first = calendarDay(`${month}-01`)
  const days = Array.from({ length: first.daysInMonth() }, (_, index) =>
    first.add(index, 'day').format('YYYY-MM-DD'),
  )
  return {
    start: villageDayStart(days[0]),
    end: villageDayStart(first.add(1, 'month').format('YYYY-MM-DD')),
    days,
  }
}

/**
 * An instant as villagers read it, in village time: `2026年11月28日 15:01`. This is also the form
 * WeChat subscribe messages accept for their `time` fields.
 */
export function formatVillageDateTime(instant: Date | string): string {
  const fields = villageFields(instant)
  if (!fields) return inVillage(instant).format('YYYY年M月D日 HH:mm')
  const date = `${fields.getUTCFullYear()}年${fields.getUTCMonth() + 1}月${fields.getUTCDate()}日`
  return `${date} ${twoDigits(fields.getUTCHours())}:${twoDigits(fields.getUTCMinutes())}`
}

/** The time of day of an instant in the village, `09:30`: a slot's start or end. */
export function formatVillageTime(instant: Date | string): string {
  return inVillage(instant).format('HH:mm')
}

/** A date as villagers write it, `2026年11月28日`: an instant's village day, or a village day. */
export function formatVillageDate(value: Date | string): string {
  const day = typeof value === 'string' && dayPattern.test(value) ? calendarDay(value) : null
  return (day ?? inVillage(value)).format('YYYY年M月D日')
}

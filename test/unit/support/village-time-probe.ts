import dayjs from 'dayjs'
import {
  addVillageDays,
  formatVillageDate,
  formatVillageDateTime,
  villageDayOf,
  villageDayRange,
  villageMonthRange,
} from '../../../types/village-time'

/** Instants either side of village midnight (16:00 UTC). */
export const aroundMidnight = ['2026-11-27T15:59:59.999Z', '2026-11-27T16:00:00.000Z']

/**
 * The village-time answers that depend on a time zone. village-time.test.ts computes them in jest
 * and again in child processes with another TZ; both must match.
 */
export function villageAnswers() {
  return {
    days: aroundMidnight.map(villageDayOf),
    dayRange: villageDayRange('2026-11-28'),
    yearEnd: villageDayRange('2026-12-31'),
    nextDay: addVillageDays('2026-01-31', 1),
    leapFebruary: villageMonthRange('2028-02'),
    dateTime: formatVillageDateTime('2026-11-28T07:01:00Z'),
    date: formatVillageDate(aroundMidnight[1]),
    calendarDate: formatVillageDate('2026-03-05'),
  }
}

/** What code reading the machine's local clock would say instead of villageDayOf. */
export function localDays(): string[] {
  return aroundMidnight.map((instant) => dayjs(instant).format('YYYY-MM-DD'))
}

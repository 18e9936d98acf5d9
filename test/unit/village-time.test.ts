import { execFileSync } from 'node:child_process'
import path from 'node:path'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import {
  addVillageDays,
  formatVillageDate,
  formatVillageDateTime,
  formatVillageTime,
  villageDayOf,
  villageDayRange,
  villageDayStart,
  villageMonthRange,
} from '../../types/village-time'
import { villageAnswers } from './support/village-time-probe'

dayjs.extend(utc)

describe('the village day of an instant', () => {
  it('changes at 16:00 UTC, which is midnight in the village', () => {
    expect(villageDayOf('2026-11-27T15:59:59.999Z')).toBe('2026-11-27')
    expect(villageDayOf('2026-11-27T16:00:00Z')).toBe('2026-11-28')
    expect(villageDayOf(new Date('2026-11-28T15:59:59.999Z'))).toBe('2026-11-28')
  })

  it('reads instants written with any offset', () => {
    expect(villageDayOf('2026-11-28T00:30:00+08:00')).toBe('2026-11-28')
    expect(villageDayOf('2026-11-27T11:30:00-05:00')).toBe('2026-11-28')
  })

  it('crosses the year at village midnight, not UTC midnight', () => {
    expect(villageDayOf('2026-12-31T15:59:59.999Z')).toBe('2026-12-31')
    expect(villageDayOf('2026-12-31T16:00:00Z')).toBe('2027-01-01')
  })

  it('refuses something that is not a time', () => {
    expect(() => villageDayOf('not a time')).toThrow(RangeError)
    expect(() => villageDayOf(new Date(NaN))).toThrow(RangeError)
  })

  it('reads a Date or an ISO UTC instant as dayjs does, every 17 minutes of a leap year and far off', () => {
    // What every reading did before the arithmetic (types/village-time.ts): the reference.
    const byDayjs = (instant: Date | string, format: string) =>
      dayjs
        .utc(instant)
        .utcOffset(8 * 60)
        .format(format)
    const start = Date.parse('2028-01-01T00:00:00Z')
    const instants: (Date | string)[] = [
      '1960-06-30T16:00:00.000Z',
      '9999-12-31T15:59:59.999Z',
      '2026-11-28T07:05Z',
      '2026-11-28T07:05:09Z',
      '2026-11-28T07:05:09.5Z',
    ]
    for (let time = start; time < start + 366 * 86_400_000; time += 17 * 60_000) {
      instants.push(new Date(time), new Date(time).toISOString())
    }
    for (const instant of instants) {
      expect(villageDayOf(instant)).toBe(byDayjs(instant, 'YYYY-MM-DD'))
      expect(formatVillageDateTime(instant)).toBe(byDayjs(instant, 'YYYY年M月D日 HH:mm'))
    }
  })
})

describe('the instants of a village day', () => {
  it('start at the previous UTC day 16:00 and run to the next day start, end excluded', () => {
    expect(villageDayStart('2026-11-28')).toBe('2026-11-27T16:00:00.000Z')
    expect(villageDayRange('2026-11-28')).toEqual({
      start: '2026-11-27T16:00:00.000Z',
      end: '2026-11-28T16:00:00.000Z',
    })
  })

  it('hold exactly the instants whose village day it is', () => {
    const { start, end } = villageDayRange('2026-11-28')
    const inDay = (instant: string) => start <= instant && instant < end
    expect(inDay('2026-11-27T15:59:59.999Z')).toBe(false)
    expect(inDay('2026-11-27T16:00:00.000Z')).toBe(true)
    expect(inDay('2026-11-28T15:59:59.999Z')).toBe(true)
    expect(inDay('2026-11-28T16:00:00.000Z')).toBe(false)
  })

  it('run over the year end', () => {
    expect(villageDayRange('2026-12-31')).toEqual({
      start: '2026-12-30T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
    })
    expect(villageDayStart('2027-01-01')).toBe('2026-12-31T16:00:00.000Z')
  })

  it('refuse a day that does not exist instead of rolling it over', () => {
    expect(() => villageDayStart('2026-02-30')).toThrow(RangeError)
    expect(() => villageDayStart('2026-2-3')).toThrow(RangeError)
  })
})

describe('days before and after', () => {
  it('cross month ends, leap days and the year end', () => {
    expect(addVillageDays('2026-01-31', 1)).toBe('2026-02-01')
    expect(addVillageDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addVillageDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(addVillageDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addVillageDays('2027-01-01', -1)).toBe('2026-12-31')
    expect(addVillageDays('2026-11-28', 0)).toBe('2026-11-28')
    expect(addVillageDays('2026-11-28', 35)).toBe('2027-01-02')
  })
})

describe('a village month', () => {
  it('lists its days and spans its instants', () => {
    const january = villageMonthRange('2026-01')
    expect(january.days).toHaveLength(31)
    expect(january.days[0]).toBe('2026-01-01')
    expect(january.days[30]).toBe('2026-01-31')
    expect(january.start).toBe('2025-12-31T16:00:00.000Z')
    expect(january.end).toBe('2026-01-31T16:00:00.000Z')
  })

  it('knows February, leap or not', () => {
    expect(villageMonthRange('2026-02').days).toHaveLength(28)
    const leap = villageMonthRange('2028-02')
    expect(leap.days).toHaveLength(29)
    expect(leap.days[28]).toBe('2028-02-29')
    expect(leap.end).toBe('2028-02-29T16:00:00.000Z')
  })

  it('ends at the next year for December', () => {
    const december = villageMonthRange('2026-12')
    expect(december.days[30]).toBe('2026-12-31')
    expect(december.end).toBe('2026-12-31T16:00:00.000Z')
  })

  it('refuses a month that does not exist', () => {
    expect(() => villageMonthRange('2026-13')).toThrow(RangeError)
    expect(() => villageMonthRange('2026-1')).toThrow(RangeError)
  })
})

describe('formatting for people', () => {
  it('writes an instant in village time, as WeChat subscribe messages want it', () => {
    expect(formatVillageDateTime('2026-11-28T07:01:00Z')).toBe('2026年11月28日 15:01')
    expect(formatVillageDateTime('2026-11-27T16:00:00Z')).toBe('2026年11月28日 00:00')
    expect(formatVillageDateTime(new Date('2026-03-04T23:05:00Z'))).toBe('2026年3月5日 07:05')
  })

  it('writes the village date of an instant, or a village day as it is', () => {
    expect(formatVillageDate('2026-11-27T15:59:59.999Z')).toBe('2026年11月27日')
    expect(formatVillageDate('2026-11-27T16:00:00Z')).toBe('2026年11月28日')
    expect(formatVillageDate('2026-03-05')).toBe('2026年3月5日')
  })

  it('writes the village time of day of an instant, across midnight', () => {
    expect(formatVillageTime('2026-11-28T01:30:00Z')).toBe('09:30')
    expect(formatVillageTime('2026-11-27T16:00:00Z')).toBe('00:00')
  })
})

describe('the machine time zone', () => {
  const expected = villageAnswers()

  /** Runs the probe in a fresh Node with TZ set, the way a server or phone elsewhere would. */
  function answersUnder(timeZone: string): {
    village: ReturnType<typeof villageAnswers>
    local: string[]
  } {
    const probe = path.join(__dirname, 'support', 'village-time-probe.ts')
    const script = `const m = require(${JSON.stringify(probe)})
console.log(JSON.stringify({ village: m.villageAnswers(), local: m.localDays() }))`
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, TZ: timeZone },
      encoding: 'utf8',
    })
    return JSON.parse(output)
  }

  it('gives the values the tests above expect here', () => {
    expect(expected.days).toEqual(['2026-11-27', '2026-11-28'])
    expect(expected.dayRange.start).toBe('2026-11-27T16:00:00.000Z')
    expect(expected.leapFebruary.days).toHaveLength(29)
    expect(expected.dateTime).toBe('2026年11月28日 15:01')
  })

  it.each(['America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai'])(
    'does not change the answers when TZ=%s',
    (timeZone) => {
      const { village, local } = answersUnder(timeZone)
      expect(village).toEqual(expected)
      if (timeZone !== 'Asia/Shanghai') {
        // The zone really took effect: code reading the local clock would have been wrong here.
        expect(local).not.toEqual(expected.days)
      }
    },
  )
})

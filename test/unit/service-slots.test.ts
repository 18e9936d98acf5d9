import { bookableSlot, plannedDays, slotsOfDay, weekdayOf } from '../../cloud/domain/service-slots'
import {
  canCancel,
  canTransition,
  freesPlace,
  noShowBlockUntil,
} from '../../cloud/domain/appointment-status'
import type { PlanDay } from '../../types/service-center'

const weekdays: PlanDay[] = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  opens: '08:30',
  closes: '12:00',
  breaks: [{ start: '10:00', end: '10:30' }],
}))
const rules = {
  plan: weekdays,
  closedDates: [{ day: '2026-11-30', reason: '调休' }],
  bookingWindowDays: 4,
  minNoticeMinutes: 120,
  slotMinutes: 60,
}

describe('service slots in village time', () => {
  it('numbers weekdays from Monday', () => {
    expect(weekdayOf('2026-11-30')).toBe(1)
    expect(weekdayOf('2026-11-29')).toBe(7)
  })

  it('steps from opening to closing and leaves out slots that overlap a break', () => {
    const slots = slotsOfDay('2026-12-01', weekdays[1], 60)
    // 08:30–09:30 and 10:30–11:30 village time; 09:30–10:30 overlaps the break, 11:30 would end after 12:00.
    expect(slots).toEqual([
      { start: '2026-12-01T00:30:00.000Z', end: '2026-12-01T01:30:00.000Z' },
      { start: '2026-12-01T02:30:00.000Z', end: '2026-12-01T03:30:00.000Z' },
    ])
  })

  it('starts the window on the village day, not the UTC day, across midnight', () => {
    // 2026-11-27 17:30 UTC is Saturday 28 November 01:30 in the village.
    const days = plannedDays(rules, new Date('2026-11-27T17:30:00Z'))
    expect(days.map((d) => d.day)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'])
    expect(days[0]).toEqual({ day: '2026-11-28', closedReason: '不开放', slots: [] })
    expect(days[2]).toEqual({ day: '2026-11-30', closedReason: '调休', slots: [] })
    expect(days[3].slots).toHaveLength(2)
  })

  it('keeps the minimum notice, also into the next day', () => {
    // Monday 1 December 23:00 village time; with 10 hours' notice only Tuesday from 09:00 is left.
    const late = { ...rules, minNoticeMinutes: 600 }
    const now = new Date('2026-12-01T15:00:00Z')
    const [, tuesday] = plannedDays(late, now)
    expect(tuesday.day).toBe('2026-12-02')
    expect(tuesday.slots.map((s) => s.start)).toEqual(['2026-12-02T02:30:00.000Z'])
    expect(bookableSlot(late, now, '2026-12-02T00:30:00.000Z')).toBeNull()
    expect(bookableSlot(late, now, '2026-12-02T02:30:00.000Z')).not.toBeNull()
    // Not a slot start, and outside the window.
    expect(bookableSlot(late, now, '2026-12-02T02:45:00.000Z')).toBeNull()
    expect(bookableSlot(late, now, '2026-12-09T00:30:00.000Z')).toBeNull()
  })
})

describe('appointment status rules', () => {
  it('allows only sensible steps', () => {
    expect(canTransition('confirm', 'pending')).toBe(true)
    expect(canTransition('confirm', 'rejected')).toBe(false)
    expect(canTransition('finish', 'cancelled')).toBe(false)
    expect(canTransition('recordFollowUp', 'done')).toBe(true)
    expect(freesPlace('noShow')).toBe(true)
    expect(freesPlace('done')).toBe(false)
  })

  it('lets a villager cancel only before the cut-off', () => {
    const start = '2026-12-01T02:00:00.000Z'
    expect(canCancel('confirmed', start, 60, new Date('2026-12-01T01:00:00Z'))).toBe(true)
    expect(canCancel('confirmed', start, 60, new Date('2026-12-01T01:00:01Z'))).toBe(false)
    expect(canCancel('done', start, 60, new Date('2026-11-01T00:00:00Z'))).toBe(false)
  })

  it('blocks after the set number of no-shows, unless the rule is off', () => {
    const now = new Date('2026-12-01T00:00:00Z')
    const rule = { noShowLimit: 2, noShowBlockDays: 30 }
    expect(noShowBlockUntil(1, rule, now)).toBeNull()
    expect(noShowBlockUntil(2, rule, now)).toBe('2026-12-31T00:00:00.000Z')
    expect(noShowBlockUntil(5, { ...rule, noShowLimit: 0 }, now)).toBeNull()
  })
})

import { bookableSlots, isBookable, slotsOfDay, weekdayOf } from '../../types/service-slots'

const periods = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '08:30', closes: '11:30' },
  { weekday, opens: '14:00', closes: '17:00' },
])
const rules = { periods, closedDays: ['2026-12-02'], windowDays: 14, noticeMinutes: 120 }

describe('service slots, in village time', () => {
  it('fills each opening period with whole slots; the lunch break has none', () => {
    // 2026-12-01 is a Tuesday.
    expect(weekdayOf('2026-12-01')).toBe(2)
    const slots = slotsOfDay('2026-12-01', rules, 60)
    expect(slots.map((slot) => slot.label)).toEqual([
      '08:30–09:30',
      '09:30–10:30',
      '10:30–11:30',
      '14:00–15:00',
      '15:00–16:00',
      '16:00–17:00',
    ])
    // 08:30 in the village is 00:30 UTC the same date.
    expect(slots[0].start).toBe('2026-12-01T00:30:00.000Z')
    // A period shorter than a slot offers none: 3 hours hold two 90-minute slots, not a third.
    expect(slotsOfDay('2026-12-01', rules, 90)).toHaveLength(4)
  })

  it('offers nothing on a closed day or at the weekend', () => {
    expect(slotsOfDay('2026-12-02', rules, 30)).toEqual([])
    expect(slotsOfDay('2026-12-05', rules, 30)).toEqual([])
  })

  it('late on a Friday evening, the next bookable slot is Monday morning', () => {
    // 23:30 on Friday 2026-12-04 in the village is 15:30 UTC: past midnight UTC is not the cue.
    const fridayNight = new Date('2026-12-04T15:30:00.000Z')
    const [first] = bookableSlots(rules, 30, fridayNight)
    expect(first).toMatchObject({ day: '2026-12-07', label: '08:30–09:00' })
  })

  it('keeps the minimum notice and the window', () => {
    // 08:00 on Tuesday 2026-12-01: with two hours' notice, 10:00 is the first slot.
    const morning = new Date('2026-12-01T00:00:00.000Z')
    const slots = bookableSlots(rules, 30, morning)
    expect(slots[0]).toMatchObject({ day: '2026-12-01', label: '10:00–10:30' })
    expect(isBookable(rules, 30, morning, '2026-12-01T01:30:00.000Z')).toBe(false)
    expect(isBookable(rules, 30, morning, slots[0].start)).toBe(true)
    // 14 days from Tuesday the 1st: the last day is Monday the 14th.
    expect(slots.at(-1)?.day).toBe('2026-12-14')
    // Not a slot start at all (09:10).
    expect(isBookable(rules, 30, morning, '2026-12-03T01:10:00.000Z')).toBe(false)
  })
})

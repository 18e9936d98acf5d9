import type { ClosedDate, PlanDay } from '../../types/service-center'
import { addVillageDays, villageDayOf, villageDayStart } from '../../types/village-time'

/** A slot the plan offers, before counting who booked it. */
export interface PlannedSlot {
  start: string
  end: string
}

export interface PlannedDay {
  day: string
  closedReason: string | null
  slots: PlannedSlot[]
}

export interface SlotRules {
  plan: PlanDay[]
  closedDates: ClosedDate[]
  bookingWindowDays: number
  minNoticeMinutes: number
  slotMinutes: number
}

const minuteMs = 60_000

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return hours * 60 + minutes
}

/** 1 Monday … 7 Sunday, for a village day. */
export function weekdayOf(day: string): number {
  const sundayIsZero = new Date(`${day}T00:00:00Z`).getUTCDay()
  return sundayIsZero === 0 ? 7 : sundayIsZero
}

/**
 * The slots of one village day: from opening, one slot length after another, while a slot ends by
 * closing time; a slot that overlaps a break is left out (the next starts where it would have).
 */
export function slotsOfDay(day: string, planDay: PlanDay, slotMinutes: number): PlannedSlot[] {
  const dayStart = Date.parse(villageDayStart(day))
  const closes = minutesOf(planDay.closes)
  const breaks = planDay.breaks.map((b) => ({ start: minutesOf(b.start), end: minutesOf(b.end) }))
  const slots: PlannedSlot[] = []
  for (let start = minutesOf(planDay.opens); start + slotMinutes <= closes; start += slotMinutes) {
    const end = start + slotMinutes
    if (breaks.some((b) => start < b.end && b.start < end)) continue
    slots.push({
      start: new Date(dayStart + start * minuteMs).toISOString(),
      end: new Date(dayStart + end * minuteMs).toISOString(),
    })
  }
  return slots
}

/**
 * Every day of the booking window that starts on village day `today`, with every slot the plan
 * offers it: none on a closed date or a weekday the plan leaves out. The same all day for the same
 * configuration, so it can be kept (service-config.ts); the notice is applied per call.
 */
export function windowDays(
  rules: Omit<SlotRules, 'minNoticeMinutes'>,
  today: string,
): PlannedDay[] {
  return Array.from({ length: rules.bookingWindowDays }, (_, index) => {
    const day = addVillageDays(today, index)
    const closed = rules.closedDates.find((c) => c.day === day)
    if (closed) return { day, closedReason: closed.reason, slots: [] }
    const planDay = rules.plan.find((p) => p.weekday === weekdayOf(day))
    if (!planDay) return { day, closedReason: '不开放', slots: [] }
    return { day, closedReason: null, slots: slotsOfDay(day, planDay, rules.slotMinutes) }
  })
}

/** The window's days with only the slots starting at `earliest` (an ISO UTC instant) or later. */
export function slotsFrom(days: PlannedDay[], earliest: string): PlannedDay[] {
  // ISO UTC strings of one format compare as the instants they name.
  return days.map((day) =>
    day.slots.length === 0 || day.slots[0].start >= earliest
      ? day
      : { ...day, slots: day.slots.filter((slot) => slot.start >= earliest) },
  )
}

/** The instant a slot must start at or after to be booked at `now` with this much notice. */
export const earliestStart = (now: Date, minNoticeMinutes: number) =>
  new Date(now.getTime() + minNoticeMinutes * minuteMs).toISOString()

/**
 * Every day of the booking window (today in the village and the days after it), with the slots
 * that can still be booked at `now`: none on a closed date or a weekday the plan leaves out, and
 * none starting sooner than the minimum notice.
 */
export function plannedDays(rules: SlotRules, now: Date): PlannedDay[] {
  return slotsFrom(windowDays(rules, villageDayOf(now)), earliestStart(now, rules.minNoticeMinutes))
}

/** The slot of these days starting at the instant `start`, if there is one. */
export function slotAt(days: PlannedDay[], start: string): PlannedSlot | null {
  const wanted = Date.parse(start)
  const startDay = villageDayOf(start)
  const day = days.find((d) => d.day === startDay)
  return day?.slots.find((slot) => Date.parse(slot.start) === wanted) ?? null
}

/** The planned slot starting at `start`, if it can be booked at `now`. */
export function bookableSlot(rules: SlotRules, now: Date, start: string): PlannedSlot | null {
  return slotAt(plannedDays(rules, now), start)
}

import {
  addVillageDays,
  villageClock,
  villageDayOf,
  villageDayStart,
  type VillageDay,
} from './village-time'

// How the service center's time slots are made: from the weekly opening hours (several periods a
// day, so a lunch break is simply the gap between two), less the closed days, within the booking
// window and the minimum notice. The server books only slots made here, and the villager's
// screen shows the same ones, so a slot on screen is a slot the server accepts.

/** One opening period of a weekday, in village time: `weekday` 0 is Sunday, times are `HH:MM`. */
export interface OpeningPeriod {
  weekday: number
  opens: string
  closes: string
}

export interface SlotRules {
  periods: OpeningPeriod[]
  closedDays: VillageDay[]
  /** How many village days ahead a villager may book, today included as day 0. */
  windowDays: number
  /** The least time between booking and a slot's start. */
  noticeMinutes: number
}

/** A slot as the rules make it: its start instant (ISO) and its village day and time. */
export interface SlotTime {
  start: string
  day: VillageDay
  /** `HH:MM–HH:MM`, village time. */
  label: string
}

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number)
  return hours * 60 + minutes
}

/** The weekday of a village day (0 Sunday), read from the calendar date itself. */
export function weekdayOf(day: VillageDay): number {
  return new Date(`${day}T00:00:00.000Z`).getUTCDay()
}

/** A slot starting at `start` (ISO) and lasting `slotMinutes`, labelled in village time. */
export function slotAt(start: string, slotMinutes: number): SlotTime {
  const end = new Date(Date.parse(start) + slotMinutes * 60_000)
  return { start, day: villageDayOf(start), label: `${villageClock(start)}–${villageClock(end)}` }
}

/** The slots of one village day for a service whose slots last `slotMinutes`. */
export function slotsOfDay(
  day: VillageDay,
  rules: Pick<SlotRules, 'periods' | 'closedDays'>,
  slotMinutes: number,
): SlotTime[] {
  if (rules.closedDays.includes(day)) return []
  const dayStart = Date.parse(villageDayStart(day))
  return rules.periods
    .filter((period) => period.weekday === weekdayOf(day))
    .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens))
    .flatMap((period) => {
      const slots: SlotTime[] = []
      // A slot must end by closing time: a period shorter than a slot offers none.
      for (
        let from = minutesOf(period.opens);
        from + slotMinutes <= minutesOf(period.closes);
        from += slotMinutes
      ) {
        slots.push(slotAt(new Date(dayStart + from * 60_000).toISOString(), slotMinutes))
      }
      return slots
    })
}

/** Every slot a villager may book now: the window's days, without slots too soon to reach. */
export function bookableSlots(rules: SlotRules, slotMinutes: number, now: Date): SlotTime[] {
  const today = villageDayOf(now)
  const earliest = now.getTime() + rules.noticeMinutes * 60_000
  const slots: SlotTime[] = []
  for (let offset = 0; offset < rules.windowDays; offset += 1) {
    for (const slot of slotsOfDay(addVillageDays(today, offset), rules, slotMinutes)) {
      if (Date.parse(slot.start) >= earliest) slots.push(slot)
    }
  }
  return slots
}

/** Whether `start` is one of the slots a villager may book now. */
export function isBookable(rules: SlotRules, slotMinutes: number, now: Date, start: string) {
  return bookableSlots(rules, slotMinutes, now).some((slot) => slot.start === start)
}

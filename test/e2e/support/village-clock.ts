import type { Page } from 'playwright-core'
import { villageDayStart, type VillageDay } from '../../../types/village-time'
import type { DemoVillage } from './demo-village'

const realNow = new WeakMap<DemoVillage, () => Date>()

/**
 * Moves the demo village's clock, the server's `services.now`, to a time of a village day (e.g.
 * a meeting's day at 19:00), from where it keeps running. The product has no way to do this:
 * only the test process, which owns the services, can. Phones given here see the same instant
 * (frozen), for screens that count days from the phone's own clock (安排会议's earliest day).
 * `restoreVillageClock` puts the real clock back.
 */
export async function setVillageClock(
  village: DemoVillage,
  day: VillageDay,
  time: string,
  phones: Page[] = [],
): Promise<Date> {
  const [hours, minutes] = time.split(':').map(Number)
  const at = new Date(Date.parse(villageDayStart(day)) + (hours * 60 + minutes) * 60_000)
  if (!realNow.has(village)) realNow.set(village, village.services.now)
  const offset = at.getTime() - Date.now()
  village.services.now = () => new Date(Date.now() + offset)
  for (const phone of phones) await phone.clock.setFixedTime(at)
  return at
}

/** The village's real clock again. */
export function restoreVillageClock(village: DemoVillage): void {
  const now = realNow.get(village)
  if (now) village.services.now = now
  realNow.delete(village)
}

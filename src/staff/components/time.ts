import { formatVillageDateTime } from '../../../types/village-time'

/** `09:30`: the village time of day of an instant. */
export function villageClock(instant: string): string {
  return formatVillageDateTime(instant).split(' ')[1]
}

/** `09:30–10:00` */
export function slotLabel(slot: { start: string; end: string }): string {
  return `${villageClock(slot.start)}–${villageClock(slot.end)}`
}

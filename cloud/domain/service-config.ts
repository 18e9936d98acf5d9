import type {
  AvailabilityDay,
  CenterSettings,
  ClosedDate,
  PlanDay,
  Service,
} from '../../types/service-center'
import { villageDayOf } from '../../types/village-time'
import { notFound } from '../core/errors'
import { keepAnswer } from '../core/kept-answers'
import type { Db } from '../store/db'
import { runPrepared } from '../store/prepared'
import { configVersionAndBooked, loadPlan, loadSettings, toService } from './service-center-store'
import {
  earliestStart,
  slotAt,
  slotsFrom,
  windowDays,
  type PlannedDay,
  type PlannedSlot,
} from './service-slots'

/**
 * What slot generation and booking read of a village's 党群服务中心, as of one value of the
 * village's `service_config_version` (migration 0016: triggers bump it in the transaction of every
 * change to the settings, services, plan or closed dates, whoever makes it).
 */
export interface ServiceConfig {
  version: number
  settings: CenterSettings
  plan: PlanDay[]
  closedDates: ClosedDate[]
  /** Every service of the village, active or not. */
  services: Map<string, Service>
  /** The booking window per slot length, for one village day (`windowsDay`). */
  windows: Map<number, PlannedDay[]>
  windowsDay: string
}

/** An availability answer, with what it was computed from. */
interface KeptAvailability {
  /** The configuration (of one store, at one version) it was computed with. */
  config: ServiceConfig
  /** The window's village day and its first slot open to booking then (`openingKey`). */
  opening: string
  /** The places taken per slot start, as read for it. */
  booked: Map<string, number>
  answer: AvailabilityDay[]
}

/**
 * Per store (a transaction shares its store's adapter), per village. A call reads the village's
 * version in a query it makes anyway and uses the kept configuration only when it was loaded at
 * that very version; otherwise it loads it again. So a closed date saved through any gateway
 * process is seen by the next call on every process, never after some time to live, and nothing
 * a call reads is older than what the database held when its version was read.
 */
const kept = new WeakMap<object, Map<string, ServiceConfig>>()
/** A county's villages each keep a few KB; oldest out first beyond this. */
const maxKeptVillages = 1000

function keptFor(db: Db): Map<string, ServiceConfig> {
  const key = db.getExecutor().adapter
  let villages = kept.get(key)
  if (!villages) kept.set(key, (villages = new Map()))
  return villages
}

/** The village's configuration version, as the database holds it now. */
export async function configVersion(db: Db, villageId: string): Promise<number> {
  const [row] = await runPrepared(
    db,
    'service config version',
    (village) => db.selectFrom('villages').select('serviceConfigVersion').where('id', '=', village),
    [villageId],
  )
  if (!row) throw notFound('本村')
  return Number(row.serviceConfigVersion)
}

/**
 * The village's configuration at `version` (read by the caller, in the same query as what it
 * counts), from memory when it was loaded at that version. A configuration loaded after the
 * version was read is at least that new; if it is newer, the next call's version differs and
 * loads it again.
 */
export async function serviceConfig(
  db: Db,
  villageId: string,
  version: number,
): Promise<ServiceConfig> {
  const villages = keptFor(db)
  const found = villages.get(villageId)
  if (found?.version === version) return found
  const [settings, plan, closedDates, services] = await Promise.all([
    loadSettings(db, villageId),
    loadPlan(db, villageId),
    db
      .selectFrom('closedDates')
      .select(['day', 'reason'])
      .where('villageId', '=', villageId)
      .orderBy('day')
      .execute(),
    db.selectFrom('services').selectAll().where('villageId', '=', villageId).execute(),
  ])
  const config: ServiceConfig = {
    version,
    settings,
    plan,
    closedDates,
    services: new Map(services.map((row) => [row.id, toService(row)])),
    windows: new Map(),
    windowsDay: '',
  }
  villages.delete(villageId)
  if (villages.size >= maxKeptVillages) villages.delete(villages.keys().next().value as string)
  villages.set(villageId, config)
  return config
}

/** The village's configuration as it is now: one small query, plus the load when it changed. */
export async function currentServiceConfig(db: Db, villageId: string): Promise<ServiceConfig> {
  return serviceConfig(db, villageId, await configVersion(db, villageId))
}

/** A service of the village (an active one unless `active` is false); others are not found. */
export function serviceIn(config: ServiceConfig, serviceId: string, active = true): Service {
  const service = config.services.get(serviceId)
  if (!service || (active && !service.active)) throw notFound('这项服务')
  return service
}

/** Every slot of the booking window from the village day of `now`, computed once per day. */
function windowOf(config: ServiceConfig, slotMinutes: number, now: Date): PlannedDay[] {
  const today = villageDayOf(now)
  if (config.windowsDay !== today) {
    config.windows.clear()
    config.windowsDay = today
  }
  let days = config.windows.get(slotMinutes)
  if (!days) {
    const { plan, closedDates, settings } = config
    const { bookingWindowDays } = settings
    days = windowDays({ plan, closedDates, bookingWindowDays, slotMinutes }, today)
    config.windows.set(slotMinutes, days)
  }
  return days
}

/**
 * The window's days with the slots of this length that can be booked at `now`: from the minimum
 * notice on, or, at the desk, with a notice of its own (negative lets a slot under way count).
 */
export function bookableDays(
  config: ServiceConfig,
  slotMinutes: number,
  now: Date,
  minNoticeMinutes = config.settings.minNoticeMinutes,
): PlannedDay[] {
  return slotsFrom(windowOf(config, slotMinutes, now), earliestStart(now, minNoticeMinutes))
}

/** The slot starting at `start`, if it can be booked at `now` (see `bookableDays`). */
export function bookableSlotIn(
  config: ServiceConfig,
  slotMinutes: number,
  now: Date,
  start: string,
  minNoticeMinutes?: number,
): PlannedSlot | null {
  return slotAt(bookableDays(config, slotMinutes, now, minNoticeMinutes), start)
}

/**
 * Which slots of the window are open to booking from `earliest` on: the window's day and the
 * first such slot's start. The window's slots are in time order, so two instants with the same
 * key leave the same slots open.
 */
function openingKey(config: ServiceConfig, days: PlannedDay[], earliest: string): string {
  for (const day of days) {
    const { slots } = day
    if (slots.length === 0 || slots[slots.length - 1].start < earliest) continue
    const first = slots.find((slot) => slot.start >= earliest) as PlannedSlot
    return `${config.windowsDay} ${first.start}`
  }
  return `${config.windowsDay} none`
}

/**
 * The last availability answer per village, service and audience (villager or desk). A 14-day
 * answer is some 25 KB, twice over with its bytes: the most recently used are kept, oldest out.
 */
const keptAnswers = new Map<string, KeptAvailability>()
const maxKeptAnswers = 200

const sameCounts = (a: Map<string, number>, b: Map<string, number>) =>
  a.size === b.size && [...a].every(([start, count]) => b.get(start) === count)

/**
 * Every day of the booking window with a service's slots and the places left in each. Villagers
 * book with the village's minimum notice; at the desk (`atDesk`) there is none, and the slot under
 * way still counts, as registerWalkIn allows.
 *
 * The answer depends only on the configuration (its version), the slots open at `now` and the
 * slot counters, which every call reads from the database (one query with the version): so the
 * last answer is kept per service (`keptAnswers`) and handed out again, serialized once
 * (core/kept-answers.ts), while all three are the same. A booking made through any process changes the counters the next
 * call reads, so it is seen at once; nothing is kept for a time.
 */
export async function availabilityOf(
  db: Db,
  villageId: string,
  serviceId: string,
  now: Date,
  atDesk: boolean,
): Promise<AvailabilityDay[]> {
  // A slot under way started before now; no slot is a day long, so a day back finds its counter.
  const from = new Date(now.getTime() - (atDesk ? 86_400_000 : 0)).toISOString()
  const { version, booked } = await configVersionAndBooked(db, villageId, serviceId, from)
  const config = await serviceConfig(db, villageId, version)
  const service = serviceIn(config, serviceId)
  const minNotice = atDesk ? -service.slotMinutes : config.settings.minNoticeMinutes
  const window = windowOf(config, service.slotMinutes, now)
  const earliest = earliestStart(now, minNotice)
  const opening = openingKey(config, window, earliest)
  const key = `${villageId} ${service.id} ${atDesk ? 'desk' : 'villager'}`
  const kept = keptAnswers.get(key)
  const same =
    kept?.config === config && kept.opening === opening && sameCounts(kept.booked, booked)
  keptAnswers.delete(key)
  if (same) {
    keptAnswers.set(key, kept)
    return kept.answer
  }
  const answer = slotsFrom(window, earliest).map((day) => ({
    ...day,
    slots: day.slots.map((slot) => ({
      ...slot,
      placesLeft: Math.max(0, service.capacity - (booked.get(slot.start) ?? 0)),
    })),
  }))
  if (keptAnswers.size >= maxKeptAnswers) {
    keptAnswers.delete(keptAnswers.keys().next().value as string)
  }
  keptAnswers.set(key, { config, opening, booked, answer: keepAnswer(answer) })
  return answer
}

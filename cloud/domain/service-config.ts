import type { CenterSettings, ClosedDate, PlanDay, Service } from '../../types/service-center'
import { villageDayOf } from '../../types/village-time'
import { notFound } from '../core/errors'
import type { Db } from '../store/db'
import { runPrepared } from '../store/prepared'
import { loadPlan, loadSettings, toService } from './service-center-store'
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

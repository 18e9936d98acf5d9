import { villagerLabel } from '../../types/villager-label'
import {
  appointmentChannelLabels,
  appointmentEventKinds,
  maskPhone,
  type Appointment,
  type AppointmentEvent,
  type AppointmentEventKind,
  type AppointmentStatus,
  type CenterSettings,
  type DeskAppointment,
  type PlanDay,
  type Service,
} from '../../types/service-center'
import { AppError, notFound } from '../core/errors'
import type { InstantRange } from '../../types/village-time'
import type { Db } from '../store/db'
import type { Database } from '../store/schema'
import { canCancel } from './appointment-status'
import { insertRows, runPrepared } from '../store/prepared'
import { newRowId } from '../store/row-id'

/**
 * The page an appointment's messages open (in-app and WeChat's subscribe messages): 我的预约, with
 * the appointment's timeline. A link to a page the build lacks would open an error in WeChat.
 */
export const appointmentLink = '/service/pages/mine/index'

/** What a village's center works with until staff set it up. */
export const defaultCenterSettings: CenterSettings = {
  address: '',
  openingHours: '',
  bookingWindowDays: 14,
  minNoticeMinutes: 120,
  cancelCutoffMinutes: 60,
  noShowLimit: 2,
  noShowWindowDays: 30,
  noShowBlockDays: 30,
}

export async function loadSettings(db: Db, villageId: string): Promise<CenterSettings> {
  const row = await db
    .selectFrom('serviceCenterSettings')
    .selectAll()
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  if (!row) return defaultCenterSettings
  return {
    address: row.address,
    openingHours: row.openingHours,
    bookingWindowDays: row.bookingWindowDays,
    minNoticeMinutes: row.minNoticeMinutes,
    cancelCutoffMinutes: row.cancelCutoffMinutes,
    noShowLimit: row.noShowLimit,
    noShowWindowDays: row.noShowWindowDays,
    noShowBlockDays: row.noShowBlockDays,
  }
}

type ServiceRow = Database['services']

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    requiredMaterials: JSON.parse(row.requiredMaterialsJson) as string[],
    durationMinutes: row.durationMinutes,
    needsConfirmation: row.needsConfirmation === 1,
    homeVisit: row.homeVisit === 1,
    proxyService: row.proxyService === 1,
    slotMinutes: row.slotMinutes,
    capacity: row.capacity,
    active: row.active === 1,
  }
}

/** A service of the caller's village; another village's id is simply not found. */
export async function loadService(db: Db, villageId: string, serviceId: string, active = true) {
  let query = db
    .selectFrom('services')
    .selectAll()
    .where('villageId', '=', villageId)
    .where('id', '=', serviceId)
  if (active) query = query.where('active', '=', 1)
  const row = await query.executeTakeFirst()
  if (!row) throw notFound('这项服务')
  return toService(row)
}

export async function loadPlan(db: Db, villageId: string): Promise<PlanDay[]> {
  const rows = await db
    .selectFrom('openingPlan')
    .selectAll()
    .where('villageId', '=', villageId)
    .orderBy('weekday')
    .execute()
  return rows.map((row) => ({
    weekday: row.weekday,
    opens: row.opens,
    closes: row.closes,
    breaks: JSON.parse(row.breaksJson) as PlanDay['breaks'],
  }))
}

/** What a villager is told when the slot they chose has no place left. */
export const slotFullMessage = '这个时段已经约满了，请换一个时段'

/**
 * Takes one place in a slot, or refuses with RESOURCE_EXHAUSTED. The database decides: a
 * conditional update (`booked < capacity`) of the slot's counter, or the insert of its first
 * row; an insert that loses a race to another process's first row tries the update once more.
 * PostgreSQL re-checks the update's condition on the row as the winner left it, and the CHECK
 * `booked <= capacity` stands behind both engines.
 */
export async function takePlace(
  trx: Db,
  slot: { villageId: string; serviceId: string; slotStart: string; capacity: number },
): Promise<void> {
  // The statement every booking makes, compiled once (store/prepared.ts).
  const increment = async () =>
    (
      await runPrepared(
        trx,
        'take a place',
        (serviceId, slotStart) =>
          trx
            .updateTable('slotCounters')
            .set((eb) => ({ booked: eb('booked', '+', 1) }))
            .where('serviceId', '=', serviceId)
            .where('slotStart', '=', slotStart)
            .where((eb) => eb('booked', '<', eb.ref('capacity')))
            .returning('booked'),
        [slot.serviceId, slot.slotStart],
      )
    ).length === 1
  if (await increment()) return
  const inserted = await trx
    .insertInto('slotCounters')
    .values({ ...slot, booked: 1 })
    .onConflict((oc) => oc.columns(['serviceId', 'slotStart']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return
  if (await increment()) return
  throw new AppError('RESOURCE_EXHAUSTED', slotFullMessage)
}

/** Gives a place back; called only by the one status change that leaves a place-holding status. */
export async function freePlace(trx: Db, serviceId: string, slotStart: string): Promise<void> {
  await trx
    .updateTable('slotCounters')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('serviceId', '=', serviceId)
    .where('slotStart', '=', slotStart)
    .where('booked', '>', 0)
    .execute()
}

/**
 * The village's service configuration version and the places taken per slot start of one service
 * from `from` on, in ONE query (compiled once): what every availability call asks.
 */
export async function configVersionAndBooked(
  db: Db,
  villageId: string,
  serviceId: string,
  from: string,
): Promise<{ version: number; booked: Map<string, number> }> {
  const rows = await runPrepared(
    db,
    'service config version and slot counters',
    (village, service, since) =>
      db
        .selectFrom('villages')
        .leftJoin('slotCounters', (join) =>
          join.on('slotCounters.serviceId', '=', service).on('slotCounters.slotStart', '>=', since),
        )
        .select(['villages.serviceConfigVersion', 'slotCounters.slotStart', 'slotCounters.booked'])
        .where('villages.id', '=', village),
    [villageId, serviceId, from],
  )
  if (rows.length === 0) throw notFound('本村')
  const booked = new Map<string, number>()
  for (const row of rows) if (row.slotStart !== null) booked.set(row.slotStart, Number(row.booked))
  return { version: Number(rows[0].serviceConfigVersion), booked }
}

export type AppointmentRow = Database['appointments']

export async function loadAppointment(db: Db, villageId: string, appointmentId: string) {
  const row = await db
    .selectFrom('appointments')
    .selectAll()
    .where('villageId', '=', villageId)
    .where('id', '=', appointmentId)
    .executeTakeFirst()
  if (!row) throw notFound('这条预约')
  return row
}

/** A village's appointments whose slots start within `range` (a day, a month), in slot order. */
export function appointmentsIn(db: Db, villageId: string, range: InstantRange) {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('villageId', '=', villageId)
    .where('slotStart', '>=', range.start)
    .where('slotStart', '<', range.end)
    .orderBy('slotStart')
    .orderBy('createdAt')
    .execute()
}

/**
 * Moves an appointment from the status it was read in to `to`: a compare-and-swap, so of two
 * staff acting on it at once one wins and the other is told it changed under them.
 */
export async function swapStatus(
  trx: Db,
  row: AppointmentRow,
  to: AppointmentStatus,
  at: string,
  extra: Partial<Pick<AppointmentRow, 'result' | 'slotStart' | 'slotEnd'>> = {},
): Promise<AppointmentRow> {
  const result = await trx
    .updateTable('appointments')
    .set({ status: to, updatedAt: at, ...extra })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where('slotStart', '=', row.slotStart)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    throw new AppError('CONFLICT', '这条预约刚被别人处理过了，请刷新后再看')
  }
  return { ...row, status: to, updatedAt: at, ...extra }
}

/** What one step of an appointment records: the kind, who, when, and why. */
export interface EventNote {
  kind: AppointmentEventKind
  actor: { id: string; displayName: string } | null
  at: string
  reason?: string | null
  slotStart?: string | null
}

/** Writes the events of one change to an appointment in one statement; returns their rows. */
export async function addEvents(
  trx: Db,
  row: Pick<AppointmentRow, 'id' | 'villageId'>,
  notes: EventNote[],
): Promise<EventRow[]> {
  const rows = notes.map((event) => ({
    id: newRowId(),
    appointmentId: row.id,
    villageId: row.villageId,
    kind: event.kind,
    actorId: event.actor?.id ?? null,
    actorName: event.actor?.displayName ?? '系统',
    reason: event.reason ?? null,
    slotStart: event.slotStart ?? null,
    createdAt: event.at,
  }))
  await insertRows(trx, 'appointmentEvents', rows)
  return rows
}

export async function addEvent(
  trx: Db,
  row: Pick<AppointmentRow, 'id' | 'villageId'>,
  event: EventNote,
): Promise<void> {
  await addEvents(trx, row, [event])
}

type BaseView = Omit<Appointment, 'canCancel' | 'canRate'>

/** Appointments as their villager sees them: phone masked, staff named as such. */
export async function villagerViews(
  db: Db,
  rows: AppointmentRow[],
  settings: CenterSettings,
  now: Date,
): Promise<Appointment[]> {
  const views = await baseViews(db, rows)
  return views.map((view, index) => ({
    ...view,
    canCancel: canCancel(view.status, view.start, settings.cancelCutoffMinutes, now),
    canRate: !view.rating && (rows[index].status === 'done' || rows[index].status === 'archived'),
  }))
}

type EventRow = Database['appointmentEvents']
type RatingRow = Database['ratings']

/** One appointment as its villager sees it, from its row, service, events and rating. */
function toBaseView(
  row: AppointmentRow,
  service: Service,
  events: EventRow[],
  rating: RatingRow | undefined,
): BaseView {
  const timeline: AppointmentEvent[] = events
    // Events of one change share their instant (booked and confirmed at once): the steps' order.
    .sort(
      (a, b) =>
        a.createdAt.localeCompare(b.createdAt) ||
        appointmentEventKinds.indexOf(a.kind) - appointmentEventKinds.indexOf(b.kind),
    )
    .map((event) => ({
      kind: event.kind,
      at: event.createdAt,
      reason: event.reason,
      by:
        event.actorId === null
          ? '系统'
          : event.actorId === row.userId
            ? '本人'
            : `工作人员${event.actorName}`,
      slotStart: event.slotStart,
    }))
  return {
    id: row.id,
    serviceId: row.serviceId,
    serviceName: service.name,
    category: service.category,
    requiredMaterials: service.requiredMaterials,
    start: row.slotStart,
    end: row.slotEnd,
    status: row.status,
    channel: row.channel,
    contactName: row.contactName,
    contactPhone: maskPhone(row.contactPhone),
    note: row.note,
    homeVisit: row.homeVisit === 1,
    address: row.address,
    proxyFor: row.proxyFor,
    result: row.result,
    rating: rating
      ? { score: rating.score, comment: rating.comment, ratedAt: rating.ratedAt }
      : null,
    events: timeline,
    createdAt: row.createdAt,
  }
}

async function baseViews(db: Db, rows: AppointmentRow[]): Promise<BaseView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const serviceIds = [...new Set(rows.map((row) => row.serviceId))]
  const [services, events, ratings] = await Promise.all([
    db.selectFrom('services').selectAll().where('id', 'in', serviceIds).execute(),
    db
      .selectFrom('appointmentEvents')
      .selectAll()
      .where('appointmentId', 'in', ids)
      .orderBy('createdAt')
      .execute(),
    db.selectFrom('ratings').selectAll().where('appointmentId', 'in', ids).execute(),
  ])
  const serviceById = new Map(services.map((row) => [row.id, toService(row)]))
  return rows.map((row) => {
    const service = serviceById.get(row.serviceId)
    if (!service) throw new Error(`service ${row.serviceId} missing`)
    return toBaseView(
      row,
      service,
      events.filter((event) => event.appointmentId === row.id),
      ratings.find((r) => r.appointmentId === row.id),
    )
  })
}

/**
 * A booking just made, as its villager sees it: everything is at hand (its row, its service, the
 * events just written), so nothing is read back.
 */
export function newBookingView(
  row: AppointmentRow,
  service: Service,
  events: EventRow[],
  settings: CenterSettings,
  now: Date,
): Appointment {
  return {
    ...toBaseView(row, service, events, undefined),
    canCancel: canCancel(row.status, row.slotStart, settings.cancelCutoffMinutes, now),
    canRate: false,
  }
}

/** Appointments as staff see them: the full phone (they call it), who booked, the follow-up. */
export async function deskViews(db: Db, rows: AppointmentRow[]): Promise<DeskAppointment[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))]
  const [views, users, followUps] = await Promise.all([
    baseViews(db, rows),
    userIds.length
      ? db
          .selectFrom('users')
          .select(['id', 'displayName', 'villagerNo'])
          .where('id', 'in', userIds)
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('followUps')
      .innerJoin('users', 'users.id', 'followUps.byId')
      .select([
        'followUps.appointmentId',
        'followUps.method',
        'followUps.followedUpAt',
        'followUps.satisfaction',
        'followUps.remarks',
        'users.displayName as byName',
      ])
      .where('followUps.appointmentId', 'in', ids)
      .execute(),
  ])
  return views.map((view, index) => {
    const row = rows[index]
    const user = users.find((u) => u.id === row.userId)
    const followUp = followUps.find((f) => f.appointmentId === row.id)
    return {
      ...view,
      contactPhone: row.contactPhone,
      userId: row.userId,
      bookedBy: user
        ? villagerLabel(user.displayName, user.villagerNo)
        : `${row.contactName}（${appointmentChannelLabels[row.channel]}）`,
      followUp: followUp
        ? {
            method: followUp.method,
            followedUpAt: followUp.followedUpAt,
            satisfaction: followUp.satisfaction,
            remarks: followUp.remarks,
            byName: followUp.byName,
          }
        : null,
    }
  })
}

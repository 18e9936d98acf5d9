import { randomUUID } from 'node:crypto'
import {
  holdingStatuses,
  maskPhone,
  type Appointment,
  type AppointmentStatus,
  type Service,
} from '../../types/service-center'
import { slotAt, type SlotRules } from '../../types/service-slots'
import { AppError, notFound } from '../core/errors'
import type { Db } from '../store/db'

/** A village without a service center set up has nothing to book, in plain words. */
const noCenter = () => new AppError('FAILED_PRECONDITION', '本村的党群服务中心还没有开通网上预约')

export async function loadCenterSettings(db: Db, villageId: string) {
  const center = await db
    .selectFrom('serviceCenters')
    .selectAll()
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  if (!center) throw noCenter()
  return center
}

export async function loadSlotRules(db: Db, villageId: string): Promise<SlotRules> {
  const [center, periods, closed] = await Promise.all([
    loadCenterSettings(db, villageId),
    db
      .selectFrom('openingPeriods')
      .select(['weekday', 'opens', 'closes'])
      .where('villageId', '=', villageId)
      .execute(),
    db.selectFrom('closedDays').select('day').where('villageId', '=', villageId).execute(),
  ])
  return {
    periods: periods.map((period) => ({ ...period, weekday: Number(period.weekday) })),
    closedDays: closed.map((row) => row.day),
    windowDays: Number(center.windowDays),
    noticeMinutes: Number(center.noticeMinutes),
  }
}

type ServiceRow = Awaited<ReturnType<typeof serviceRows>>[number]
function serviceRows(db: Db, villageId: string) {
  return db
    .selectFrom('services')
    .selectAll()
    .where('villageId', '=', villageId)
    .where('active', '=', 1)
    .orderBy('category')
    .orderBy('name')
    .execute()
}

function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    requiredMaterials: JSON.parse(row.requiredMaterialsJson) as string[],
    durationMinutes: Number(row.durationMinutes),
    needsConfirmation: Number(row.needsConfirmation) === 1,
    homeVisit: Number(row.homeVisit) === 1,
    proxyService: Number(row.proxyService) === 1,
    slotMinutes: Number(row.slotMinutes),
    capacity: Number(row.capacity),
  }
}

export async function loadServices(db: Db, villageId: string): Promise<Service[]> {
  return (await serviceRows(db, villageId)).map(toService)
}

/** An active service of this village; any other id is not found (another village's included). */
export async function loadService(db: Db, villageId: string, serviceId: string) {
  const row = await db
    .selectFrom('services')
    .selectAll()
    .where('id', '=', serviceId)
    .where('villageId', '=', villageId)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!row) throw notFound('这项服务')
  return toService(row)
}

/** Places taken per slot start of a service, from `from` on. */
export async function placesTaken(db: Db, serviceId: string, from: string) {
  const rows = await db
    .selectFrom('slotBookings')
    .select(['slotStart', 'booked'])
    .where('serviceId', '=', serviceId)
    .where('slotStart', '>=', from)
    .execute()
  return new Map(rows.map((row) => [row.slotStart, Number(row.booked)]))
}

/**
 * Takes one place in a slot, or refuses when it is full. One conditional update does it, which
 * the database applies to the row one at a time: with any number of requests and gateway
 * processes at once, exactly `capacity` of them succeed.
 */
export async function takePlace(trx: Db, service: Service, slotStart: string): Promise<void> {
  await trx
    .insertInto('slotBookings')
    .values({ serviceId: service.id, slotStart, booked: 0 })
    .onConflict((conflict) => conflict.columns(['serviceId', 'slotStart']).doNothing())
    .execute()
  const taken = await trx
    .updateTable('slotBookings')
    .set((eb) => ({ booked: eb('booked', '+', 1) }))
    .where('serviceId', '=', service.id)
    .where('slotStart', '=', slotStart)
    .where('booked', '<', service.capacity)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) === 0) {
    throw new AppError('RESOURCE_EXHAUSTED', '这个时段已经约满了，请选别的时段', 'slotStart')
  }
}

/** Gives a place back (a cancellation): once per appointment, as its status move is. */
export async function givePlace(trx: Db, serviceId: string, slotStart: string): Promise<void> {
  await trx
    .updateTable('slotBookings')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('serviceId', '=', serviceId)
    .where('slotStart', '=', slotStart)
    .where('booked', '>', 0)
    .execute()
}

export async function recordAppointmentStep(
  trx: Db,
  step: {
    appointmentId: string
    status: AppointmentStatus
    reason: string | null
    actorId: string | null
    at: string
  },
): Promise<void> {
  await trx
    .insertInto('appointmentEvents')
    .values({ id: randomUUID(), ...step })
    .execute()
}

/**
 * Moves an appointment between statuses by compare-and-swap: two people acting on it at once
 * leave one outcome; the other learns someone was first.
 */
export async function moveAppointment(
  trx: Db,
  appointmentId: string,
  from: readonly AppointmentStatus[],
  set: { status: AppointmentStatus; cancelReason?: string | null },
  at: string,
): Promise<void> {
  const moved = await trx
    .updateTable('appointments')
    .set({ ...set, updatedAt: at })
    .where('id', '=', appointmentId)
    .where('status', 'in', [...from])
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) === 0) {
    throw new AppError('CONFLICT', '这个预约的情况刚刚变了，请刷新看看')
  }
}

function appointmentsOf(db: Db) {
  return db
    .selectFrom('appointments')
    .innerJoin('services', 'services.id', 'appointments.serviceId')
    .selectAll('appointments')
    .select([
      'services.name as serviceName',
      'services.requiredMaterialsJson',
      'services.slotMinutes',
    ])
}
type AppointmentRow = Awaited<ReturnType<ReturnType<typeof appointmentsOf>['execute']>>[number]

function toAppointment(row: AppointmentRow): Appointment {
  return {
    id: row.id,
    service: {
      id: row.serviceId,
      name: row.serviceName,
      requiredMaterials: JSON.parse(row.requiredMaterialsJson) as string[],
    },
    slot: slotAt(row.slotStart, Number(row.slotMinutes)),
    status: row.status,
    contactName: row.contactName,
    contactPhone: maskPhone(row.contactPhone),
    note: row.note,
    homeVisitAddress: row.homeVisitAddress,
    proxyFor: row.proxyFor,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt,
  }
}

/** One appointment of this villager; anyone else's is not found. */
export async function loadOwnAppointment(db: Db, villagerId: string, appointmentId: string) {
  const row = await appointmentsOf(db)
    .where('appointments.id', '=', appointmentId)
    .where('appointments.villagerId', '=', villagerId)
    .executeTakeFirst()
  if (!row) throw notFound('这个预约')
  return { appointment: toAppointment(row), row }
}

/** 我的预约: the coming ones (soonest first), then the past ones (latest first). */
export async function listOwnAppointments(db: Db, villagerId: string, now: Date) {
  const rows = await appointmentsOf(db)
    .where('appointments.villagerId', '=', villagerId)
    .orderBy('appointments.slotStart', 'desc')
    .limit(200)
    .execute()
  const at = now.toISOString()
  const coming = rows.filter((row) => row.slotStart >= at).reverse()
  const past = rows.filter((row) => row.slotStart < at)
  return [...coming, ...past].map(toAppointment)
}

export const holdsPlace = (status: AppointmentStatus) => holdingStatuses.includes(status)

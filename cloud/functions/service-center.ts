import { randomUUID } from 'node:crypto'
import type { Slot } from '../../types/service-center'
import { bookableSlots, isBookable } from '../../types/service-slots'
import { formatVillageDateTime } from '../../types/village-time'
import { change } from '../core/change'
import { forVillager, limited } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import {
  givePlace,
  listOwnAppointments,
  loadCenterSettings,
  loadOwnAppointment,
  loadService,
  loadServices,
  loadSlotRules,
  moveAppointment,
  placesTaken,
  recordAppointmentStep,
  takePlace,
} from '../domain/service-center'

const target = (serviceName: string, slotStart: string) =>
  `${serviceName}预约（${formatVillageDateTime(slotStart)}）`

/** 党群服务中心 for villagers: the center, its free places, booking and cancelling. */
export const serviceCenterHandlers: FunctionHandlers<'serviceCenter'> = {
  center: forVillager(async (ctx) => {
    const { db } = ctx.services
    const [center, services] = await Promise.all([
      loadCenterSettings(db, ctx.user.villageId),
      loadServices(db, ctx.user.villageId),
    ])
    return {
      address: center.address,
      openingHours: center.openingHours,
      windowDays: Number(center.windowDays),
      services,
    }
  }),

  availability: forVillager(async (ctx, { serviceId }) => {
    const { db } = ctx.services
    const now = ctx.services.now()
    // The center first: a village without one hears that, whatever service id it asks about.
    const rules = await loadSlotRules(db, ctx.user.villageId)
    const service = await loadService(db, ctx.user.villageId, serviceId)
    const taken = await placesTaken(db, service.id, now.toISOString())
    return bookableSlots(rules, service.slotMinutes, now).map((slot): Slot => ({
      ...slot,
      placesLeft: Math.max(0, service.capacity - (taken.get(slot.start) ?? 0)),
    }))
  }),

  // A family books a few matters a month: the cap stops one caller holding every place.
  book: limited(
    [{ per: 'caller', counts: 'attempts', max: 20, windowSeconds: 86400 }],
    change('villager', 'serviceCenter.book', async (ctx, trx, input) => {
      const now = ctx.services.now()
      const at = now.toISOString()
      const { villageId } = ctx.user
      const service = await loadService(trx, villageId, input.serviceId)
      const rules = await loadSlotRules(trx, villageId)
      if (!isBookable(rules, service.slotMinutes, now, input.slotStart)) {
        throw new AppError('INVALID_ARGUMENT', '这个时段现在不能预约了，请重新选一个', 'slotStart')
      }
      if (input.homeVisitAddress !== null && !service.homeVisit) {
        throw new AppError('INVALID_ARGUMENT', '这项服务不能上门办理', 'homeVisitAddress')
      }
      if (input.proxyFor !== null && !service.proxyService) {
        throw new AppError('INVALID_ARGUMENT', '这项服务不能代办，请本人预约', 'proxyFor')
      }
      await takePlace(trx, service, input.slotStart)
      const id = randomUUID()
      const status = service.needsConfirmation ? 'pending' : 'confirmed'
      await trx
        .insertInto('appointments')
        .values({
          id,
          villageId,
          serviceId: service.id,
          slotStart: input.slotStart,
          villagerId: ctx.user.id,
          contactName: input.contactName,
          contactPhone: input.contactPhone,
          note: input.note,
          homeVisitAddress: input.homeVisitAddress,
          proxyFor: input.proxyFor,
          status,
          cancelReason: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute()
      await recordAppointmentStep(trx, {
        appointmentId: id,
        status,
        reason: null,
        actorId: ctx.user.id,
        at,
      })
      const { appointment } = await loadOwnAppointment(trx, ctx.user.id, id)
      return {
        result: appointment,
        audit: {
          target: target(service.name, input.slotStart),
          before: null,
          after: {
            status,
            homeVisit: input.homeVisitAddress !== null,
            proxy: input.proxyFor !== null,
          },
        },
      }
    }),
  ),

  myAppointments: forVillager((ctx) =>
    listOwnAppointments(ctx.services.db, ctx.user.id, ctx.services.now()),
  ),

  cancel: change('villager', 'serviceCenter.cancel', async (ctx, trx, input) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const { row } = await loadOwnAppointment(trx, ctx.user.id, input.appointmentId)
    if (row.slotStart <= at) {
      throw new AppError(
        'FAILED_PRECONDITION',
        '预约的时间已经到了，不能再取消；有事请联系服务中心',
      )
    }
    // Only a booking still holding its place can be cancelled, and only once: the place is
    // given back by the same change that moves the status.
    await moveAppointment(
      trx,
      row.id,
      ['pending', 'confirmed'],
      { status: 'cancelled', cancelReason: input.reason },
      at,
    )
    await givePlace(trx, row.serviceId, row.slotStart)
    await recordAppointmentStep(trx, {
      appointmentId: row.id,
      status: 'cancelled',
      reason: input.reason,
      actorId: ctx.user.id,
      at,
    })
    const { appointment } = await loadOwnAppointment(trx, ctx.user.id, row.id)
    return {
      result: appointment,
      audit: {
        target: target(row.serviceName, row.slotStart),
        before: { status: row.status },
        after: { status: 'cancelled', reason: input.reason },
      },
    }
  }),
}

import { maskPhone, serviceCategories, type CenterPage } from '../../types/service-center'
import { formatVillageDateTime, villageDayOf } from '../../types/village-time'
import { change } from '../core/change'
import { forVillager, limited } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import { canCancel, freesPlace } from '../domain/appointment-status'
import { writeMessages } from '../domain/messages'
import {
  addEvent,
  addEvents,
  newBookingView,
  freePlace,
  loadAppointment,
  loadService,
  loadSettings,
  swapStatus,
  takePlace,
  toService,
  villagerViews,
  appointmentLink,
} from '../domain/service-center-store'
import {
  availabilityOf,
  bookableSlotIn,
  currentServiceConfig,
  serviceIn,
} from '../domain/service-config'
import type { Db } from '../store/db'
import { insertRows, runPrepared } from '../store/prepared'
import { newRowId } from '../store/row-id'

/** The end of an active no-show block on this villager, or null. */
async function blockedUntil(db: Db, userId: string, at: string): Promise<string | null> {
  // Asked by every booking: compiled once (store/prepared.ts).
  const [block] = await runPrepared(
    db,
    'active no-show block',
    (user, since) =>
      db
        .selectFrom('appointmentBlocks')
        .select('blockedUntil')
        .where('userId', '=', user)
        .where('liftedAt', 'is', null)
        .where('blockedUntil', '>', since)
        .orderBy('blockedUntil', 'desc')
        .limit(1),
    [userId, at],
  )
  return block?.blockedUntil ?? null
}

/** A villager's own appointment; someone else's is refused, another village's not found. */
async function ownAppointment(db: Db, villageId: string, userId: string, appointmentId: string) {
  const row = await loadAppointment(db, villageId, appointmentId)
  if (row.userId !== userId) throw new AppError('PERMISSION_DENIED', '这不是您的预约')
  return row
}

export const serviceCenterHandlers: FunctionHandlers<'serviceCenter'> = {
  center: forVillager(async (ctx): Promise<CenterPage> => {
    const { db } = ctx.services
    const { villageId } = ctx.user
    const now = ctx.services.now()
    const [settings, onDuty, services, blocked] = await Promise.all([
      loadSettings(db, villageId),
      db
        .selectFrom('dutyRoster')
        .select(['day', 'name', 'post', 'phone'])
        .where('villageId', '=', villageId)
        .where('day', '=', villageDayOf(now))
        .orderBy('id')
        .execute(),
      db
        .selectFrom('services')
        .selectAll()
        .where('villageId', '=', villageId)
        .where('active', '=', 1)
        .orderBy('name')
        .execute(),
      blockedUntil(db, ctx.user.id, now.toISOString()),
    ])
    const { address, openingHours, bookingWindowDays, minNoticeMinutes, cancelCutoffMinutes } =
      settings
    return {
      settings: { address, openingHours, bookingWindowDays, minNoticeMinutes, cancelCutoffMinutes },
      onDuty,
      categories: serviceCategories
        .map((category) => ({
          category,
          services: services.filter((row) => row.category === category).map(toService),
        }))
        .filter((group) => group.services.length > 0),
      blockedUntil: blocked,
    }
  }),

  service: forVillager(async (ctx, { serviceId }) =>
    loadService(ctx.services.db, ctx.user.villageId, serviceId),
  ),

  availability: forVillager((ctx, { serviceId }) =>
    availabilityOf(ctx.services.db, ctx.user.villageId, serviceId, ctx.services.now(), false),
  ),

  lastContact: forVillager(async (ctx) => {
    const last = await ctx.services.db
      .selectFrom('appointments')
      .select(['contactName', 'contactPhone'])
      .where('userId', '=', ctx.user.id)
      .orderBy('createdAt', 'desc')
      .executeTakeFirst()
    return last
      ? { contactName: last.contactName, contactPhone: maskPhone(last.contactPhone) }
      : null
  }),

  // A villager books a few matters a month, some for family (代办): the cap stops a script from
  // taking a village's slots, counted on every attempt so trying slot after slot counts too.
  book: limited(
    [{ per: 'caller', counts: 'attempts', max: 20, windowSeconds: 86400 }],
    change('villager', 'serviceCenter.book', async (ctx, trx, data) => {
      const { villageId } = ctx.user
      const now = ctx.services.now()
      const at = now.toISOString()
      const config = await currentServiceConfig(trx, villageId)
      const service = serviceIn(config, data.serviceId)
      const blocked = await blockedUntil(trx, ctx.user.id, at)
      if (blocked) {
        throw new AppError(
          'FAILED_PRECONDITION',
          `您近期有几次预约没有到场，${formatVillageDateTime(blocked)}前不能在网上预约，请打电话或到服务中心办理`,
        )
      }
      if (data.homeVisit && !service.homeVisit) {
        throw new AppError('FAILED_PRECONDITION', '这项服务不能上门办理')
      }
      if (data.homeVisit && !data.address) {
        throw new AppError('INVALID_ARGUMENT', '上门服务要填写地址', 'address')
      }
      if (data.proxyFor && !service.proxyService) {
        throw new AppError('FAILED_PRECONDITION', '这项服务不能代办，请本人预约')
      }
      const contactPhone =
        data.contactPhone ??
        (
          await trx
            .selectFrom('appointments')
            .select('contactPhone')
            .where('userId', '=', ctx.user.id)
            .orderBy('createdAt', 'desc')
            .executeTakeFirst()
        )?.contactPhone
      if (!contactPhone) throw new AppError('INVALID_ARGUMENT', '请填写联系电话', 'contactPhone')
      const slot = bookableSlotIn(config, service.slotMinutes, now, data.slotStart)
      if (!slot) {
        throw new AppError(
          'FAILED_PRECONDITION',
          '这个时段现在不能预约了，请换一个时段',
          'slotStart',
        )
      }
      await takePlace(trx, {
        villageId,
        serviceId: service.id,
        slotStart: slot.start,
        capacity: service.capacity,
      })
      const row = {
        id: newRowId(),
        villageId,
        serviceId: service.id,
        userId: ctx.user.id,
        channel: 'online' as const,
        slotStart: slot.start,
        slotEnd: slot.end,
        status: service.needsConfirmation ? ('pending' as const) : ('confirmed' as const),
        contactName: data.contactName,
        contactPhone,
        note: data.note,
        homeVisit: data.homeVisit ? (1 as const) : (0 as const),
        address: data.address,
        proxyFor: data.proxyFor,
        result: '',
        remindedAt: null,
        createdAt: at,
        updatedAt: at,
      }
      await insertRows(trx, 'appointments', [row])
      const events = await addEvents(trx, row, [
        { kind: 'booked', actor: ctx.user, at },
        ...(row.status === 'confirmed' ? [{ kind: 'confirmed' as const, actor: null, at }] : []),
      ])
      await writeMessages(trx, ctx.services.config, at, {
        villageId,
        to: { userIds: [ctx.user.id] },
        kind: 'appointment',
        title: row.status === 'pending' ? '预约已提交，等待确认' : '预约成功',
        body: `${service.name}，${formatVillageDateTime(slot.start)}`,
        link: appointmentLink,
      })
      const view = newBookingView(row, service, events, config.settings, now)
      return {
        result: view,
        audit: {
          target: `${service.name} ${formatVillageDateTime(slot.start)}`,
          before: null,
          after: { status: row.status },
        },
      }
    }),
  ),

  myAppointments: forVillager(async (ctx) => {
    const { db } = ctx.services
    const now = ctx.services.now()
    const [rows, settings] = await Promise.all([
      db
        .selectFrom('appointments')
        .selectAll()
        .where('villageId', '=', ctx.user.villageId)
        .where('userId', '=', ctx.user.id)
        .orderBy('slotStart', 'desc')
        .limit(100)
        .execute(),
      loadSettings(db, ctx.user.villageId),
    ])
    const views = await villagerViews(db, rows, settings, now)
    const at = now.toISOString()
    const isUpcoming = (view: (typeof views)[number]) =>
      view.end > at && !freesPlace(view.status) && view.status !== 'archived'
    return {
      upcoming: views.filter(isUpcoming).reverse(),
      past: views.filter((view) => !isUpcoming(view)),
    }
  }),

  cancel: change('villager', 'serviceCenter.cancel', async (ctx, trx, data) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const row = await ownAppointment(trx, ctx.user.villageId, ctx.user.id, data.appointmentId)
    const settings = await loadSettings(trx, ctx.user.villageId)
    if (!canCancel(row.status, row.slotStart, settings.cancelCutoffMinutes, now)) {
      throw new AppError(
        'FAILED_PRECONDITION',
        freesPlace(row.status) || row.status === 'done' || row.status === 'archived'
          ? '这条预约已经不能取消了'
          : `开始前 ${settings.cancelCutoffMinutes} 分钟内不能在网上取消了，请打电话给服务中心`,
      )
    }
    const updated = await swapStatus(trx, row, 'cancelled', at)
    await freePlace(trx, row.serviceId, row.slotStart)
    await addEvent(trx, row, { kind: 'cancelled', actor: ctx.user, at, reason: data.reason })
    const [view] = await villagerViews(trx, [updated], settings, now)
    return {
      result: view,
      audit: {
        target: `${view.serviceName} ${formatVillageDateTime(row.slotStart)}`,
        before: { status: row.status },
        after: { status: 'cancelled', reason: data.reason },
      },
    }
  }),

  rate: change('villager', 'serviceCenter.rate', async (ctx, trx, data) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const row = await ownAppointment(trx, ctx.user.villageId, ctx.user.id, data.appointmentId)
    if (row.status !== 'done' && row.status !== 'archived') {
      throw new AppError('FAILED_PRECONDITION', '事情办结以后才能评价')
    }
    const inserted = await trx
      .insertInto('ratings')
      .values({
        appointmentId: row.id,
        villageId: row.villageId,
        score: data.score,
        comment: data.comment,
        ratedAt: at,
      })
      .onConflict((oc) => oc.column('appointmentId').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError('FAILED_PRECONDITION', '您已经评价过了，每次只能评价一次')
    }
    await addEvent(trx, row, { kind: 'rated', actor: ctx.user, at })
    const settings = await loadSettings(trx, ctx.user.villageId)
    const [view] = await villagerViews(trx, [row], settings, now)
    return {
      result: view,
      audit: {
        target: `${view.serviceName} ${formatVillageDateTime(row.slotStart)}`,
        before: null,
        after: { score: data.score },
      },
    }
  }),
}

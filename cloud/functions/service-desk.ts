import {
  appointmentStatusLabels,
  serviceDeskRoles,
  type AppointmentEventKind,
  type DeskAppointment,
  type DeskSlot,
} from '../../types/service-center'
import {
  formatVillageDate,
  formatVillageDateTime,
  villageDayRange,
  villageMonthRange,
} from '../../types/village-time'
import { villagerLabel } from '../../types/villager-label'
import { change } from '../core/change'
import { forRoles, type ReadDef, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import {
  canTransition,
  freesPlace,
  noShowBlockUntil,
  transitions,
  type Transition,
} from '../domain/appointment-status'
import { writeMessages } from '../domain/messages'
import { appointmentsWorkbook } from '../domain/service-export'
import {
  addEvent,
  appointmentsIn,
  deskViews,
  freePlace,
  loadAppointment,
  loadSettings,
  swapStatus,
  takePlace,
  type AppointmentRow,
  appointmentLink,
} from '../domain/service-center-store'
import {
  availabilityOf,
  bookableSlotIn,
  currentServiceConfig,
  serviceIn,
} from '../domain/service-config'
import type { Db } from '../store/db'
import { configHandlers } from './service-desk-config'
import { newRowId } from '../store/row-id'

const stepWords: Record<Transition, string> = {
  confirm: '确认',
  reject: '不受理',
  cancel: '取消',
  move: '改时间',
  checkIn: '登记到场',
  finish: '办结',
  markNoShow: '记为未到场',
  recordFollowUp: '回访',
}

/** The appointment, if the step makes sense from where it stands; a plain refusal if not. */
async function forStep(trx: Db, villageId: string, appointmentId: string, step: Transition) {
  const row = await loadAppointment(trx, villageId, appointmentId)
  const decided = row.status === 'confirmed' || row.status === 'rejected'
  if ((step === 'confirm' || step === 'reject') && decided) {
    // Another member of staff decided first: the same answer as losing the compare-and-swap.
    throw new AppError(
      'CONFLICT',
      `这条预约刚被别人处理过了（${appointmentStatusLabels[row.status]}），请刷新后再看`,
    )
  }
  if (!canTransition(step, row.status)) {
    throw new AppError(
      'FAILED_PRECONDITION',
      `这条预约${appointmentStatusLabels[row.status]}，不能${stepWords[step]}了`,
    )
  }
  return row
}

/** Tells the villager who booked (if they booked themselves) what happened to their booking. */
async function tellVillager(
  ctx: VillagerContext,
  trx: Db,
  row: AppointmentRow,
  at: string,
  title: string,
  detail: string,
) {
  if (!row.userId) return
  await writeMessages(trx, ctx.services.config, at, {
    villageId: row.villageId,
    to: { userIds: [row.userId] },
    kind: 'appointment',
    title,
    body: `${formatVillageDateTime(row.slotStart)}${detail ? `，${detail}` : ''}`,
    link: appointmentLink,
  })
}

async function answer(trx: Db, row: AppointmentRow, before: AppointmentRow, extra: object = {}) {
  const [view] = await deskViews(trx, [row])
  return {
    result: view,
    audit: {
      target: `${view.serviceName} ${formatVillageDateTime(before.slotStart)} ${view.bookedBy}`,
      before: { status: before.status, slotStart: before.slotStart },
      after: { status: row.status, slotStart: row.slotStart, ...extra },
    },
  }
}

/**
 * One status step taken by staff: compare-and-swap from the status read, the place freed when the
 * new status lets it go, the event on the timeline, and the villager told.
 */
function statusStep<D extends { appointmentId: string }>(
  step: 'confirm' | 'reject' | 'checkIn' | 'finish' | 'markNoShow',
  event: AppointmentEventKind,
  tell: ((data: D) => { title: string; detail: string }) | null,
  details: (data: D) => { reason?: string; result?: string } = () => ({}),
) {
  return change(serviceDeskRoles, `serviceDesk.${step}`, async (ctx, trx, data: D) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const row = await forStep(trx, ctx.user.villageId, data.appointmentId, step)
    const { reason, result } = details(data)
    const to = transitions[step].to
    const updated = await swapStatus(trx, row, to, at, result ? { result } : {})
    if (freesPlace(to)) await freePlace(trx, row.serviceId, row.slotStart)
    await addEvent(trx, row, { kind: event, actor: ctx.user, at, reason: reason ?? result })
    // The block's message first: should the villager have one WeChat send left, it is this one.
    if (step === 'markNoShow') await applyNoShowRule(ctx, trx, row, now)
    if (tell) {
      const { title, detail } = tell(data)
      await tellVillager(ctx, trx, row, at, title, detail)
    }
    return answer(trx, updated, row, reason ? { reason } : result ? { result } : {})
  })
}

/** After a no-show: block online booking when the village's rule says so, and say until when. */
async function applyNoShowRule(ctx: VillagerContext, trx: Db, row: AppointmentRow, now: Date) {
  if (!row.userId) return
  const settings = await loadSettings(trx, row.villageId)
  const since = new Date(now.getTime() - settings.noShowWindowDays * 86_400_000).toISOString()
  const { count } = await trx
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', row.userId)
    .where('status', '=', 'noShow')
    .where('slotStart', '>=', since)
    .executeTakeFirstOrThrow()
  const until = noShowBlockUntil(Number(count), settings, now)
  if (!until) return
  await trx
    .insertInto('appointmentBlocks')
    .values({
      id: newRowId(),
      villageId: row.villageId,
      userId: row.userId,
      blockedUntil: until,
      noShows: Number(count),
      liftedAt: null,
      liftedBy: null,
      createdAt: now.toISOString(),
    })
    .execute()
  await writeMessages(trx, ctx.services.config, now.toISOString(), {
    villageId: row.villageId,
    to: { userIds: [row.userId] },
    kind: 'appointment',
    title: `暂停网上预约到${formatVillageDate(until)}`,
    body: `近${settings.noShowWindowDays}天有${count}次预约没有到场，${formatVillageDateTime(until)}前请打电话或到服务中心办理`,
    link: appointmentLink,
  })
}

function read<D, O>(handle: (ctx: VillagerContext, data: D) => Promise<O>): ReadDef<D, O> {
  return forRoles(serviceDeskRoles, handle)
}

export const serviceDeskHandlers: FunctionHandlers<'serviceDesk'> = {
  day: read(async (ctx, { day }) => {
    const { db } = ctx.services
    const range = villageDayRange(day)
    const rows = await appointmentsIn(db, ctx.user.villageId, range)
    const views = await deskViews(db, rows)
    const services = await db
      .selectFrom('services')
      .select(['id', 'capacity'])
      .where('villageId', '=', ctx.user.villageId)
      .execute()
    const slots = new Map<string, DeskSlot>()
    for (const view of views) {
      const key = `${view.start} ${view.serviceId}`
      const slot = slots.get(key) ?? {
        serviceId: view.serviceId,
        serviceName: view.serviceName,
        start: view.start,
        end: view.end,
        capacity: services.find((s) => s.id === view.serviceId)?.capacity ?? 0,
        booked: 0,
        appointments: [] as DeskAppointment[],
      }
      if (!freesPlace(view.status)) slot.booked += 1
      slot.appointments.push(view)
      slots.set(key, slot)
    }
    for (const slot of slots.values()) {
      // Pending first: they wait for a decision; the sort is stable, so booking order stays.
      slot.appointments.sort(
        (a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'),
      )
    }
    return { day, slots: [...slots.values()] }
  }),

  confirm: statusStep('confirm', 'confirmed', () => ({
    title: '预约已确认',
    detail: '请按时到服务中心',
  })),
  reject: statusStep<{ appointmentId: string; reason: string }>(
    'reject',
    'rejected',
    (data) => ({ title: '预约未受理', detail: `原因：${data.reason}` }),
    (data) => ({ reason: data.reason }),
  ),
  checkIn: statusStep('checkIn', 'checkedIn', null),
  finish: statusStep<{ appointmentId: string; result: string }>(
    'finish',
    'done',
    (data) => ({ title: '事情已经办结', detail: data.result }),
    (data) => ({ result: data.result }),
  ),
  slots: read((ctx, { serviceId }) =>
    availabilityOf(ctx.services.db, ctx.user.villageId, serviceId, ctx.services.now(), true),
  ),
  markNoShow: statusStep('markNoShow', 'noShow', () => ({
    title: '您没有按预约到场',
    detail: '如有变化请提前取消',
  })),

  move: change(serviceDeskRoles, 'serviceDesk.move', async (ctx, trx, data) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const row = await forStep(trx, ctx.user.villageId, data.appointmentId, 'move')
    const config = await currentServiceConfig(trx, ctx.user.villageId)
    const service = serviceIn(config, row.serviceId, false)
    const slot = bookableSlotIn(config, service.slotMinutes, now, data.slotStart)
    if (!slot || slot.start === row.slotStart) {
      throw new AppError('FAILED_PRECONDITION', '不能改到这个时段，请换一个', 'slotStart')
    }
    await takePlace(trx, {
      villageId: row.villageId,
      serviceId: row.serviceId,
      slotStart: slot.start,
      capacity: service.capacity,
    })
    const updated = await swapStatus(trx, row, row.status, at, {
      slotStart: slot.start,
      slotEnd: slot.end,
    })
    await freePlace(trx, row.serviceId, row.slotStart)
    await addEvent(trx, row, {
      kind: 'moved',
      actor: ctx.user,
      at,
      reason: data.reason,
      slotStart: slot.start,
    })
    await tellVillager(
      ctx,
      trx,
      updated,
      at,
      '预约改了时间',
      `原因：${data.reason}。不方便的话可以取消`,
    )
    return answer(trx, updated, row, { reason: data.reason })
  }),

  registerWalkIn: change(serviceDeskRoles, 'serviceDesk.registerWalkIn', async (ctx, trx, data) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const config = await currentServiceConfig(trx, ctx.user.villageId)
    const service = serviceIn(config, data.serviceId)
    if (data.homeVisit && !service.homeVisit) {
      throw new AppError('FAILED_PRECONDITION', '这项服务不能上门办理')
    }
    if (data.homeVisit && !data.address) {
      throw new AppError('INVALID_ARGUMENT', '上门服务要填写地址', 'address')
    }
    // At the desk the slot under way still counts: no notice, and a slot that began is allowed.
    const slot = bookableSlotIn(
      config,
      service.slotMinutes,
      now,
      data.slotStart,
      -service.slotMinutes,
    )
    if (!slot) throw new AppError('FAILED_PRECONDITION', '这个时段不能登记，请换一个', 'slotStart')
    await takePlace(trx, {
      villageId: ctx.user.villageId,
      serviceId: service.id,
      slotStart: slot.start,
      capacity: service.capacity,
    })
    const row: AppointmentRow = {
      id: newRowId(),
      villageId: ctx.user.villageId,
      serviceId: service.id,
      userId: null,
      channel: data.channel,
      slotStart: slot.start,
      slotEnd: slot.end,
      status: 'confirmed',
      contactName: data.contactName,
      contactPhone: data.contactPhone ?? '',
      note: data.note,
      homeVisit: data.homeVisit ? 1 : 0,
      address: data.address,
      proxyFor: '',
      result: '',
      remindedAt: null,
      createdAt: at,
      updatedAt: at,
    }
    await trx.insertInto('appointments').values(row).execute()
    await addEvent(trx, row, { kind: 'booked', actor: ctx.user, at })
    await addEvent(trx, row, { kind: 'confirmed', actor: ctx.user, at })
    return answer(trx, row, row)
  }),

  followUps: read(async (ctx) => {
    const rows = await ctx.services.db
      .selectFrom('appointments')
      .selectAll()
      .where('villageId', '=', ctx.user.villageId)
      .where('status', '=', 'done')
      .orderBy('updatedAt')
      .limit(200)
      .execute()
    return deskViews(ctx.services.db, rows)
  }),

  recordFollowUp: change(serviceDeskRoles, 'serviceDesk.recordFollowUp', async (ctx, trx, data) => {
    const at = ctx.services.now().toISOString()
    const row = await forStep(trx, ctx.user.villageId, data.appointmentId, 'recordFollowUp')
    const updated = await swapStatus(trx, row, 'archived', at)
    await trx
      .insertInto('followUps')
      .values({
        appointmentId: row.id,
        villageId: row.villageId,
        method: data.method,
        followedUpAt: data.followedUpAt,
        satisfaction: data.satisfaction,
        remarks: data.remarks,
        byId: ctx.user.id,
        createdAt: at,
      })
      .execute()
    await addEvent(trx, row, {
      kind: 'followedUp',
      actor: ctx.user,
      at,
      reason: data.remarks || null,
    })
    await addEvent(trx, row, { kind: 'archived', actor: ctx.user, at })
    // The 回访 closes the loop for the villager; archiving is the desk's own bookkeeping.
    await tellVillager(
      ctx,
      trx,
      row,
      at,
      '回访已记下，这件事办完了',
      '还没评价的话，可以在我的预约里评价',
    )
    return answer(trx, updated, row, { satisfaction: data.satisfaction })
  }),

  blocks: read(async (ctx) => {
    const rows = await ctx.services.db
      .selectFrom('appointmentBlocks')
      .innerJoin('users', 'users.id', 'appointmentBlocks.userId')
      .select([
        'appointmentBlocks.userId',
        'appointmentBlocks.blockedUntil',
        'appointmentBlocks.noShows',
        'users.displayName',
        'users.villagerNo',
      ])
      .where('appointmentBlocks.villageId', '=', ctx.user.villageId)
      .where('appointmentBlocks.liftedAt', 'is', null)
      .where('appointmentBlocks.blockedUntil', '>', ctx.services.now().toISOString())
      .orderBy('appointmentBlocks.blockedUntil')
      .execute()
    return rows.map((row) => ({
      userId: row.userId,
      bookedBy: villagerLabel(row.displayName, row.villagerNo),
      blockedUntil: row.blockedUntil,
      noShows: row.noShows,
    }))
  }),

  liftBlock: change(serviceDeskRoles, 'serviceDesk.liftBlock', async (ctx, trx, { userId }) => {
    const at = ctx.services.now().toISOString()
    const result = await trx
      .updateTable('appointmentBlocks')
      .set({ liftedAt: at, liftedBy: ctx.user.id })
      .where('villageId', '=', ctx.user.villageId)
      .where('userId', '=', userId)
      .where('liftedAt', 'is', null)
      .where('blockedUntil', '>', at)
      .executeTakeFirst()
    const lifted = Number(result.numUpdatedRows)
    if (lifted === 0) throw new AppError('FAILED_PRECONDITION', '这个人现在没有被限制预约')
    const person = await trx
      .selectFrom('users')
      .select(['displayName', 'villagerNo'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    await writeMessages(trx, ctx.services.config, at, {
      villageId: ctx.user.villageId,
      to: { userIds: [userId] },
      kind: 'appointment',
      title: '可以重新在网上预约了',
      body: `${ctx.user.displayName}解除了您的预约限制`,
      link: appointmentLink,
    })
    return {
      result: { lifted },
      audit: {
        target: villagerLabel(person.displayName, person.villagerNo),
        before: null,
        after: { lifted },
      },
    }
  }),

  ...configHandlers,
  export: read(async (ctx, period) => {
    const { db } = ctx.services
    const range = 'day' in period ? villageDayRange(period.day) : villageMonthRange(period.month)
    const rows = await appointmentsIn(db, ctx.user.villageId, range)
    const title = `服务中心预约-${'day' in period ? period.day : period.month}`
    return appointmentsWorkbook(title, await deskViews(db, rows))
  }),
}

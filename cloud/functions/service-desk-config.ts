import type { FunctionHandlers } from '../core/dispatch'
import { change } from '../core/change'
import { forRoles } from '../core/context'
import { AppError } from '../core/errors'
import { loadPlan, loadService, loadSettings, toService } from '../domain/service-center-store'
import { addVillageDays, villageMonthRange } from '../../types/village-time'
import { weekdayOf } from '../domain/service-slots'
import type { Db } from '../store/db'
import { serviceDeskRoles } from '../../types/service-center'
import { newRowId } from '../store/row-id'

const listClosedDates = (db: Db, villageId: string) =>
  db
    .selectFrom('closedDates')
    .select(['day', 'reason'])
    .where('villageId', '=', villageId)
    .orderBy('day')
    .execute()

const listRoster = (db: Db, villageId: string, weekStart: string) =>
  db
    .selectFrom('dutyRoster')
    .select(['day', 'name', 'post', 'phone'])
    .where('villageId', '=', villageId)
    .where('day', '>=', weekStart)
    .where('day', '<', addVillageDays(weekStart, 7))
    .orderBy('day')
    .orderBy('id')
    .execute()

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))

/** The center's configuration: settings, services, the weekly plan, closed dates, the roster. */
export const configHandlers: Pick<
  FunctionHandlers<'serviceDesk'>,
  | 'settings'
  | 'saveSettings'
  | 'services'
  | 'saveService'
  | 'plan'
  | 'savePlan'
  | 'closedDates'
  | 'addClosedDate'
  | 'removeClosedDate'
  | 'roster'
  | 'saveRoster'
  | 'monthFigures'
> = {
  settings: forRoles(serviceDeskRoles, (ctx) => loadSettings(ctx.services.db, ctx.user.villageId)),

  saveSettings: change(serviceDeskRoles, 'serviceDesk.saveSettings', async (ctx, trx, data) => {
    const before = await loadSettings(trx, ctx.user.villageId)
    const row = {
      ...data,
      villageId: ctx.user.villageId,
      updatedAt: ctx.services.now().toISOString(),
    }
    await trx
      .insertInto('serviceCenterSettings')
      .values(row)
      .onConflict((oc) => oc.column('villageId').doUpdateSet(row))
      .execute()
    return { result: data, audit: { target: '服务中心设置', before, after: data } }
  }),

  services: forRoles(serviceDeskRoles, async (ctx) => {
    const rows = await ctx.services.db
      .selectFrom('services')
      .selectAll()
      .where('villageId', '=', ctx.user.villageId)
      .orderBy('name')
      .execute()
    return rows.map(toService)
  }),

  saveService: change(serviceDeskRoles, 'serviceDesk.saveService', async (ctx, trx, data) => {
    const { id, requiredMaterials, ...fields } = data
    const values = {
      ...fields,
      requiredMaterialsJson: JSON.stringify(requiredMaterials),
      needsConfirmation: fields.needsConfirmation ? (1 as const) : (0 as const),
      homeVisit: fields.homeVisit ? (1 as const) : (0 as const),
      proxyService: fields.proxyService ? (1 as const) : (0 as const),
      active: fields.active ? (1 as const) : (0 as const),
    }
    const before = id ? await loadService(trx, ctx.user.villageId, id, false) : null
    const serviceId = id ?? newRowId()
    if (before) {
      await trx
        .updateTable('services')
        .set(values)
        .where('id', '=', serviceId)
        .where('villageId', '=', ctx.user.villageId)
        .execute()
    } else {
      await trx
        .insertInto('services')
        .values({
          ...values,
          id: serviceId,
          villageId: ctx.user.villageId,
          createdAt: ctx.services.now().toISOString(),
        })
        .execute()
    }
    const saved = await loadService(trx, ctx.user.villageId, serviceId, false)
    return { result: saved, audit: { target: saved.name, before, after: saved } }
  }),

  plan: forRoles(serviceDeskRoles, (ctx) => loadPlan(ctx.services.db, ctx.user.villageId)),

  savePlan: change(serviceDeskRoles, 'serviceDesk.savePlan', async (ctx, trx, { days }) => {
    const weekdays = new Set(days.map((day) => day.weekday))
    if (weekdays.size !== days.length) {
      throw new AppError('INVALID_ARGUMENT', '同一天只能填一次', 'days')
    }
    for (const [index, day] of days.entries()) {
      const ranges = [{ start: day.opens, end: day.closes }, ...day.breaks]
      if (ranges.some((range) => minutes(range.start) >= minutes(range.end))) {
        throw new AppError('INVALID_ARGUMENT', '结束时间要晚于开始时间', `days.${index}`)
      }
    }
    const { villageId } = ctx.user
    const before = await loadPlan(trx, villageId)
    await trx.deleteFrom('openingPlan').where('villageId', '=', villageId).execute()
    if (days.length) {
      await trx
        .insertInto('openingPlan')
        .values(
          days.map((day) => ({
            villageId,
            weekday: day.weekday,
            opens: day.opens,
            closes: day.closes,
            breaksJson: JSON.stringify(day.breaks),
          })),
        )
        .execute()
    }
    const after = await loadPlan(trx, villageId)
    return { result: after, audit: { target: '开放时间', before, after } }
  }),

  closedDates: forRoles(serviceDeskRoles, (ctx) =>
    listClosedDates(ctx.services.db, ctx.user.villageId),
  ),

  addClosedDate: change(serviceDeskRoles, 'serviceDesk.addClosedDate', async (ctx, trx, data) => {
    const row = { villageId: ctx.user.villageId, ...data }
    await trx
      .insertInto('closedDates')
      .values(row)
      .onConflict((oc) => oc.columns(['villageId', 'day']).doUpdateSet({ reason: data.reason }))
      .execute()
    return {
      result: await listClosedDates(trx, ctx.user.villageId),
      audit: { target: data.day, before: null, after: data },
    }
  }),

  removeClosedDate: change(
    serviceDeskRoles,
    'serviceDesk.removeClosedDate',
    async (ctx, trx, { day }) => {
      const removed = await trx
        .deleteFrom('closedDates')
        .where('villageId', '=', ctx.user.villageId)
        .where('day', '=', day)
        .executeTakeFirst()
      if (Number(removed.numDeletedRows) === 0)
        throw new AppError('NOT_FOUND', '这一天本来就不休息')
      return {
        result: await listClosedDates(trx, ctx.user.villageId),
        audit: { target: day, before: { closed: true }, after: { closed: false } },
      }
    },
  ),

  roster: forRoles(serviceDeskRoles, (ctx, { weekStart }) =>
    listRoster(ctx.services.db, ctx.user.villageId, weekStart),
  ),

  saveRoster: change(
    serviceDeskRoles,
    'serviceDesk.saveRoster',
    async (ctx, trx, { weekStart, entries }) => {
      if (weekdayOf(weekStart) !== 1) {
        throw new AppError('INVALID_ARGUMENT', '一周要从星期一开始', 'weekStart')
      }
      const weekEnd = addVillageDays(weekStart, 7)
      const outside = entries.findIndex((entry) => entry.day < weekStart || entry.day >= weekEnd)
      if (outside >= 0) {
        throw new AppError('INVALID_ARGUMENT', '日期不在这一周里', `entries.${outside}.day`)
      }
      const { villageId } = ctx.user
      const before = await listRoster(trx, villageId, weekStart)
      await trx
        .deleteFrom('dutyRoster')
        .where('villageId', '=', villageId)
        .where('day', '>=', weekStart)
        .where('day', '<', weekEnd)
        .execute()
      if (entries.length) {
        await trx
          .insertInto('dutyRoster')
          .values(entries.map((entry) => ({ id: newRowId(), villageId, ...entry })))
          .execute()
      }
      const after = await listRoster(trx, villageId, weekStart)
      return { result: after, audit: { target: `${weekStart} 这一周的值班`, before, after } }
    },
  ),

  monthFigures: forRoles(serviceDeskRoles, async (ctx, { month }) => {
    const { db } = ctx.services
    const range = villageMonthRange(month)
    const rows = await db
      .selectFrom('appointments')
      .innerJoin('services', 'services.id', 'appointments.serviceId')
      .select(['appointments.serviceId', 'services.name', 'appointments.status'])
      .where('appointments.villageId', '=', ctx.user.villageId)
      .where('appointments.slotStart', '>=', range.start)
      .where('appointments.slotStart', '<', range.end)
      .execute()
    const followUps = await db
      .selectFrom('followUps')
      .select('satisfaction')
      .where('villageId', '=', ctx.user.villageId)
      .where('followedUpAt', '>=', range.start)
      .where('followedUpAt', '<', range.end)
      .execute()
    const byService = new Map<string, { serviceId: string; serviceName: string; count: number }>()
    for (const row of rows) {
      const entry = byService.get(row.serviceId) ?? {
        serviceId: row.serviceId,
        serviceName: row.name,
        count: 0,
      }
      entry.count += 1
      byService.set(row.serviceId, entry)
    }
    const count = (statuses: string[]) => rows.filter((row) => statuses.includes(row.status)).length
    return {
      month,
      total: rows.length,
      byService: [...byService.values()].sort((a, b) => b.count - a.count),
      finished: count(['done', 'archived']),
      noShows: count(['noShow']),
      cancelled: count(['cancelled']),
      averageSatisfaction: followUps.length
        ? Math.round(
            (followUps.reduce((sum, f) => sum + f.satisfaction, 0) / followUps.length) * 10,
          ) / 10
        : null,
    }
  }),
}

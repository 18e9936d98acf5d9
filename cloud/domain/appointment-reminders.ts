import type { Config } from '../config'
import type { Db } from '../store/db'
import {
  addVillageDays,
  formatVillageDateTime,
  villageDayOf,
  villageDayRange,
} from '../../types/village-time'
import { writeMessages } from './messages'
import { appointmentLink } from './service-center-store'

/**
 * The reminder the day before: every place-holding online appointment of tomorrow (village time)
 * not yet reminded gets one message. Each is claimed by a compare-and-swap on `remindedAt`, in the
 * transaction that writes its message, so several processes running the job send it once.
 */
export async function remindTomorrow(
  db: Db,
  config: Pick<Config, 'demoMode' | 'wxTemplates'>,
  now: Date,
): Promise<{ reminded: number }> {
  const tomorrow = villageDayRange(addVillageDays(villageDayOf(now), 1))
  const due = await db
    .selectFrom('appointments')
    .innerJoin('services', 'services.id', 'appointments.serviceId')
    .select([
      'appointments.id',
      'appointments.villageId',
      'appointments.userId',
      'appointments.slotStart',
      'services.name',
    ])
    .where('appointments.status', 'in', ['pending', 'confirmed'])
    .where('appointments.userId', 'is not', null)
    .where('appointments.remindedAt', 'is', null)
    .where('appointments.slotStart', '>=', tomorrow.start)
    .where('appointments.slotStart', '<', tomorrow.end)
    .limit(500)
    .execute()
  const at = now.toISOString()
  let reminded = 0
  for (const appointment of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('appointments')
        .set({ remindedAt: at })
        .where('id', '=', appointment.id)
        .where('remindedAt', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) === 0 || !appointment.userId) return
      await writeMessages(trx, config, at, {
        villageId: appointment.villageId,
        to: { userIds: [appointment.userId] },
        kind: 'appointment',
        title: '明天有预约，别忘了',
        body: `${appointment.name}，${formatVillageDateTime(appointment.slotStart)}，记得带齐材料`,
        link: appointmentLink,
      })
      reminded += 1
    })
  }
  return { reminded }
}

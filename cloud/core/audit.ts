import { randomUUID } from 'node:crypto'
import type { VillagerContext } from './context'
import type { Db } from '../store/db'

/**
 * Records an admin's change: who, what, when, before and after. Written in the same
 * transaction as the change, so there is never a change without its entry.
 */
export async function writeAudit(
  ctx: VillagerContext,
  db: Db,
  entry: { action: string; target: string; before: unknown; after: unknown },
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: randomUUID(),
      villageId: ctx.user.villageId,
      actorId: ctx.user.id,
      action: entry.action,
      target: entry.target,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
      createdAt: ctx.services.now().toISOString(),
    })
    .execute()
}

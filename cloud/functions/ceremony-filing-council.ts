import { ceremonyTypeLabels } from '../../types/ceremony'
import { filingCouncilRoles, type CeremonyFiling } from '../../types/ceremony-filing'
import { villageDayOf } from '../../types/village-time'
import { villagerLabel } from '../../types/villager-label'
import { change } from '../core/change'
import { forRoles, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import type { FilingStep } from '../domain/ceremony-filing'
import { listQueue, loadFiling, stepFiling } from '../domain/ceremony-filing-store'
import { writeMessages } from '../domain/messages'
import type { Db } from '../store/db'
import { readerOf } from './ceremony-filing'

const filingTarget = (filing: CeremonyFiling) =>
  `${ceremonyTypeLabels[filing.ceremonyType]}报备 ${filing.filingNumber}`

/** The link a family's message opens: their filing in 我的报备. */
export const filingLink = (filingId: string) =>
  `/ceremony-filing/pages/detail/index?id=${encodeURIComponent(filingId)}`

/**
 * One council step on a filing: the compare-and-swap move, then the filing as it now is, audited
 * with the status it left and the one it reached.
 */
async function step(
  ctx: VillagerContext,
  trx: Db,
  filingId: string,
  name: FilingStep,
  set: Parameters<typeof stepFiling>[4],
) {
  const at = ctx.services.now().toISOString()
  const before = await stepFiling(trx, ctx.user.villageId, filingId, name, set, at)
  const filing = await loadFiling(trx, readerOf(ctx), filingId)
  return {
    filing,
    audit: {
      target: filingTarget(filing),
      before: { status: before },
      after: { status: filing.status, ...set },
    },
  }
}

/** The people of the village who hold the 红白理事会成员 role now. */
function councilMembers(db: Db, villageId: string) {
  return db
    .selectFrom('roleGrants')
    .innerJoin('users', 'users.id', 'roleGrants.userId')
    .select(['users.id', 'users.displayName', 'users.villagerNo'])
    .where('roleGrants.villageId', '=', villageId)
    .where('users.villageId', '=', villageId)
    .where('roleGrants.role', '=', 'ceremonyCouncilMember')
    .where('roleGrants.revokedAt', 'is', null)
    .distinct()
}

/** What the ceremony council (and an admin) does with the village's filings. */
export const filingCouncilHandlers: Pick<
  FunctionHandlers<'ceremonyFiling'>,
  | 'queue'
  | 'inspectors'
  | 'acknowledge'
  | 'adviseChange'
  | 'assignInspector'
  | 'recordCheck'
  | 'close'
  | 'updateDeadline'
> = {
  queue: forRoles(filingCouncilRoles, (ctx, { closed }) =>
    listQueue(ctx.services.db, ctx.user.villageId, closed),
  ),

  inspectors: forRoles(filingCouncilRoles, async (ctx) => {
    const rows = await councilMembers(ctx.services.db, ctx.user.villageId)
      .orderBy('users.villagerNo')
      .execute()
    return rows.map((row) => ({
      userId: row.id,
      name: villagerLabel(row.displayName, row.villagerNo),
    }))
  }),

  acknowledge: change(filingCouncilRoles, 'ceremonyFiling.acknowledge', async (ctx, trx, input) => {
    const remark = input.remark || null
    const { filing, audit } = await step(ctx, trx, input.filingId, 'acknowledge', {
      ...(remark ? { councilRemark: remark } : {}),
    })
    return { result: filing, audit }
  }),

  // The family hears of the advice in 消息 (and by WeChat where they accepted a send).
  adviseChange: change(
    filingCouncilRoles,
    'ceremonyFiling.adviseChange',
    async (ctx, trx, input) => {
      const { filing, audit } = await step(ctx, trx, input.filingId, 'adviseChange', {
        councilRemark: input.advice,
      })
      const filer = await trx
        .selectFrom('ceremonyFilings')
        .select('filedBy')
        .where('id', '=', filing.id)
        .executeTakeFirstOrThrow()
      await writeMessages(trx, ctx.services.config, ctx.services.now().toISOString(), {
        villageId: ctx.user.villageId,
        to: { userIds: [filer.filedBy] },
        kind: 'ceremonyFiling',
        title: `红白理事会对报备 ${filing.filingNumber} 的建议`,
        body: input.advice,
        link: filingLink(filing.id),
      })
      return { result: filing, audit }
    },
  ),

  assignInspector: change(
    filingCouncilRoles,
    'ceremonyFiling.assignInspector',
    async (ctx, trx, input) => {
      const { villageId } = ctx.user
      const member = await councilMembers(trx, villageId)
        .where('users.id', '=', input.userId)
        .executeTakeFirst()
      if (!member) {
        throw new AppError('INVALID_ARGUMENT', '只能安排本村的红白理事会成员去查看', 'userId')
      }
      const before = await loadFiling(trx, readerOf(ctx), input.filingId)
      // Only while the check is still to come; compare-and-swap on the status read.
      const assigned = await trx
        .updateTable('ceremonyFilings')
        .set({ inspectorId: input.userId, updatedAt: ctx.services.now().toISOString() })
        .where('id', '=', before.id)
        .where('villageId', '=', villageId)
        .where('status', 'in', ['submitted', 'acknowledged', 'advisedToChange'])
        .executeTakeFirst()
      if (Number(assigned.numUpdatedRows) === 0) {
        throw new AppError('CONFLICT', '这份报备已经现场查看过了，不用再安排')
      }
      const filing = await loadFiling(trx, readerOf(ctx), input.filingId)
      return {
        result: filing,
        audit: {
          target: filingTarget(filing),
          before: { inspector: before.inspector?.name ?? null },
          after: { inspector: filing.inspector?.name ?? null },
        },
      }
    },
  ),

  recordCheck: change(filingCouncilRoles, 'ceremonyFiling.recordCheck', async (ctx, trx, input) => {
    // A check is recorded after it happened, never ahead of it.
    if (input.checkedOn > villageDayOf(ctx.services.now())) {
      throw new AppError('INVALID_ARGUMENT', '查看日期不能晚于今天', 'checkedOn')
    }
    const { filing, audit } = await step(ctx, trx, input.filingId, 'recordCheck', {
      checkedOn: input.checkedOn,
      checkSeen: input.seen,
      limitsKept: input.limitsKept ? 1 : 0,
      checkedBy: ctx.user.id,
    })
    return { result: filing, audit }
  }),

  close: change(filingCouncilRoles, 'ceremonyFiling.close', async (ctx, trx, input) => {
    const remark = input.remark || null
    const { filing, audit } = await step(ctx, trx, input.filingId, 'close', {
      ...(remark ? { councilRemark: remark } : {}),
    })
    return { result: filing, audit }
  }),

  updateDeadline: change(
    filingCouncilRoles,
    'ceremonyFiling.updateDeadline',
    async (ctx, trx, input) => {
      const { villageId } = ctx.user
      const at = ctx.services.now().toISOString()
      const before = await trx
        .selectFrom('ceremonyFilingDeadlines')
        .select(['noticeDays', 'lateHours'])
        .where('villageId', '=', villageId)
        .where('ceremonyType', '=', input.ceremonyType)
        .executeTakeFirst()
      const { ceremonyType, noticeDays, lateHours } = input
      await trx
        .insertInto('ceremonyFilingDeadlines')
        .values({ villageId, ceremonyType, noticeDays, lateHours, updatedAt: at })
        .onConflict((oc) =>
          oc
            .columns(['villageId', 'ceremonyType'])
            .doUpdateSet({ noticeDays, lateHours, updatedAt: at }),
        )
        .execute()
      return {
        result: input,
        audit: {
          target: `${ceremonyTypeLabels[ceremonyType]}报备期限`,
          before: before ?? null,
          after: { noticeDays, lateHours },
        },
      }
    },
  ),
}

import { forRoles, forVillager } from '../core/context'
import { filingCouncilRoles } from '../../types/ceremony-filing'
import type { FunctionHandlers } from '../core/dispatch'
import { loadMonthlySummary, summaryWorkbook } from '../domain/ceremony-filing-summary'

/** The village's monthly summary: for every villager to read, for the council to export. */
export const filingSummaryHandlers: Pick<
  FunctionHandlers<'ceremonyFiling'>,
  'monthlySummary' | 'exportSummary'
> = {
  monthlySummary: forVillager((ctx, { month }) =>
    loadMonthlySummary(ctx.services.db, ctx.user.villageId, month),
  ),

  exportSummary: forRoles(filingCouncilRoles, async (ctx, { month }) => {
    const { db } = ctx.services
    const [summary, village] = await Promise.all([
      loadMonthlySummary(db, ctx.user.villageId, month),
      db
        .selectFrom('villages')
        .select('name')
        .where('id', '=', ctx.user.villageId)
        .executeTakeFirstOrThrow(),
    ])
    return summaryWorkbook(summary, village.name)
  }),
}

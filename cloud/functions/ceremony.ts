import { forRoles, forVillager } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { notFound } from '../core/errors'
import { writeAudit } from '../core/audit'
import { articlesFor, loadBanquetLimit, loadGiftLimits } from '../domain/ceremony-store'
import { loadVersion } from '../domain/rules-store'
import {
  ceremonyCouncilPosts,
  ceremonyTypeLabels,
  relationshipLabels,
  type CeremonyCouncilPost,
} from '../../types/ceremony'

export const ceremonyHandlers: FunctionHandlers<'ceremony'> = {
  limits: forVillager(async (ctx) => {
    const { db } = ctx.services
    const { villageId } = ctx.user
    const [giftLimits, banquetLimit, council] = await Promise.all([
      loadGiftLimits(db, villageId),
      loadBanquetLimit(db, villageId),
      db
        .selectFrom('ceremonyCouncilMembers')
        .select(['post', 'holderName', 'phone'])
        .where('villageId', '=', villageId)
        .execute(),
    ])
    return {
      giftLimits,
      banquetLimit,
      council: council
        .map((member) => ({ ...member, post: member.post as CeremonyCouncilPost }))
        .sort(
          (a, b) => ceremonyCouncilPosts.indexOf(a.post) - ceremonyCouncilPosts.indexOf(b.post),
        ),
    }
  }),

  giftAdvice: forVillager(async (ctx, { ceremonyType, relationship }) => {
    const { db } = ctx.services
    const { villageId } = ctx.user
    const [giftLimits, banquetLimit, version] = await Promise.all([
      loadGiftLimits(db, villageId),
      loadBanquetLimit(db, villageId),
      loadVersion(db, villageId, null),
    ])
    const giftLimit = giftLimits.find(
      (limit) => limit.ceremonyType === ceremonyType && limit.relationship === relationship,
    )
    if (!giftLimit) throw notFound('这类礼金标准')
    return { giftLimit, banquetLimit, articles: articlesFor(version, ceremonyType) }
  }),

  updateGiftLimit: forRoles(['admin'], async (ctx, input) => {
    const { villageId } = ctx.user
    return ctx.services.db.transaction().execute(async (trx) => {
      const before = (await loadGiftLimits(trx, villageId)).find(
        (limit) =>
          limit.ceremonyType === input.ceremonyType && limit.relationship === input.relationship,
      )
      if (!before) throw notFound('这类礼金标准')
      await trx
        .updateTable('giftLimits')
        .set({
          maxAmount: input.maxAmount,
          note: input.note,
          updatedAt: ctx.services.now().toISOString(),
        })
        .where('villageId', '=', villageId)
        .where('ceremonyType', '=', input.ceremonyType)
        .where('relationship', '=', input.relationship)
        .execute()
      const after = { ...before, maxAmount: input.maxAmount, note: input.note }
      await writeAudit(ctx, trx, {
        action: 'ceremony.updateGiftLimit',
        target: `${ceremonyTypeLabels[input.ceremonyType]}礼金 · ${relationshipLabels[input.relationship]}`,
        before,
        after,
      })
      return after
    })
  }),

  updateBanquetLimit: forRoles(['admin'], async (ctx, input) => {
    const { villageId } = ctx.user
    return ctx.services.db.transaction().execute(async (trx) => {
      const before = await loadBanquetLimit(trx, villageId)
      await trx
        .updateTable('banquetLimits')
        .set({ ...input, updatedAt: ctx.services.now().toISOString() })
        .where('villageId', '=', villageId)
        .execute()
      await writeAudit(ctx, trx, {
        action: 'ceremony.updateBanquetLimit',
        target: '酒席标准',
        before,
        after: input,
      })
      return input
    })
  }),
}

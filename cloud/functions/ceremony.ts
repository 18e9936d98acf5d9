import { change } from '../core/change'
import { forPendingOrMember, preloadedForPendingOrMember } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { notFound } from '../core/errors'
import {
  articlesFor,
  ceremonyLimitsAt,
  ceremonyLimitsVersionPreload,
  loadBanquetLimit,
  loadGiftLimits,
} from '../domain/ceremony-store'
import { loadVersion } from '../domain/rules-store'
import { phoneFor } from '../domain/membership'
import { ceremonyTypeLabels, relationshipLabels } from '../../types/ceremony'

export const ceremonyHandlers: FunctionHandlers<'ceremony'> = {
  // A pending member reads the limits but not the council's phone numbers.
  // One round trip: the limits' version comes with the caller's identity; the limits read at
  // that version are kept per process.
  limits: preloadedForPendingOrMember(ceremonyLimitsVersionPreload, async (ctx, _data, version) => {
    const { giftLimits, banquetLimit, council } = await ceremonyLimitsAt(
      ctx.services.db,
      ctx.user.villageId,
      version,
    )
    return {
      giftLimits,
      banquetLimit,
      council: council.map((member) => ({
        ...member,
        phone: phoneFor(ctx.user.membership, member.phone),
      })),
    }
  }),

  giftAdvice: forPendingOrMember(async (ctx, { ceremonyType, relationship }) => {
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

  updateGiftLimit: change(['admin'], 'ceremony.updateGiftLimit', async (ctx, trx, input) => {
    const { villageId } = ctx.user
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
    return {
      result: after,
      audit: {
        target: `${ceremonyTypeLabels[input.ceremonyType]}礼金 · ${relationshipLabels[input.relationship]}`,
        before,
        after,
      },
    }
  }),

  updateBanquetLimit: change(['admin'], 'ceremony.updateBanquetLimit', async (ctx, trx, input) => {
    const before = await loadBanquetLimit(trx, ctx.user.villageId)
    await trx
      .updateTable('banquetLimits')
      .set({ ...input, updatedAt: ctx.services.now().toISOString() })
      .where('villageId', '=', ctx.user.villageId)
      .execute()
    return { result: input, audit: { target: '酒席标准', before, after: input } }
  }),
}

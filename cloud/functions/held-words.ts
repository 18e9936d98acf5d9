import { change } from '../core/change'
import { forRoles, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { loadHeldWords, saveHeldWords } from '../domain/held-words'

const admin = ['admin'] as const

/** The list checks suggestions only in demo mode: the page says so rather than pretend. */
const inUse = (ctx: VillagerContext) => ctx.services.config.demoMode

/** 敏感词: the admin reads and replaces the words that hold a suggestion in demo mode. */
export const heldWordsHandlers: Pick<FunctionHandlers<'admin'>, 'heldWords' | 'saveHeldWords'> = {
  heldWords: forRoles(admin, async (ctx) => ({
    words: await loadHeldWords(ctx.services.db, ctx.user.villageId),
    inUse: inUse(ctx),
  })),

  saveHeldWords: change(admin, 'admin.saveHeldWords', async (ctx, trx, input) => {
    const before = await loadHeldWords(trx, ctx.user.villageId)
    await saveHeldWords(trx, ctx.user.villageId, input.words, ctx.services.now().toISOString())
    return {
      result: { words: input.words, inUse: inUse(ctx) },
      audit: { target: '敏感词', before: { words: before }, after: { words: input.words } },
    }
  }),
}

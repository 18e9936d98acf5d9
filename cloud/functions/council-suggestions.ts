import {
  councilRoles,
  onCouncil,
  suggestionCategoryLabels,
  type Suggestion,
} from '../../types/council'
import { change } from '../core/change'
import { forRoles, forVillager, limited, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import {
  checkSuggestion,
  insertSuggestion,
  listInbox,
  listMine,
  loadSuggestion,
  mySuggestionsPage,
  stepSuggestion,
  recordStep,
  type SuggestionReader,
} from '../domain/council-suggestions'
import { suggestionTarget } from '../domain/anonymous-filers'
import { writeMessages } from '../domain/messages'
import { attachPhotos } from '../domain/photos'
import type { Db } from '../store/db'

function readerOf(ctx: VillagerContext): SuggestionReader {
  return {
    userId: ctx.user.id,
    villageId: ctx.user.villageId,
    council: onCouncil(ctx.user.roles),
    photoServices: ctx.services,
  }
}

const target = (suggestion: Pick<Suggestion, 'title'>) => suggestionTarget(suggestion.title)

/**
 * A council member's word on a suggestion (an answer, a reason to decline): the compare-and-swap
 * move, the step on its timeline, a message to its author, all in the change's transaction.
 */
async function reply(
  ctx: VillagerContext,
  trx: Db,
  suggestionId: string,
  outcome: { status: 'answered' | 'declined'; text: string; title: string },
) {
  const at = ctx.services.now().toISOString()
  const reader = readerOf(ctx)
  const { suggestion, filedBy } = await stepSuggestion(
    trx,
    reader,
    suggestionId,
    {
      from: { status: 'received', contentChecks: ['passed', 'held'] },
      to: { status: outcome.status },
      step: { kind: outcome.status, text: outcome.text },
    },
    at,
  )
  await writeMessages(trx, ctx.services.config, at, {
    villageId: reader.villageId,
    to: { userIds: [filedBy] },
    kind: 'council',
    title: `${outcome.title}：${suggestion.title}`,
    body: outcome.text,
    link: mySuggestionsPage,
  })
  return {
    result: suggestion,
    audit: {
      target: target(suggestion),
      before: { status: 'received' },
      after: { status: outcome.status },
    },
  }
}

/** 民主提事: villagers file suggestions; the council answers, declines or takes them further. */
export const suggestionHandlers: Pick<
  FunctionHandlers<'council'>,
  'fileSuggestion' | 'mySuggestions' | 'inbox' | 'release' | 'answer' | 'decline'
> = {
  // A villager raises a few matters a year: the cap stops a script flooding the inbox.
  fileSuggestion: limited(
    [{ per: 'caller', counts: 'attempts', max: 10, windowSeconds: 86400 }],
    change('villager', 'council.fileSuggestion', async (ctx, trx, input) => {
      const at = ctx.services.now().toISOString()
      const reader = readerOf(ctx)
      // Checked before the row is written: a refused text is kept for its author only.
      const check = await checkSuggestion(ctx.services, ctx.user, input)
      const id = await insertSuggestion(trx, {
        villageId: reader.villageId,
        filedBy: ctx.user.id,
        title: input.title,
        body: input.body,
        category: input.category,
        showName: input.showName,
        contentCheck: check.contentCheck,
        at,
      })
      await attachPhotos(trx, ctx.user, input.photoIds, { kind: 'suggestion', id })
      await recordStep(trx, {
        villageId: reader.villageId,
        suggestionId: id,
        kind: check.step,
        text: check.text,
        actorId: null,
        at,
      })
      const suggestion = await loadSuggestion(trx, reader, id)
      return {
        result: suggestion,
        audit: {
          target: target(suggestion),
          before: null,
          after: {
            category: suggestionCategoryLabels[input.category],
            contentCheck: check.contentCheck,
            photos: input.photoIds.length,
          },
        },
      }
    }),
  ),

  mySuggestions: forVillager((ctx) => listMine(ctx.services.db, readerOf(ctx))),

  inbox: forRoles(councilRoles, (ctx) => listInbox(ctx.services.db, readerOf(ctx))),

  release: change(councilRoles, 'council.release', async (ctx, trx, { suggestionId }) => {
    const at = ctx.services.now().toISOString()
    const text = '议事会成员看过了，内容没有问题，照常处理'
    const reader = readerOf(ctx)
    const { suggestion, filedBy } = await stepSuggestion(
      trx,
      reader,
      suggestionId,
      {
        from: { status: 'received', contentChecks: ['held'] },
        to: { contentCheck: 'passed' },
        step: { kind: 'released', text },
      },
      at,
    )
    await writeMessages(trx, ctx.services.config, at, {
      villageId: reader.villageId,
      to: { userIds: [filedBy] },
      kind: 'council',
      title: `议事会看过了您的建议：${suggestion.title}`,
      body: text,
      link: mySuggestionsPage,
    })
    return {
      result: suggestion,
      audit: {
        target: target(suggestion),
        before: { contentCheck: 'held' },
        after: { contentCheck: 'passed' },
      },
    }
  }),

  answer: change(councilRoles, 'council.answer', (ctx, trx, { suggestionId, answer }) =>
    reply(ctx, trx, suggestionId, {
      status: 'answered',
      text: answer,
      title: '议事会答复了您的建议',
    }),
  ),

  decline: change(councilRoles, 'council.decline', (ctx, trx, { suggestionId, reason }) =>
    reply(ctx, trx, suggestionId, { status: 'declined', text: reason, title: '您的建议未被采纳' }),
  ),
}

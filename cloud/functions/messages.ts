import type { Message, MessageKind } from '../../types/messages'
import { messageKinds } from '../../types/messages'
import { forSignedIn, type SignedInContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { notFound } from '../core/errors'
import { templateFor } from '../domain/messages'

// Every query here is by the caller's own id: a villager reads and marks only their messages.

async function unreadCount(ctx: SignedInContext) {
  const row = await ctx.services.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('recipientId', '=', ctx.user.id)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow()
  return { unread: Number(row.count) }
}

/** The template ids a villager can be asked to accept now, one per kind (of these) that has one. */
function askableTemplates(ctx: SignedInContext, kinds: readonly MessageKind[] = messageKinds) {
  const ids = kinds.map((kind) => templateFor(ctx.services.config, kind))
  return [...new Set(ids.filter((id): id is string => Boolean(id)))]
}

export const messagesHandlers: FunctionHandlers<'messages'> = {
  list: forSignedIn(async (ctx, { limit, before }) => {
    let query = ctx.services.db
      .selectFrom('messages')
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt'])
      .where('recipientId', '=', ctx.user.id)
    if (before) {
      query = query.where((eb) =>
        eb.or([
          eb('createdAt', '<', before.createdAt),
          eb.and([eb('createdAt', '=', before.createdAt), eb('id', '<', before.id)]),
        ]),
      )
    }
    const rows: Message[] = await query
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
    return rows
  }),

  unreadCount: forSignedIn(unreadCount),

  markRead: forSignedIn(async (ctx, input) => {
    const { db } = ctx.services
    let update = db
      .updateTable('messages')
      .set({ readAt: ctx.services.now().toISOString() })
      .where('recipientId', '=', ctx.user.id)
      .where('readAt', 'is', null)
    if ('messageId' in input) {
      const mine = await db
        .selectFrom('messages')
        .select('id')
        .where('id', '=', input.messageId)
        .where('recipientId', '=', ctx.user.id)
        .executeTakeFirst()
      // Someone else's message is simply not found, as if it did not exist.
      if (!mine) throw notFound('这条消息')
      update = update.where('id', '=', input.messageId)
    }
    await update.execute()
    return unreadCount(ctx)
  }),

  subscribeTemplates: forSignedIn(async (ctx, input) => ({
    templateIds: askableTemplates(ctx, input?.kind ? [input.kind] : messageKinds),
  })),

  recordSubscription: forSignedIn(async (ctx, { results }) => {
    const askable = askableTemplates(ctx)
    // Each acceptance in WeChat's dialog allows one send; a template we never ask for is ignored.
    const accepted = results.filter(
      (result) => result.accepted && askable.includes(result.templateId),
    )
    const at = ctx.services.now().toISOString()
    for (const { templateId } of accepted) {
      await ctx.services.db
        .insertInto('subscriptionGrants')
        .values({ userId: ctx.user.id, templateId, remaining: 1, updatedAt: at })
        .onConflict((oc) =>
          oc.columns(['userId', 'templateId']).doUpdateSet((eb) => ({
            remaining: eb('subscriptionGrants.remaining', '+', 1),
            updatedAt: at,
          })),
        )
        .execute()
    }
    return { recorded: accepted.length }
  }),
}

import type { MessageKind } from '../../types/messages'
import { formatVillageDateTime } from '../../types/village-time'
import type { Config } from '../config'
import type { Db } from '../store/db'
import { insertRows, runPrepared } from '../store/prepared'
import { newRowId } from '../store/row-id'

/** One message as an event or a job writes it, before it is fanned out to its recipients. */
export interface MessageDraft {
  villageId: string
  /** These members of the village, or every member. */
  to: { userIds: readonly string[] } | 'allMembers'
  kind: MessageKind
  title: string
  body: string
  /** The page it is about, e.g. `/pages/rules/index`. */
  link: string | null
}

/**
 * The subscribe template for a kind of message, or null when that kind stays in-app only:
 * nothing configured, or demo mode (demo personas have no WeChat to send to).
 */
export function templateFor(config: Pick<Config, 'demoMode' | 'wxTemplates'>, kind: MessageKind) {
  return config.demoMode ? null : config.wxTemplates[kind]
}

/**
 * The subscribe message's fields. Every configured template must have these three keys
 * (README: Messages): thing1 the title, time2 when (village time), thing3 the text. Values are
 * fitted to WeChat's limits when sent, not here, so the outbox keeps what was meant.
 */
export function subscribeData(draft: Pick<MessageDraft, 'title' | 'body'>, at: string) {
  return { thing1: draft.title, time2: formatVillageDateTime(at), thing3: draft.body }
}

/** A subscribe message's `page`: an app path without its leading slash. */
export const subscribePage = (link: string | null) =>
  (link ?? '/messages/pages/index/index').replace(/^\//, '')

/** SQLite allows 32,766 bound values per statement; a chunk stays far below it. */
const chunkSize = 400
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let start = 0; start < items.length; start += chunkSize) {
    out.push(items.slice(start, start + chunkSize))
  }
  return out
}

/** The recipients among the village's members, whatever ids a caller passes. */
async function recipientsOf(db: Db, draft: MessageDraft) {
  const { villageId, to } = draft
  // One villager (a booking's own message): compiled once (store/prepared.ts).
  if (to !== 'allMembers' && to.userIds.length === 1) {
    return runPrepared(
      db,
      'one message recipient',
      (village, user) =>
        db
          .selectFrom('users')
          .select(['id', 'openid'])
          .where('villageId', '=', village)
          .where('id', '=', user),
      [villageId, to.userIds[0]],
    )
  }
  let query = db.selectFrom('users').select(['id', 'openid']).where('villageId', '=', villageId)
  if (to !== 'allMembers') {
    if (to.userIds.length === 0) return []
    query = query.where('id', 'in', [...to.userIds])
  }
  return query.execute()
}

/**
 * Writes one message to each recipient and, where its kind has a subscribe template and the
 * recipient has an accepted send left, consumes that send and queues the WeChat message in the
 * outbox. Call it with the transaction of the change it reports, so that the change, its
 * messages and the used-up grants are committed together or not at all.
 */
export async function writeMessages(
  db: Db,
  config: Pick<Config, 'demoMode' | 'wxTemplates'>,
  at: string,
  draft: MessageDraft,
): Promise<{ written: number; queued: number }> {
  const recipients = await recipientsOf(db, draft)
  const messageIds = new Map<string, string>()
  for (const part of chunks(recipients)) {
    const rows = part.map((recipient) => {
      const id = newRowId()
      messageIds.set(recipient.id, id)
      const { villageId, kind, title, body, link } = draft
      return { id, villageId, recipientId: recipient.id, kind, title, body, link, createdAt: at }
    })
    await insertRows(db, 'messages', rows)
  }

  const templateId = templateFor(config, draft.kind)
  if (!templateId) return { written: recipients.length, queued: 0 }
  const reachable = recipients.filter((recipient) => recipient.openid).map(({ id }) => id)
  const dataJson = JSON.stringify(subscribeData(draft, at))
  let queued = 0
  for (const part of chunks(reachable)) {
    // Compare-and-swap on the count: a send is queued only for a grant this update took.
    const consumed = await db
      .updateTable('subscriptionGrants')
      .set((eb) => ({ remaining: eb('remaining', '-', 1), updatedAt: at }))
      .where('templateId', '=', templateId)
      .where('userId', 'in', part)
      .where('remaining', '>', 0)
      .returning('userId')
      .execute()
    if (consumed.length === 0) continue
    await db
      .insertInto('outbox')
      .values(
        consumed.map(({ userId }) => ({
          id: newRowId(),
          messageId: messageIds.get(userId) as string,
          templateId,
          page: subscribePage(draft.link),
          dataJson,
          status: 'waiting' as const,
          attempts: 0,
          nextAttemptAt: at,
          createdAt: at,
        })),
      )
      .execute()
    queued += consumed.length
  }
  return { written: recipients.length, queued }
}

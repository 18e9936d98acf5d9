import * as z from 'zod'
import { action, noInput } from './api'
import { idSchema, pageCursorSchema, text } from './common'
import { maxTemplatesPerRequest } from './wechat-limits'

/** What a message is about; each kind may have its own WeChat subscribe template. */
export const messageKinds = [
  'rulesPublished',
  'roleChanged',
  'ceremonyFiling',
  'council',
  'appointment',
] as const
export type MessageKind = (typeof messageKinds)[number]

/** One 消息 to one villager. */
export interface Message {
  id: string
  kind: MessageKind
  title: string
  body: string
  /** The page it is about (e.g. `/pages/rules/index`), or null. */
  link: string | null
  createdAt: string
  readAt: string | null
}

export { maxTemplatesPerRequest } from './wechat-limits'

/** A subscribe message's way through the outbox to WeChat. */
export const outboxStatuses = ['waiting', 'sending', 'sent', 'failed', 'skipped'] as const
export type OutboxStatus = (typeof outboxStatuses)[number]

export interface OutboxEntry {
  id: string
  status: OutboxStatus
  recipientName: string
  kind: MessageKind
  title: string
  attempts: number
  nextAttemptAt: string
  /** Why it failed or was skipped, in plain words; the last error of a retried one. */
  lastError: string | null
  sentAt: string | null
  createdAt: string
}

export const messagesContract = {
  list: action<Message[]>()(
    z
      .strictObject({
        limit: z.number().int().min(1).max(50).default(20),
        before: pageCursorSchema.optional(),
      })
      .default({ limit: 20 }),
  ),
  unreadCount: action<{ unread: number }>()(noInput),
  /** One message (`messageId`) or all of mine (`all: true`); answers the unread count left. */
  markRead: action<{ unread: number }>()(
    z.union([z.strictObject({ messageId: idSchema }), z.strictObject({ all: z.literal(true) })]),
  ),
  /**
   * The template ids to ask for in WeChat's dialog; empty when there is nothing to ask. With a
   * `kind`, only that kind's (a booking asks for the appointment template alone).
   */
  subscribeTemplates: action<{ templateIds: string[] }>()(
    z.strictObject({ kind: z.enum(messageKinds).optional() }).optional(),
  ),
  /** What the user answered in WeChat's dialog, per template id. */
  recordSubscription: action<{ recorded: number }>()(
    z.strictObject({
      results: z
        .array(z.strictObject({ templateId: text(128), accepted: z.boolean() }))
        .min(1)
        .max(maxTemplatesPerRequest),
    }),
  ),
}

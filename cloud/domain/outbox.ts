import { randomUUID } from 'node:crypto'
import type { Config } from '../config'
import type { Db } from '../store/db'
import { WeChatError, type WeChat } from '../wechat/wechat'
import { templateFor } from './messages'

/** What the drain needs of WeChat: `services.wechat.sendSubscribeMessage`. */
export type SendSubscribe = WeChat['sendSubscribeMessage']

export interface OutboxPolicy {
  /** Rows looked at per run. */
  batch: number
  /** After this many failed tries a retryable error becomes a failure. */
  maxAttempts: number
  /** The first retry waits this long; each further one twice as long, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  /**
   * A claim older than this belongs to a run that died (or hangs). Far longer than any send
   * may take, so a slow but live run is never mistaken for a dead one.
   */
  claimTimeoutMs: number
}

export const defaultOutboxPolicy: OutboxPolicy = {
  batch: 50,
  maxAttempts: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 3_600_000,
  claimTimeoutMs: 10 * 60_000,
}

export interface DrainReport {
  sent: number
  retried: number
  failed: number
  skipped: number
  /** Stale claims settled as failed because nobody knows whether they went out. */
  abandoned: number
}

// WeChat's answers that no retry can change, in words an admin understands.
const finalErrors: Record<number, string> = {
  43101: '对方没有可用的订阅次数（没有同意或已用完），只留在站内消息',
  47003: '消息内容不符合模板的格式要求（程序问题，请联系开发者）',
  40003: '对方的微信身份（openid）无效',
}

export const unknownOutcome =
  '发送途中中断，不知道微信是否已送达；一次性订阅消息宁可漏发也不重发，所以不再发送'

/** How one send failed: final (stop) or retryable (try again later), with the reason stored. */
export function classifySendError(error: unknown): { retryable: boolean; reason: string } {
  if (!(error instanceof WeChatError)) {
    // Our own bug, thrown before or after the call: whether WeChat got it is unknown, so no retry.
    return { retryable: false, reason: `发送时程序出错，为免重复不再发送（${String(error)}）` }
  }
  const final = finalErrors[error.errcode]
  if (final) return { retryable: false, reason: final }
  if (!error.retryable)
    return { retryable: false, reason: `微信拒绝发送（错误码 ${error.errcode}）` }
  // -1 is also what a network failure or timeout becomes. A timeout may hide a send WeChat did
  // take; a retry is then refused by WeChat itself with 43101 unless the user accepted twice.
  return {
    retryable: true,
    reason:
      error.errcode === -1
        ? '微信繁忙或暂时连不上微信（错误码 -1）'
        : `微信繁忙或发送太频繁（错误码 ${error.errcode}）`,
  }
}

export function retryDelayMs(attempts: number, policy: OutboxPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs)
}

/**
 * Sends what the outbox holds. Safe to run from several places at once (two timer runs, two
 * gateway processes, the cloud timer and a gateway): every row is claimed with a
 * compare-and-swap (waiting → sending under a fresh claim token) right before its send, so
 * exactly one run sends it; settling the row again requires that token.
 */
export async function drainOutbox(
  db: Db,
  config: Pick<Config, 'demoMode' | 'wxTemplates' | 'wxMiniprogramState'>,
  now: () => Date,
  send: SendSubscribe,
  policy: OutboxPolicy = defaultOutboxPolicy,
): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, retried: 0, failed: 0, skipped: 0, abandoned: 0 }
  const startedAt = now()

  // A row left in `sending` by a run that died between its claim and its settle: the send may
  // or may not have reached WeChat. Sending it again could deliver it twice, and it would use a
  // one-time grant the user gave for one message. So the safe side is to give it up: a lost
  // subscribe message still has its in-app 消息, a doubled one cannot be taken back. The claim
  // token stays, so a hung run that does finish later still records `sent` truthfully.
  const stale = await db
    .updateTable('outbox')
    .set({ status: 'failed', lastError: unknownOutcome })
    .where('status', '=', 'sending')
    .where('claimedAt', '<', new Date(startedAt.getTime() - policy.claimTimeoutMs).toISOString())
    .executeTakeFirst()
  report.abandoned = Number(stale.numUpdatedRows)

  const due = await db
    .selectFrom('outbox')
    .innerJoin('messages', 'messages.id', 'outbox.messageId')
    .innerJoin('users', 'users.id', 'messages.recipientId')
    .select([
      'outbox.id',
      'outbox.templateId',
      'outbox.page',
      'outbox.dataJson',
      'messages.kind',
      'users.openid',
    ])
    .where('outbox.status', '=', 'waiting')
    .where('outbox.nextAttemptAt', '<=', startedAt.toISOString())
    .orderBy('outbox.nextAttemptAt')
    .orderBy('outbox.id')
    .limit(policy.batch)
    .execute()

  for (const row of due) {
    const token = randomUUID()
    const claimedAt = now().toISOString()
    // One row at a time, claimed just before its send: a run that dies leaves at most this one
    // row in doubt, never a whole batch of claimed-but-unsent rows.
    const claim = await db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'sending',
        claimToken: token,
        claimedAt,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', row.id)
      .where('status', '=', 'waiting')
      .executeTakeFirst()
    if (Number(claim.numUpdatedRows) === 0) continue // another run has it
    const mine = db
      .updateTable('outbox')
      .where('id', '=', row.id)
      .where('claimToken', '=', token)
      .where('status', '=', 'sending')

    const skipReason =
      templateFor(config, row.kind) !== row.templateId
        ? '这类消息已不再使用这个订阅模板'
        : !row.openid
          ? '对方没有微信身份（openid），只留在站内消息'
          : null
    if (skipReason) {
      await mine.set({ status: 'skipped', lastError: skipReason }).execute()
      report.skipped += 1
      continue
    }

    try {
      await send({
        touser: row.openid as string,
        templateId: row.templateId,
        page: row.page,
        data: JSON.parse(row.dataJson) as Record<string, string>,
        miniprogramState: config.wxMiniprogramState,
      })
    } catch (error) {
      const { attempts } = await db
        .selectFrom('outbox')
        .select('attempts')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow()
      const { retryable, reason } = classifySendError(error)
      if (retryable && attempts < policy.maxAttempts) {
        const next = new Date(now().getTime() + retryDelayMs(attempts, policy))
        await mine
          .set({
            status: 'waiting',
            nextAttemptAt: next.toISOString(),
            claimToken: null,
            claimedAt: null,
            lastError: reason,
          })
          .execute()
        report.retried += 1
      } else {
        const final = retryable ? `试了 ${attempts} 次仍未发出：${reason}` : reason
        await mine.set({ status: 'failed', lastError: final }).execute()
        report.failed += 1
      }
      continue
    }
    // Not limited to `sending`: if this run hung so long that another one gave the row up,
    // the message did go out after all, and the row should say so.
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sentAt: now().toISOString(), lastError: null })
      .where('id', '=', row.id)
      .where('claimToken', '=', token)
      .execute()
    report.sent += 1
  }
  return report
}

import { randomUUID } from 'node:crypto'
import type { AuditAction } from '../../types/audit'
import type { GrantableRole } from '../../types/roles'
import type { ChangeDef, Services, SignedInContext, VillagerContext } from './context'
import { AppError } from './errors'
import type { Db } from '../store/db'
import { runPrepared } from '../store/prepared'

/** What the audit log records about one change: what it touched, before and after. */
export interface AuditNote {
  target: string
  before: unknown
  after: unknown
}

/**
 * What a change returns: its answer, and the audit entry that must go with it. The entry is
 * written to the caller's village, or to `villageId` for a caller who has none yet (joining one).
 * `villageId: null` says, explicitly, that no village's log concerns the change: only closing
 * the account of someone in no village (there is no village to keep a record for).
 */
export interface Changed<O> {
  result: O
  audit: AuditNote & { villageId?: string | null }
}

/** The services a change can run with: a scheduled job or the operator's CLI has no config. */
export type ChangeServices = Pick<Services, 'db' | 'now'>

interface ChangeRun {
  services: ChangeServices
  actor: { kind: 'user'; id: string } | { kind: 'system' }
  villageId: string | null
  action: AuditAction
  /** Set when the caller sent a requestId: the answer is kept under it. */
  replay: { userId: string; requestId: string; operation: string } | null
}

/**
 * Claims the request id inside the change's transaction. A second copy of the request, even one
 * racing this one, finds the id taken: on PostgreSQL its insert waits on the unique key until the
 * first transaction ends, then does nothing, and the read that follows sees the committed answer;
 * SQLite runs write transactions one after the other anyway. If the first copy failed, its claim
 * rolled back with it and the second does the work. Returns the stored answer, if any.
 */
async function claimRequest(
  trx: Db,
  replay: NonNullable<ChangeRun['replay']>,
  at: string,
): Promise<{ answer: unknown } | null> {
  // Every change with a requestId makes this claim: compiled once (store/prepared.ts).
  const claimed = await runPrepared(
    trx,
    'claim request',
    (userId, requestId, operation, createdAt) =>
      trx
        .insertInto('requestReplays')
        .values({ userId, requestId, operation, answerJson: null, createdAt })
        .onConflict((oc) => oc.columns(['userId', 'requestId']).doNothing())
        .returning('requestId'),
    [replay.userId, replay.requestId, replay.operation, at],
  )
  if (claimed.length > 0) return null
  const stored = await trx
    .selectFrom('requestReplays')
    .select(['operation', 'answerJson'])
    .where('userId', '=', replay.userId)
    .where('requestId', '=', replay.requestId)
    .executeTakeFirstOrThrow()
  if (stored.operation !== replay.operation || stored.answerJson === null) {
    throw new AppError('INVALID_ARGUMENT', '这个请求编号已经用过了，请重新操作', 'requestId')
  }
  return { answer: JSON.parse(stored.answerJson) }
}

/**
 * The one mutation path: one transaction holds the request-id claim, the change itself, any
 * extra rows the change writes with `trx` (a message, an outbox entry), the audit entry and the
 * kept answer. An error anywhere rolls all of it back, so a failed request can simply be sent
 * again. A change that returns no audit entry fails, loudly, instead of changing silently.
 */
async function runChange<O>(run: ChangeRun, work: (trx: Db) => Promise<Changed<O>>): Promise<O> {
  const at = run.services.now().toISOString()
  return run.services.db.transaction().execute(async (trx) => {
    if (run.replay) {
      const stored = await claimRequest(trx, run.replay, at)
      if (stored) return stored.answer as O
    }
    const { result, audit } = await work(trx)
    if (!audit || typeof audit.target !== 'string') {
      throw new Error(`${run.action} changed data without an audit entry`)
    }
    const villageId = audit.villageId === undefined ? run.villageId : audit.villageId
    if (!villageId && (audit.villageId !== null || run.villageId !== null)) {
      throw new Error(`${run.action} has no village to record its audit entry in`)
    }
    if (villageId) {
      const { kind } = run.actor
      await runPrepared(
        trx,
        `audit entry by ${kind}`,
        (id, village, actorId, action, target, beforeJson, afterJson, createdAt) =>
          trx.insertInto('auditLog').values({
            id,
            villageId: village,
            actorKind: kind,
            actorId: kind === 'user' ? actorId : null,
            // Read in the same statement, as the change leaves it: the log keeps the number even
            // after the person leaves or moves. (Leaving clears it first, but that entry's target
            // names the person with their number.)
            actorVillagerNo:
              kind === 'user'
                ? trx.selectFrom('users').select('villagerNo').where('id', '=', actorId)
                : null,
            action: action as AuditAction,
            target,
            beforeJson,
            afterJson,
            createdAt,
          }),
        [
          randomUUID(),
          villageId,
          run.actor.kind === 'user' ? run.actor.id : null,
          run.action,
          audit.target,
          audit.before === undefined ? null : JSON.stringify(audit.before),
          audit.after === undefined ? null : JSON.stringify(audit.after),
          at,
        ],
      )
    }
    if (run.replay) {
      await runPrepared(
        trx,
        'keep answer',
        (answerJson, userId, requestId) =>
          trx
            .updateTable('requestReplays')
            .set({ answerJson })
            .where('userId', '=', userId)
            .where('requestId', '=', requestId),
        [JSON.stringify(result), run.replay.userId, run.replay.requestId],
      )
    }
    return result
  })
}

type ChangeHandler<C, D, O> = (ctx: C, trx: Db, data: D) => Promise<Changed<O>>

/**
 * Declares a changing action: who may call it, the audit action it records, and the change.
 * The handler gets the transaction twice over: as `trx`, and as `ctx.services.db`, so that a
 * helper reading through the context sees the change too (and never waits on the connection
 * the transaction holds, as it would on SQLite).
 */
export function change<D, O>(
  access: 'signedIn',
  action: AuditAction,
  handle: ChangeHandler<SignedInContext, D, O>,
): ChangeDef<D, O>
export function change<D, O>(
  access: 'pendingOrMember' | 'villager' | readonly GrantableRole[],
  action: AuditAction,
  handle: ChangeHandler<VillagerContext, D, O>,
): ChangeDef<D, O>
export function change<D, O>(
  access: 'signedIn' | 'pendingOrMember' | 'villager' | readonly GrantableRole[],
  action: AuditAction,
  // The overloads tie the context to the access; the dispatcher keeps that promise.
  handle: ChangeHandler<never, D, O>,
): ChangeDef<D, O> {
  return {
    access,
    changes: true,
    handle: async (ctx, data) => {
      // Every access but 'public' means the dispatcher has resolved a user.
      const user = ctx.user
      if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
      const run: ChangeRun = {
        services: ctx.services,
        actor: { kind: 'user', id: user.id },
        villageId: user.villageId,
        action,
        replay: ctx.requestId
          ? { userId: user.id, requestId: ctx.requestId, operation: ctx.operation }
          : null,
      }
      return runChange(run, (trx) =>
        handle({ ...ctx, services: { ...ctx.services, db: trx } } as never, trx, data),
      )
    },
  }
}

/**
 * A change the system makes on its own (a scheduled job, a platform callback, the operator
 * opening a village): the same transaction and audit entry, with 系统 as the actor.
 */
export function changeAsSystem<O>(
  services: ChangeServices,
  villageId: string,
  action: AuditAction,
  work: (trx: Db) => Promise<{ result: O; audit: AuditNote }>,
): Promise<O> {
  return runChange({ services, actor: { kind: 'system' }, villageId, action, replay: null }, work)
}

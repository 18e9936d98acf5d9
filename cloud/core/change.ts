import { sql, SqliteAdapter } from 'kysely'
import type { AuditAction } from '../../types/audit'
import type { GrantableRole } from '../../types/roles'
import type { ChangeDef, CountLimits, Services, SignedInContext, VillagerContext } from './context'
import { AppError } from './errors'
import type { Db } from '../store/db'
import { runPrepared } from '../store/prepared'
import { newRowId } from '../store/row-id'

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
  /** The action's rate limits (core/dispatch.ts), counted in the change's transaction. */
  countLimits: CountLimits | null
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

type Work<O> = (trx: Db) => Promise<Changed<O>>

/**
 * What one change writes: the request-id claim, the change itself, any extra rows the change
 * writes with `trx` (a message, an outbox entry), the audit entry and the kept answer. A change
 * that returns no audit entry fails, loudly, instead of changing silently.
 */
async function changeWork<O>(trx: Db, run: ChangeRun, work: Work<O>): Promise<O> {
  const at = run.services.now().toISOString()
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
        newRowId(),
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
}

type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown }

/**
 * One change of a group (SQLite), all or nothing: its rate limits are counted first, then the
 * change runs in a savepoint of its own, so that its failure undoes all it wrote and nothing of
 * the others (the counted attempt stays: a refused booking still counts, in the group's one
 * commit). A failure of the savepoint itself (the transaction is gone) throws: then nothing of
 * the group may be committed.
 */
async function changeInGroup<O>(trx: Db, run: ChangeRun, work: Work<O>): Promise<Outcome<O>> {
  let takeBack: Array<() => Promise<void>> = []
  try {
    if (run.countLimits) takeBack = await run.countLimits(trx)
  } catch (error) {
    // Refused by a limit: the count that refused it is one statement, written whole or not at all.
    return { ok: false, error }
  }
  await sql`savepoint change`.execute(trx)
  try {
    const value = await changeWork(trx, run, work)
    // Rules that count only failures: this attempt succeeded.
    for (const undo of takeBack) await undo()
    await sql`release change`.execute(trx)
    return { ok: true, value }
  } catch (error) {
    await sql`rollback to change`.execute(trx)
    await sql`release change`.execute(trx)
    return { ok: false, error }
  }
}

/**
 * One change in a transaction of its own (PostgreSQL). Its rate limits are counted before it, on
 * their own, so that a failed change still counts: a savepoint in the transaction would make the
 * places a booking takes rows of a subtransaction, which every other booking of the slot must
 * look up while it runs.
 */
async function changeAlone<O>(db: Db, run: ChangeRun, work: Work<O>): Promise<O> {
  const takeBack = run.countLimits ? await run.countLimits(db) : []
  const value = await db.transaction().execute((trx) => changeWork(trx, run, work))
  // Rules that count only failures: this attempt succeeded.
  for (const undo of takeBack) await undo()
  return value
}

/** A change waiting for its group's commit (SQLite), and how to answer it. */
interface Member {
  run: ChangeRun
  work: Work<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** Per SQLite store: the changes waiting for the next group, and whether one is being written. */
interface Group {
  waiting: Member[]
  busy: boolean
}
const groups = new WeakMap<Db, Group>()
/** Enough to take every change of 50 connections at once; a longer queue waits for the next. */
const maxGroup = 64

/**
 * Group commit on SQLite. Waiting for the disk at commit (`synchronous = FULL`) is the largest
 * cost of a change there, and SQLite has one writer anyway: so the changes that arrive while one
 * group is written (and those arriving in the same turn of the event loop) are written together
 * in one transaction, each in its own savepoint (`changeInGroup`), and committed with one wait for the
 * disk. Each keeps its all-or-nothing: a change that fails rolls back to its savepoint, undoing
 * all it wrote and nothing of the others, and gets its own error. Every answer is given only once
 * the commit is on disk; if the commit (or the transaction) fails, every change of the group
 * fails with it, none half-written. A later change of a group sees the earlier ones, as it would
 * have one transaction later (two copies of one request: the second gets the first's answer).
 */
function joinGroup<O>(db: Db, run: ChangeRun, work: Work<O>): Promise<O> {
  let group = groups.get(db)
  if (!group) groups.set(db, (group = { waiting: [], busy: false }))
  const joined = new Promise<O>((resolve, reject) => {
    group.waiting.push({ run, work, resolve: resolve as (value: unknown) => void, reject })
  })
  if (!group.busy) writeGroupSoon(db, group)
  return joined
}

function writeGroupSoon(db: Db, group: Group) {
  group.busy = true
  // After the requests already read in this turn of the event loop have reached their change.
  setImmediate(() => void writeGroup(db, group))
}

async function writeGroup(db: Db, group: Group) {
  const members = group.waiting.splice(0, maxGroup)
  try {
    const outcomes = await db.transaction().execute(async (trx) => {
      const done: Outcome<unknown>[] = []
      for (const member of members) done.push(await changeInGroup(trx, member.run, member.work))
      return done
    })
    outcomes.forEach((outcome, index) => {
      const member = members[index]
      if (outcome.ok) member.resolve(outcome.value)
      else member.reject(outcome.error)
    })
  } catch (error) {
    for (const member of members) member.reject(error)
  } finally {
    if (group.waiting.length > 0) writeGroupSoon(db, group)
    else group.busy = false
  }
}

/**
 * The one mutation path: one transaction holds the change's request-id claim, the change, its
 * rows, its audit entry and its kept answer (`changeWork`). An error rolls all of the change back
 * (its attempt still counted against its rate limits), so a failed request can simply be sent
 * again. On SQLite changes are committed in groups (`joinGroup`), their rate limits counted in
 * the group's transaction; PostgreSQL commits each in its own transaction, concurrently.
 */
function runChange<O>(run: ChangeRun, work: Work<O>): Promise<O> {
  const { db } = run.services
  if (db.getExecutor().adapter instanceof SqliteAdapter) return joinGroup(db, run, work)
  return changeAlone(db, run, work)
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
        countLimits: ctx.countLimits ?? null,
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
  return runChange(
    { services, actor: { kind: 'system' }, villageId, action, replay: null, countLimits: null },
    work,
  )
}

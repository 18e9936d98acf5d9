import type { z } from 'zod'
import { requestEnvelopeSchema, type ApiResponse } from '../../types/api'
import {
  contract,
  type Contract,
  type ActionData,
  type ActionName,
  type ActionOutput,
  type FunctionName,
} from '../../types/contract'
import { firstFieldError } from '../../types/validation'
import { countAttempt } from '../domain/rate-limit'
import type {
  ActionDef,
  BaseContext,
  ChangeDef,
  Identity,
  ReadDef,
  Services,
  User,
} from './context'
import { AppError, isUniqueViolation } from './errors'
import { asVillager, resolveUser, type Credentials } from './identity'
import type { Db } from '../store/db'
import { pendingRefusal } from '../domain/membership'

/**
 * The handlers of one API function: one per action its contract declares. An action the
 * contract declares with `change` must be built with `change` (core/change.ts), and only those.
 */
export type FunctionHandlers<F extends FunctionName> = {
  [A in ActionName<F>]: Contract[F][A] extends { changes: true }
    ? ChangeDef<ActionData<F, A>, ActionOutput<F, A>>
    : ReadDef<ActionData<F, A>, ActionOutput<F, A>>
}
export type Handlers = { [F in FunctionName]: FunctionHandlers<F> }

/**
 * Counts this call against the action's rate limits (refusing it beyond one) and returns the
 * undos of the rules that count only failures. A rule whose key is unknown here (no network
 * address inside the cloud function) does not apply.
 */
async function countLimits(
  services: Pick<Services, 'db' | 'now'>,
  def: ActionDef<unknown, unknown>,
  operation: string,
  caller: User | null,
  address: string | null,
): Promise<Array<() => Promise<void>>> {
  const undos: Array<() => Promise<void>> = []
  for (const { per, counts, ...rule } of def.limits ?? []) {
    const key = per === 'caller' ? caller?.id : per === 'village' ? caller?.villageId : address
    if (!key) continue
    const undo = await countAttempt(
      services.db,
      { ...rule, bucket: `${operation}:${per}` },
      key,
      services.now(),
    )
    if (counts === 'failures') undos.push(undo)
  }
  return undos
}

const fail = (error: AppError): Answer => ({
  response: { ok: false, error: error.toApiError() },
  etag: null,
})

/** A call's envelope, and the entity tag of a successful answer that has one. */
export interface Answer {
  response: ApiResponse<unknown>
  etag: string | null
}

/** Runs one call end to end (see `answer`) and returns its envelope. */
export async function dispatch(...call: Parameters<typeof answer>): Promise<ApiResponse<unknown>> {
  return (await answer(...call)).response
}

/** How one call reached us, besides its data. */
export interface Call {
  operation: string
  credentials: Credentials
  via: BaseContext['via']
  address: string | null
  requestId: string | null
}

/**
 * Runs a call that is already past its envelope: identity, access, input (read by `input` once
 * the caller is admitted, so a stranger learns nothing about it), rate limits, handler. The
 * gateway's upload endpoint, which takes a file rather than JSON, runs its change through here
 * too, so it is held to the same access checks as every action.
 */
export async function perform<D, O>(
  services: Services,
  def: ActionDef<D, O>,
  call: Call,
  input: () => D,
): Promise<O> {
  // On PostgreSQL the preload saves a round trip; SQLite answers in-process, with no round trip
  // to save, so there the handler runs it on its own.
  const preload = services.engine === 'postgres' ? def.preload : undefined
  const found = await resolveUser(services, call.credentials, preload)
  // The preload's value goes to the handler, never into the caller's identity.
  const { preloaded, ...identity } = found ?? {}
  const carried = found !== null && Object.hasOwn(found, 'preloaded')
  const user: Identity | null = found && (identity as Identity)
  let caller: User | null = user
  if (def.access !== 'public') {
    if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
    if (def.access !== 'signedIn') {
      const villager = asVillager(user)
      if (!villager) throw new AppError('FAILED_PRECONDITION', '请先选择您所在的村', 'villageId')
      if (villager.membership !== 'approved' && def.access !== 'pendingOrMember') {
        throw new AppError('PERMISSION_DENIED', pendingRefusal)
      }
      if (
        Array.isArray(def.access) &&
        !def.access.some((role: string) => villager.roles.includes(role as never))
      ) {
        throw new AppError('PERMISSION_DENIED', '您没有权限做这件事')
      }
      caller = villager
    }
  }
  const data = input()
  const { credentials, ...rest } = call
  const count = (db: Db) =>
    countLimits(
      { db, now: services.now },
      def as ActionDef<unknown, unknown>,
      call.operation,
      caller,
      call.address,
    )
  // A change counts where core/change.ts runs it (on SQLite in its group's transaction, kept if
  // the change fails: one commit for both). A read counts on its own.
  const limited = (def.limits?.length ?? 0) > 0
  const ctx = {
    services,
    ...rest,
    token: credentials.kind === 'token' ? credentials.token : null,
    user: caller,
    // Only once the access checks above have passed, and only when the identity query carried it.
    ...(carried ? { preloaded } : {}),
    ...(limited && def.changes ? { countLimits: count } : {}),
  }
  const takeBack = limited && !def.changes ? await count(services.db) : []
  const result = await def.handle(ctx, data)
  // Rules that count only failures: this attempt succeeded.
  for (const undo of takeBack) await undo()
  return result
}

/** An error thrown by a call, as its answer: an AppError as it is, anything else logged. */
export function failure(error: unknown, label: string, requestId: unknown): Answer {
  if (error instanceof AppError) return fail(error)
  if (isUniqueViolation(error)) {
    return fail(new AppError('CONFLICT', '这件事刚被别人办过了，请刷新后再看'))
  }
  // The client's request id ties a villager's "it failed" to this log line.
  console.error(`[${label}] request ${String(requestId ?? '-')}`, error)
  return fail(new AppError('INTERNAL', '服务出了点问题，请稍后再试'))
}

/**
 * Runs one call end to end: envelope, action lookup, identity, access, input validation,
 * handler. Whatever happens, the answer is an envelope; nothing a caller sends becomes a 500.
 */
export async function answer(
  services: Services,
  handlers: Handlers,
  functionName: string,
  body: unknown,
  credentials: Credentials,
  via: BaseContext['via'],
  address: string | null = null,
): Promise<Answer> {
  try {
    if (!Object.hasOwn(contract, functionName)) {
      throw new AppError('INVALID_ARGUMENT', '没有这项功能', 'function')
    }
    const fn = functionName as FunctionName
    const envelope = requestEnvelopeSchema.safeParse(body)
    if (!envelope.success) {
      const { field } = firstFieldError(envelope.error)
      throw new AppError('INVALID_ARGUMENT', '请求的格式不对', field || 'action')
    }
    const { action, data, requestId } = envelope.data
    const specs = contract[fn] as Record<string, { input: z.ZodType }>
    const defs = handlers[fn] as Record<string, ActionDef<unknown, unknown>>
    if (!Object.hasOwn(specs, action)) {
      throw new AppError('INVALID_ARGUMENT', '没有这项操作', 'action')
    }
    const def = defs[action]
    const call = {
      operation: `${fn}.${action}`,
      credentials,
      via,
      address,
      requestId: requestId ?? null,
    }
    const result = await perform(services, def, call, () => {
      const input = specs[action].input.safeParse(data)
      if (!input.success) {
        const error = firstFieldError(input.error)
        throw new AppError('INVALID_ARGUMENT', error.message, error.field)
      }
      return input.data
    })
    return { response: { ok: true, data: result }, etag: def.etag?.(result) ?? null }
  } catch (error) {
    return failure(error, functionName, (body as { requestId?: unknown } | null)?.requestId)
  }
}

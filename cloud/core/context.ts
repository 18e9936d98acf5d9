import type { MembershipStatus } from '../../types/membership'
import type { GrantableRole, Role } from '../../types/roles'
import type { VillageSummary } from '../../types/session'
import type { Config } from '../config'
import type { RateRule } from '../domain/rate-limit'
import { sql, type AliasableExpression, type Expression } from 'kysely'
import { runPrepared } from '../store/prepared'
import type { Db, Engine } from '../store/db'
import type { WeChat } from '../wechat/wechat'

/** What a handler can reach: the store, the configuration and the outside world. */
export interface Services {
  db: Db
  engine: Engine
  config: Config
  wechat: WeChat
  /** Injectable for tests that need a fixed time. */
  now: () => Date
}

export interface User {
  id: string
  displayName: string
  villageId: string | null
}

/**
 * The caller as found by one query on each call (core/identity.ts): where they stand with the
 * village they picked, that village (null before picking one, or once it declined them) and
 * their live roles (empty without a village).
 */
export interface Identity extends User {
  membership: MembershipStatus
  village: VillageSummary | null
  roles: Role[]
}

/** A signed-in user who belongs to a village: the only kind that sees village data. */
export interface Villager extends User {
  villageId: string
  roles: Role[]
  /** A pending member may call only actions declared 'pendingOrMember'. */
  membership: MembershipStatus
}

export interface BaseContext {
  services: Services
  /** How the caller reached us: the cloud function knows them by WeChat openid. */
  via: 'http' | 'cloud'
  /** The bearer token of an HTTP caller, so signing out can end that session. */
  token: string | null
  /** The envelope's requestId: a change's answer is kept under it for a repeated request. */
  requestId: string | null
  /** The call being answered, `function.action`. */
  operation: string
  /** The caller's network address as the gateway saw it; null inside the cloud function. */
  address: string | null
  /** What the action's `preload` returned, when the identity query carried it (see `Preload`). */
  preloaded?: unknown
  /**
   * For a change held to rate limits: counts this call against them, on `db` (the root store, or
   * the transaction of the change's group: core/change.ts), refusing it beyond one; returns the
   * undos of the rules that count only failures.
   */
  countLimits?: CountLimits
}

export type CountLimits = (db: Db) => Promise<Array<() => Promise<void>>>
export interface PublicContext extends BaseContext {
  user: User | null
}
export interface SignedInContext extends BaseContext {
  user: Identity
}
export interface VillagerContext extends BaseContext {
  user: Villager
}

/**
 * Who may call an action. 'villager' and the role lists mean an approved member of the village;
 * 'pendingOrMember' also lets in someone whose joining the village has yet to approve, so each
 * action open to them says so where it is declared, and a new villager action is closed to them.
 */
export type Access =
  'public' | 'signedIn' | 'pendingOrMember' | 'villager' | readonly GrantableRole[]

/**
 * A rate limit the dispatcher holds an action to, before its handler runs: counted per caller,
 * per village or per network address, on every attempt or only on failed ones (a success takes
 * its attempt back, so guessing is limited and honest use is not).
 */
export interface ActionLimit extends Omit<RateRule, 'bucket'> {
  per: 'caller' | 'village' | 'address'
  counts: 'attempts' | 'failures'
}

/**
 * The one query a read makes of the caller's village, sent in the same statement as the identity
 * query (core/identity.ts), so the call costs one round trip to the database instead of two (on
 * PostgreSQL each counts: issue 9). Every access check is still made before the handler uses it.
 */
export interface Preload<P> {
  /** Names the combined statement, compiled once. */
  name: string
  /** A scalar subquery over the village id it is given: one value (JSON for more), or null. */
  select: (db: Db, villageId: Expression<string>) => AliasableExpression<unknown>
  /** What the engine returned (see store/json.ts), as the handler's value. */
  read: (value: unknown) => P
}

export interface ActionDef<D, O> {
  access: Access
  /** The query the handler needs, carried by the identity query (see `Preload`). */
  preload?: Preload<unknown>
  /** True for an action on the one mutation path (core/change.ts), as its contract declares. */
  changes: boolean
  limits?: readonly ActionLimit[]
  /**
   * For a read whose answer is fixed by something short (a published rules version's id): that
   * tag, sent as the HTTP ETag, so a caller holding the answer gets `304` and no body. Computed
   * from the answer, after every access check of the call.
   */
  etag?(output: O): string | null
  handle: (ctx: PublicContext, data: D) => Promise<O>
}
export type ReadDef<D, O> = ActionDef<D, O> & { changes: false }
export type ChangeDef<D, O> = ActionDef<D, O> & { changes: true }

// Each constructor declares who may call the action; the dispatcher enforces it before the
// handler runs, so the handler's context type is a promise the dispatcher keeps. These are for
// actions that change no village data; changes are declared with `change` (core/change.ts).
export function forPublic<D, O>(
  handle: (ctx: PublicContext, data: D) => Promise<O>,
): ReadDef<D, O> {
  return { access: 'public', changes: false, handle }
}
export function forSignedIn<D, O>(
  handle: (ctx: SignedInContext, data: D) => Promise<O>,
): ReadDef<D, O> {
  return { access: 'signedIn', changes: false, handle: handle as ActionDef<D, O>['handle'] }
}
export function forVillager<D, O>(
  handle: (ctx: VillagerContext, data: D) => Promise<O>,
): ReadDef<D, O> {
  return { access: 'villager', changes: false, handle: handle as ActionDef<D, O>['handle'] }
}
/** For the few things a member the village has yet to approve may do too (read the rules). */
export function forPendingOrMember<D, O>(
  handle: (ctx: VillagerContext, data: D) => Promise<O>,
): ReadDef<D, O> {
  return { access: 'pendingOrMember', changes: false, handle: handle as ActionDef<D, O>['handle'] }
}
export function forRoles<D, O>(
  roles: readonly GrantableRole[],
  handle: (ctx: VillagerContext, data: D) => Promise<O>,
): ReadDef<D, O> {
  return { access: roles, changes: false, handle: handle as ActionDef<D, O>['handle'] }
}

/** Runs a preload on its own, when the identity query did not carry it. */
export async function runPreload<P>(db: Db, villageId: string, preload: Preload<P>): Promise<P> {
  const [row] = await runPrepared(
    db,
    preload.name,
    (village) => db.selectNoFrom(preload.select(db, sql<string>`${village}`).as('value')),
    [villageId],
  )
  return preload.read(row?.value ?? null)
}

/**
 * A read for the village's members (a pending one too) answered from one preload: its value
 * comes with the caller's identity, or, if that query did not carry it, from a query of its own.
 */
export function preloadedForPendingOrMember<D, O, P>(
  preload: Preload<P>,
  handle: (ctx: VillagerContext, data: D, value: P) => Promise<O>,
): ReadDef<D, O> {
  return {
    ...forPendingOrMember<D, O>(async (ctx, data) => {
      const value = Object.hasOwn(ctx, 'preloaded')
        ? preload.read(ctx.preloaded)
        : await runPreload(ctx.services.db, ctx.user.villageId, preload)
      return handle(ctx, data, value)
    }),
    preload: preload as Preload<unknown>,
  }
}

/** The same read, answered with an entity tag (see `ActionDef.etag`). */
export function tagged<D, O>(
  etag: (output: O) => string | null,
  def: ReadDef<D, O>,
): ReadDef<D, O> {
  return { ...def, etag }
}

/** The same action, held to these rate limits (checked by the dispatcher, held in the database). */
export function limited<T extends ActionDef<never, unknown>>(
  limits: readonly ActionLimit[],
  def: T,
): T {
  return { ...def, limits }
}

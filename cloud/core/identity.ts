import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { GrantableRole, Role } from '../../types/roles'
import type { PersonaKey } from '../../types/session'
import type { Identity, Preload, Villager, Services, User } from './context'
import type { Db } from '../store/db'
import { AppError } from './errors'
import { runPrepared } from '../store/prepared'
import { newRowId } from '../store/row-id'

/** How a request says who it comes from; never from the payload. */
export type Credentials =
  { kind: 'token'; token: string | null } | { kind: 'openid'; openid: string | null }

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Starts a session and returns the bearer token; only its hash is stored. WeChat's session_key
 * is not kept: nothing here decrypts data WeChat signs with it.
 */
export async function createSession(
  services: Pick<Services, 'db' | 'now'> & { config: Pick<Services['config'], 'sessionTtlDays'> },
  userId: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const now = services.now()
  const expires = new Date(now.getTime() + services.config.sessionTtlDays * 86400_000)
  await services.db
    .insertInto('sessions')
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expires.toISOString(),
    })
    .execute()
  return token
}

export async function endSession(services: Services, token: string): Promise<void> {
  await services.db.deleteFrom('sessions').where('tokenHash', '=', hashToken(token)).execute()
}

/** Ends every session of a user, on every device; returns how many there were. */
export async function endAllSessions(services: Services, userId: string): Promise<number> {
  const result = await services.db
    .deleteFrom('sessions')
    .where('userId', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Finds the user a WeChat openid belongs to, creating a village-less user the first time. */
export async function userForOpenid(services: Services, openid: string): Promise<User> {
  const found = await services.db
    .selectFrom('users')
    .select(['id', 'displayName', 'villageId'])
    .where('openid', '=', openid)
    .executeTakeFirst()
  if (found) return found
  const user = {
    id: newRowId(),
    openid,
    demoPersona: null,
    displayName: `微信用户${openid.slice(-4)}`,
    villageId: null,
    createdAt: services.now().toISOString(),
  }
  // Two first requests racing: the unique openid lets one insert win, the other reads it.
  await services.db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.column('openid').doNothing())
    .execute()
  return services.db
    .selectFrom('users')
    .select(['id', 'displayName', 'villageId'])
    .where('openid', '=', openid)
    .executeTakeFirstOrThrow()
}

/** Grants a role in a village; the partial unique index on live grants refuses a second one. */
export async function grantRole(
  db: Db,
  grant: { villageId: string; userId: string; role: GrantableRole; grantedBy: string | null },
  at: string,
): Promise<void> {
  await db
    .insertInto('roleGrants')
    .values({ id: newRowId(), ...grant, grantedAt: at, revokedAt: null, revokedBy: null })
    .execute()
}

/**
 * Takes the next villager number (村民编号) of a village. Incrementing the village's counter in
 * place locks its row until the transaction ends, so two people joining at once get two numbers.
 */
export async function takeVillagerNo(db: Db, villageId: string): Promise<number> {
  const { lastVillagerNo } = await db
    .updateTable('villages')
    .set((eb) => ({ lastVillagerNo: eb('lastVillagerNo', '+', 1) }))
    .where('id', '=', villageId)
    .returning('lastVillagerNo')
    .executeTakeFirstOrThrow()
  return lastVillagerNo
}

/**
 * Enrols someone without WeChat (a demo persona, or a test's member) as a villager of a
 * village with these extra roles; returns their user id.
 */
export async function addMember(
  db: Db,
  member: {
    villageId: string
    displayName: string
    demoPersona: PersonaKey | null
    roles: readonly GrantableRole[]
  },
  at: string,
): Promise<string> {
  const userId = newRowId()
  const { villageId, displayName, demoPersona, roles } = member
  const villagerNo = await takeVillagerNo(db, villageId)
  await db
    .insertInto('users')
    .values({
      id: userId,
      openid: null,
      demoPersona,
      displayName,
      villageId,
      villagerNo,
      createdAt: at,
    })
    .execute()
  for (const role of roles) {
    await grantRole(db, { villageId, userId, role, grantedBy: null }, at)
  }
  return userId
}

/** How one identity query finds its user: by session token hash, WeChat openid or user id. */
type IdentityKey =
  | { by: 'tokenHash'; value: string }
  | { by: 'openid'; value: string }
  | { by: 'userId'; value: string }

/** The identity query, by one key, carrying the preload if there is one; see `loadIdentity`. */
const identityQuery =
  (db: Db, by: IdentityKey['by'], preload?: Preload<unknown>) => (value: string) =>
    db
      .selectFrom('users')
      .$if(by === 'tokenHash', (qb) => qb.innerJoin('sessions', 'sessions.userId', 'users.id'))
      .leftJoin('villages', 'villages.id', 'users.villageId')
      .leftJoin('towns', 'towns.id', 'villages.townId')
      .leftJoin('roleGrants', (join) =>
        join
          .onRef('roleGrants.villageId', '=', 'users.villageId')
          .onRef('roleGrants.userId', '=', 'users.id')
          .on('roleGrants.revokedAt', 'is', null),
      )
      .select([
        'users.id',
        'users.displayName',
        'users.villageId',
        'users.demoPersona',
        'users.membership',
        'villages.name as villageName',
        'villages.townId',
        'towns.name as townName',
        'roleGrants.role',
        // Only the session has an expiry; the other keys find the user itself.
        by === 'tokenHash'
          ? sql<string | null>`sessions.expires_at`.as('expiresAt')
          : sql<string | null>`null`.as('expiresAt'),
        // Evaluated for the user's village (null without one); used only after the access checks.
        preload
          ? preload.select(db, sql.ref<string>('users.village_id')).as('preloaded')
          : sql<unknown>`null`.as('preloaded'),
      ])
      .where(
        sql.ref(
          by === 'tokenHash'
            ? 'sessions.token_hash'
            : by === 'openid'
              ? 'users.openid'
              : 'users.id',
        ),
        '=',
        value,
      )

/** An identity as the query finds it, with the session's fields and the action's preload. */
type LoadedIdentity = Identity & {
  demoPersona: PersonaKey | null
  expiresAt: string | null
  /** Present only when a preload was asked for (see `Preload`). */
  preloaded?: unknown
}

/**
 * The user, where they stand with their village, the village and their live roles, in ONE
 * query: every call needs them, and every query saved per call counts (issue 9). One row per
 * live grant (the left join), or one row with no role. Nothing of it is cached across calls, so
 * a revoked role or a changed membership counts from the very next call, on every process. With
 * a preload, the same statement also answers the action's own query of the user's village.
 */
export async function loadIdentity(
  db: Db,
  key: IdentityKey,
  preload?: Preload<unknown>,
): Promise<LoadedIdentity | null> {
  const name = `identity by ${key.by}${preload ? ` with ${preload.name}` : ''}`
  const rows = await runPrepared(db, name, identityQuery(db, key.by, preload), [key.value])
  if (rows.length === 0) return null
  const [row] = rows
  const { id, displayName, villageId, demoPersona, membership } = row
  // Someone the village declined is in no village: they may only pick another one.
  const inVillage = villageId && membership !== 'declined'
  return {
    id,
    displayName,
    villageId,
    demoPersona,
    membership,
    expiresAt: row.expiresAt,
    ...(preload ? { preloaded: row.preloaded } : {}),
    village:
      inVillage && row.villageName && row.townId && row.townName
        ? { id: villageId, name: row.villageName, townId: row.townId, townName: row.townName }
        : null,
    roles: villageId
      ? ['villager', ...rows.flatMap((candidate) => (candidate.role ? [candidate.role] : []))]
      : [],
  }
}

/**
 * Resolves credentials to the caller's identity, or null when there are none or they are not
 * valid.
 */
export async function resolveUser(
  services: Services,
  credentials: Credentials,
  preload?: Preload<unknown>,
): Promise<(Identity & { preloaded?: unknown }) | null> {
  if (credentials.kind === 'openid') {
    if (!credentials.openid) return null
    const known = await loadIdentity(
      services.db,
      { by: 'openid', value: credentials.openid },
      preload,
    )
    if (known) return withoutSessionFields(known)
    const user = await userForOpenid(services, credentials.openid)
    const created = await loadIdentity(services.db, { by: 'userId', value: user.id })
    return created && withoutSessionFields(created)
  }
  if (!credentials.token) return null
  const found = await loadIdentity(
    services.db,
    { by: 'tokenHash', value: hashToken(credentials.token) },
    preload,
  )
  if (!found?.expiresAt || found.expiresAt <= services.now().toISOString()) return null
  // A demo and a real server may share a database; only a demo server honours a demo persona,
  // whoever made the session. Refused outright, even for public actions, so the client drops the
  // token and goes to sign-in instead of browsing anonymously with it.
  if (found.demoPersona && !services.config.demoMode) {
    throw new AppError('UNAUTHENTICATED', '体验身份只能在演示版里用，请用微信重新登录')
  }
  return withoutSessionFields(found)
}

function withoutSessionFields({
  demoPersona: _persona,
  expiresAt: _expires,
  ...identity
}: LoadedIdentity): Identity & { preloaded?: unknown } {
  return identity
}

/** Every villager is a 村民; other roles come from live grants in their own village. */
export async function rolesOf(db: Db, user: Pick<User, 'id' | 'villageId'>): Promise<Role[]> {
  if (!user.villageId) return []
  const grants = await db
    .selectFrom('roleGrants')
    .select('role')
    .where('userId', '=', user.id)
    .where('villageId', '=', user.villageId)
    .where('revokedAt', 'is', null)
    .execute()
  return ['villager', ...grants.map((grant) => grant.role)]
}

/** The caller as a villager of their village, or null when they are in none. */
export function asVillager(identity: Identity): Villager | null {
  const { village, ...rest } = identity
  if (!rest.villageId || !village) return null
  return { ...rest, villageId: rest.villageId }
}

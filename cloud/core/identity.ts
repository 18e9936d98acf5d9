import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { GrantableRole, Role } from '../../types/roles'
import type { PersonaKey } from '../../types/session'
import type { Villager, Services, User } from './context'
import type { Db } from '../store/db'
import { AppError } from './errors'

/** How a request says who it comes from; never from the payload. */
export type Credentials =
  { kind: 'token'; token: string | null } | { kind: 'openid'; openid: string | null }

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Starts a session and returns the bearer token; only its hash is stored. WeChat's session_key
 * is not kept: nothing here decrypts data WeChat signs with it.
 */
export async function createSession(services: Services, userId: string): Promise<string> {
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
    id: randomUUID(),
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
    .values({ id: randomUUID(), ...grant, grantedAt: at, revokedAt: null, revokedBy: null })
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
  const userId = randomUUID()
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

/** Resolves credentials to a user, or null when there are none or they are not valid. */
export async function resolveUser(
  services: Services,
  credentials: Credentials,
): Promise<User | null> {
  if (credentials.kind === 'openid') {
    return credentials.openid ? userForOpenid(services, credentials.openid) : null
  }
  if (!credentials.token) return null
  const row = await services.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'users.id',
      'users.displayName',
      'users.villageId',
      'users.demoPersona',
      'sessions.expiresAt',
    ])
    .where('sessions.tokenHash', '=', hashToken(credentials.token))
    .executeTakeFirst()
  if (!row || row.expiresAt <= services.now().toISOString()) return null
  // A demo and a real server may share a database; only a demo server honours a demo persona,
  // whoever made the session. Refused outright, even for public actions, so the client drops the
  // token and goes to sign-in instead of browsing anonymously with it.
  if (row.demoPersona && !services.config.demoMode) {
    throw new AppError('UNAUTHENTICATED', '体验身份只能在演示版里用，请用微信重新登录')
  }
  return { id: row.id, displayName: row.displayName, villageId: row.villageId }
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

export async function asVillager(services: Services, user: User): Promise<Villager | null> {
  if (!user.villageId) return null
  const [roles, { membership }] = await Promise.all([
    rolesOf(services.db, user),
    services.db
      .selectFrom('users')
      .select('membership')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow(),
  ])
  // Someone the village declined is in no village: they may only pick another one.
  if (membership === 'declined') return null
  return { ...user, villageId: user.villageId, roles, membership }
}

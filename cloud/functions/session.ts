import { personaKeys, type Me, type Persona } from '../../types/session'
import { roleLabels } from '../../types/roles'
import { villagerLabel } from '../../types/villager-label'
import { change } from '../core/change'
import {
  forPublic,
  forSignedIn,
  limited,
  type Identity,
  type Services,
  type User,
} from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { countAttempt, type RateRule } from '../domain/rate-limit'
import {
  createSession,
  endAllSessions,
  endSession,
  grantRole,
  loadIdentity,
  rolesOf,
  takeVillagerNo,
  userForOpenid,
} from '../core/identity'
import { membershipOnJoining } from '../domain/membership'
import { writeMessages } from '../domain/messages'
import { closeAccount, detachFromVillage, endMembership } from '../domain/account-closing'

/** Sign-ins from one network address in 10 minutes: a whole family's phones behind one router fit. */
const signInsPerAddress = 60
/** Sessions one WeChat user can start in 10 minutes. */
const signInsPerUser: RateRule = { bucket: 'session.wxSignIn:user', max: 10, windowSeconds: 600 }

/** The village with this id, or with this code (what its QR code carries). */
async function villageSummary(services: Services, key: string, by: 'id' | 'code' = 'id') {
  return services.db
    .selectFrom('villages')
    .innerJoin('towns', 'towns.id', 'villages.townId')
    .select(['villages.id', 'villages.name', 'villages.townId', 'towns.name as townName'])
    .where(by === 'code' ? 'villages.code' : 'villages.id', '=', key)
    .executeTakeFirst()
}

/** What the client is told of the caller, from their identity as one query found it. */
function meOf(services: Services, identity: Identity): Me {
  // A declined person is in no village (`village` null): the client offers the picker again.
  return {
    user: { id: identity.id, displayName: identity.displayName },
    village: identity.village,
    roles: identity.village ? identity.roles : [],
    membership: identity.villageId ? identity.membership : null,
    demo: services.config.demoMode,
  }
}

/** The caller as the store has them now (inside a change: as its transaction has them). */
export async function describeMe(services: Services, user: User): Promise<Me> {
  const identity = await loadIdentity(services.db, { by: 'userId', value: user.id })
  if (!identity) throw new Error(`user ${user.id} vanished`)
  return meOf(services, identity)
}

function requireDemo(services: Services) {
  if (!services.config.demoMode) {
    throw new AppError('FAILED_PRECONDITION', '体验身份只在演示模式下可用，请用微信登录')
  }
}

async function findPersonas(services: Services) {
  const rows = await services.db
    .selectFrom('users')
    .innerJoin('villages', 'villages.id', 'users.villageId')
    .select([
      'users.id',
      'users.displayName',
      'users.villageId',
      'users.demoPersona',
      'villages.name as villageName',
    ])
    .where('users.demoPersona', 'is not', null)
    .execute()
  return rows
}

export const sessionHandlers: FunctionHandlers<'session'> = {
  listPersonas: forPublic(async (ctx) => {
    requireDemo(ctx.services)
    const rows = await findPersonas(ctx.services)
    const personas: Persona[] = []
    // The contract's persona order is the order the picker shows them in.
    for (const key of personaKeys) {
      const row = rows.find((candidate) => candidate.demoPersona === key)
      if (!row) continue
      const user = { id: row.id, displayName: row.displayName, villageId: row.villageId }
      personas.push({
        key,
        displayName: row.displayName,
        roles: await rolesOf(ctx.services.db, user),
        villageName: row.villageName,
      })
    }
    return personas
  }),

  demoSignIn: forPublic(async (ctx, { persona }) => {
    requireDemo(ctx.services)
    const row = (await findPersonas(ctx.services)).find(
      (candidate) => candidate.demoPersona === persona,
    )
    if (!row) throw notFound('这个体验身份')
    const user = { id: row.id, displayName: row.displayName, villageId: row.villageId }
    return {
      token: await createSession(ctx.services, user.id),
      me: await describeMe(ctx.services, user),
    }
  }),

  wxSignIn: limited(
    [{ per: 'address', counts: 'attempts', max: signInsPerAddress, windowSeconds: 600 }],
    forPublic(async (ctx, { code }) => {
      if (ctx.via === 'cloud') {
        throw new AppError('FAILED_PRECONDITION', '云函数里由微信识别身份，不需要登录')
      }
      const session = await ctx.services.wechat.code2Session(code)
      // Each sign-in makes a session: one WeChat user can't pile them up without bound.
      await countAttempt(ctx.services.db, signInsPerUser, session.openid, ctx.services.now())
      const user = await userForOpenid(ctx.services, session.openid)
      const token = await createSession(ctx.services, user.id)
      return { token, me: await describeMe(ctx.services, user) }
    }),
  ),

  me: forSignedIn(async (ctx) => meOf(ctx.services, ctx.user)),

  listTowns: forPublic(async (ctx) => {
    const [towns, villages] = await Promise.all([
      ctx.services.db.selectFrom('towns').select(['id', 'name']).orderBy('name').execute(),
      ctx.services.db
        .selectFrom('villages')
        .select(['id', 'name', 'townId'])
        .orderBy('name')
        .execute(),
    ])
    return towns.map((town) => ({
      id: town.id,
      name: town.name,
      villages: villages
        .filter((village) => village.townId === town.id)
        .map(({ id, name }) => ({ id, name })),
    }))
  }),

  villageByCode: forPublic(async (ctx, { code }) => {
    const village = await villageSummary(ctx.services, code, 'code')
    if (!village) throw new AppError('NOT_FOUND', '没有找到二维码上的村，请自己选一下', 'code')
    return village
  }),

  // A declined applicant may try again, elsewhere or here; a few a day is plenty for a person and
  // keeps one caller from filling villages' 入村申请 lists.
  joinVillage: limited(
    [{ per: 'caller', counts: 'attempts', max: 5, windowSeconds: 86400 }],
    change('signedIn', 'session.joinVillage', async (ctx, trx, input) => {
      const { villageId, displayName } = input
      const village = await trx
        .selectFrom('villages')
        .select('joinPolicy')
        .where('id', '=', villageId)
        .executeTakeFirst()
      if (!village) throw notFound('这个村')
      const membership = membershipOnJoining(village.joinPolicy)
      // If the swap below finds a village already picked, the throw rolls this number back too.
      const villagerNo = await takeVillagerNo(trx, villageId)
      // Compare-and-swap: only a user without a village (or one a village declined) can pick one,
      // even if two taps race.
      const result = await trx
        .updateTable('users')
        .set({ villageId, displayName, villagerNo, membership })
        .where('id', '=', ctx.user.id)
        .where('closedAt', 'is', null)
        .where((eb) => eb.or([eb('villageId', 'is', null), eb('membership', '=', 'declined')]))
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) {
        throw new AppError('FAILED_PRECONDITION', '您已经加入了一个村；要换村请联系村里管理员')
      }
      return {
        result: await describeMe(ctx.services, { ...ctx.user, villageId, displayName }),
        // The caller had no village until now: the entry goes to the one they joined.
        audit: {
          villageId,
          target: villagerLabel(displayName, villagerNo),
          before: null,
          after: { displayName, villagerNo, membership },
        },
      }
    }),
  ),

  // Guessing codes: a caller gets 5 wrong tries in 10 minutes, a whole village 30, so a code
  // can't be found by brute force while honest mistyping still has room.
  redeemInvitation: limited(
    [
      { per: 'caller', counts: 'failures', max: 5, windowSeconds: 600 },
      { per: 'village', counts: 'failures', max: 30, windowSeconds: 600 },
    ],
    // Open to a pending member: redeeming a code from the village approves them in the same change.
    change('pendingOrMember', 'session.redeemInvitation', async (ctx, trx, input) => {
      const now = ctx.services.now().toISOString()
      const invitation = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('code', '=', input.code)
        .where('villageId', '=', ctx.user.villageId)
        .executeTakeFirst()
      if (!invitation) throw new AppError('NOT_FOUND', '邀请码不对，请核对后再输入', 'code')
      if (invitation.revokedAt)
        throw new AppError('FAILED_PRECONDITION', '这个邀请码已作废', 'code')
      if (invitation.redeemedAt) {
        throw new AppError('FAILED_PRECONDITION', '这个邀请码已经用过了', 'code')
      }
      if (invitation.expiresAt <= now) {
        throw new AppError('FAILED_PRECONDITION', '这个邀请码已过期', 'code')
      }
      // Compare-and-swap so one code grants one role once, however many people type it at once.
      const claimed = await trx
        .updateTable('invitations')
        .set({ redeemedBy: ctx.user.id, redeemedAt: now })
        .where('id', '=', invitation.id)
        .where('redeemedAt', 'is', null)
        .where('revokedAt', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) === 0) {
        throw new AppError('FAILED_PRECONDITION', '这个邀请码已经用过了', 'code')
      }
      const { role } = invitation
      if (ctx.user.roles.includes(role)) {
        // Thrown inside the transaction: the claim above is rolled back, the code stays usable.
        throw new AppError('CONFLICT', '您已经有这个身份了，邀请码没有用掉', 'code')
      }
      const grant = { villageId: ctx.user.villageId, userId: ctx.user.id, role }
      await grantRole(trx, { ...grant, grantedBy: invitation.createdBy }, now)
      const wasPending = ctx.user.membership === 'pending'
      if (wasPending) {
        await trx
          .updateTable('users')
          .set({ membership: 'approved' })
          .where('id', '=', ctx.user.id)
          .where('membership', '=', 'pending')
          .execute()
      }
      await writeMessages(trx, ctx.services.config, now, {
        villageId: ctx.user.villageId,
        to: { userIds: [ctx.user.id] },
        kind: 'roleChanged',
        title: `您获得了“${roleLabels[role]}”身份`,
        body: '邀请码已生效，可以在“我的”里看到新身份',
        link: '/pages/me/index',
      })
      return {
        result: await describeMe(ctx.services, ctx.user),
        audit: {
          target: ctx.user.displayName,
          before: { roles: ctx.user.roles, membership: ctx.user.membership },
          after: {
            roles: [...ctx.user.roles, role],
            invitationId: invitation.id,
            membership: 'approved',
          },
        },
      }
    }),
  ),

  leaveVillage: change('pendingOrMember', 'session.leaveVillage', async (ctx, trx) => {
    const { id, villageId } = ctx.user
    const { villagerNo } = await trx
      .selectFrom('users')
      .select('villagerNo')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const at = ctx.services.now().toISOString()
    const roles = await endMembership(trx, { villageId, userId: id, by: id }, at)
    await detachFromVillage(trx, id, villageId)
    return {
      result: await describeMe(ctx.services, { ...ctx.user, villageId: null }),
      audit: {
        target: villagerLabel(ctx.user.displayName, villagerNo),
        before: { roles: ['villager', ...roles] },
        after: { roles: [] },
      },
    }
  }),

  closeAccount: change('signedIn', 'session.closeAccount', async (ctx, trx) => {
    const at = ctx.services.now().toISOString()
    const { label, roles } = await closeAccount(trx, ctx.user, at)
    return {
      result: { closed: true as const },
      // Recorded in the village they were in; someone in no village has no log to keep it.
      audit: {
        ...(ctx.user.villageId ? {} : { villageId: null }),
        target: label,
        before: { roles: ctx.user.villageId ? ['villager', ...roles] : [] },
        after: { closed: true },
      },
    }
  }),

  signOut: forSignedIn(async (ctx) => {
    if (ctx.token) await endSession(ctx.services, ctx.token)
    return { signedOut: true as const }
  }),

  // Like signOut, a plain action and not a change (see types/session.ts): it deletes session rows
  // only, and a user without a village, who has no audit log to write to, may need it as much.
  signOutEverywhere: forSignedIn(async (ctx) => {
    const sessionsEnded = await endAllSessions(ctx.services, ctx.user.id)
    return { signedOut: true as const, sessionsEnded }
  }),
}

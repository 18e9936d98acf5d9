import type { Invitation, InvitationStatus, MovedMember, VillagerEntry } from '../../types/admin'
import type { OutboxEntry } from '../../types/messages'
import { anonymousFilerName, systemActorName } from '../../types/audit'
import { onCouncil } from '../../types/council-roles'
import { villagerLabel } from '../../types/villager-label'
import { roleLabels } from '../../types/roles'
import { change } from '../core/change'
import { forRoles } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { formatInvitationCode, newInvitationCode } from '../domain/invitation-code'
import { makeVillageQrCode } from '../domain/village-qr-code'
import { rolesOf, takeVillagerNo } from '../core/identity'
import { detachFromVillage, endMembership } from '../domain/account-closing'
import { anonymousFilerEntries } from '../domain/anonymous-filers'
import { writeMessages } from '../domain/messages'
import type { Db } from '../store/db'
import { newRowId } from '../store/row-id'

function invitationStatus(
  row: { revokedAt: string | null; redeemedAt: string | null; expiresAt: string },
  now: string,
): InvitationStatus {
  if (row.revokedAt) return 'revoked'
  if (row.redeemedAt) return 'redeemed'
  return row.expiresAt <= now ? 'expired' : 'active'
}

function invitationQuery(db: Db, villageId: string) {
  return db
    .selectFrom('invitations')
    .leftJoin('users as creator', 'creator.id', 'invitations.createdBy')
    .leftJoin('users as redeemer', 'redeemer.id', 'invitations.redeemedBy')
    .select([
      'invitations.id',
      'invitations.code',
      'invitations.role',
      'invitations.createdAt',
      'invitations.expiresAt',
      'invitations.redeemedAt',
      'invitations.revokedAt',
      'creator.displayName as createdByName',
      'redeemer.displayName as redeemedByName',
    ])
    .where('invitations.villageId', '=', villageId)
}

type InvitationRow = Awaited<
  ReturnType<ReturnType<typeof invitationQuery>['executeTakeFirstOrThrow']>
>

function toInvitation(row: InvitationRow, now: string): Invitation {
  return {
    id: row.id,
    code: formatInvitationCode(row.code),
    role: row.role,
    status: invitationStatus(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    createdByName: row.createdByName ?? '开通本村时',
    redeemedByName: row.redeemedByName ?? null,
    redeemedAt: row.redeemedAt,
  }
}

async function loadVillagerEntry(db: Db, villageId: string, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'displayName', 'villagerNo', 'createdAt'])
    .where('id', '=', userId)
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  if (!user) return null
  const entry: VillagerEntry = {
    userId: user.id,
    displayName: user.displayName,
    villagerNo: user.villagerNo,
    roles: await rolesOf(db, { id: user.id, villageId }),
    joinedAt: user.createdAt,
  }
  return entry
}

export const adminHandlers: Omit<FunctionHandlers<'admin'>, 'heldWords' | 'saveHeldWords'> = {
  createInvitation: change(['admin'], 'admin.createInvitation', async (ctx, trx, input) => {
    const { role, validDays } = input
    const now = ctx.services.now()
    const id = newRowId()
    await trx
      .insertInto('invitations')
      .values({
        id,
        villageId: ctx.user.villageId,
        code: newInvitationCode(),
        role,
        createdBy: ctx.user.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + validDays * 86400_000).toISOString(),
        redeemedBy: null,
        redeemedAt: null,
        revokedAt: null,
      })
      .execute()
    const invitation = toInvitation(
      await invitationQuery(trx, ctx.user.villageId)
        .where('invitations.id', '=', id)
        .executeTakeFirstOrThrow(),
      now.toISOString(),
    )
    return {
      result: invitation,
      audit: {
        target: `${roleLabels[role]}邀请码`,
        before: null,
        after: { role, expiresAt: invitation.expiresAt },
      },
    }
  }),

  listInvitations: forRoles(['admin'], async (ctx) => {
    const now = ctx.services.now().toISOString()
    const rows = await invitationQuery(ctx.services.db, ctx.user.villageId)
      .orderBy('invitations.createdAt', 'desc')
      .limit(200)
      .execute()
    return rows.map((row) => toInvitation(row, now))
  }),

  revokeInvitation: change(['admin'], 'admin.revokeInvitation', async (ctx, trx, input) => {
    const { invitationId } = input
    const now = ctx.services.now().toISOString()
    // Only an unused, unrevoked code can be revoked; a code redeemed a moment ago stays used.
    const result = await trx
      .updateTable('invitations')
      .set({ revokedAt: now })
      .where('id', '=', invitationId)
      .where('villageId', '=', ctx.user.villageId)
      .where('redeemedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
    const row = await invitationQuery(trx, ctx.user.villageId)
      .where('invitations.id', '=', invitationId)
      .executeTakeFirst()
    if (!row) throw notFound('这个邀请码')
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError('FAILED_PRECONDITION', '这个邀请码已经用过或已作废，不能再作废')
    }
    return {
      result: toInvitation(row, now),
      audit: {
        target: `${roleLabels[row.role]}邀请码`,
        before: { status: 'active' },
        after: { status: 'revoked' },
      },
    }
  }),

  // A page at a time by villager number (keyset, on users_villager_no): flat at any size. Every
  // member has a number (0005 numbered those before it, joining takes the next one).
  listVillagers: forRoles(['admin'], async (ctx, { limit, after }) => {
    const { db } = ctx.services
    const { villageId } = ctx.user
    const users = await db
      .selectFrom('users')
      .select(['id', 'displayName', 'villagerNo', 'createdAt'])
      .where('villageId', '=', villageId)
      .where('villagerNo', '>', after ?? 0)
      .orderBy('villagerNo')
      .limit(limit)
      .execute()
    const grants = users.length
      ? await db
          .selectFrom('roleGrants')
          .select(['userId', 'role'])
          .where('villageId', '=', villageId)
          .where(
            'userId',
            'in',
            users.map((user) => user.id),
          )
          .where('revokedAt', 'is', null)
          .execute()
      : []
    return users.map((user) => ({
      userId: user.id,
      displayName: user.displayName,
      villagerNo: user.villagerNo,
      roles: [
        'villager' as const,
        ...grants.filter((grant) => grant.userId === user.id).map((grant) => grant.role),
      ],
      joinedAt: user.createdAt,
    }))
  }),

  revokeRole: change(['admin'], 'admin.revokeRole', async (ctx, trx, input) => {
    const { userId, role } = input
    const { villageId } = ctx.user
    const now = ctx.services.now().toISOString()
    // Lock the village row first: two admins revoking each other at once are then taken one
    // after the other, so the "at least one admin" check below sees the other's revocation.
    // (SQLite runs one write transaction at a time anyway; the no-op update is harmless there.)
    await trx
      .updateTable('villages')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', villageId)
      .execute()
    const before = await loadVillagerEntry(trx, villageId, userId)
    if (!before) throw notFound('这个人')
    const result = await trx
      .updateTable('roleGrants')
      .set({ revokedAt: now, revokedBy: ctx.user.id })
      .where('villageId', '=', villageId)
      .where('userId', '=', userId)
      .where('role', '=', role)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `${before.displayName}没有“${roleLabels[role]}”这个身份`,
      )
    }
    if (role === 'admin') {
      const remaining = await trx
        .selectFrom('roleGrants')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('villageId', '=', villageId)
        .where('role', '=', 'admin')
        .where('revokedAt', 'is', null)
        .executeTakeFirstOrThrow()
      if (Number(remaining.count) === 0) {
        throw new AppError('FAILED_PRECONDITION', '村里至少要留一位管理员')
      }
      // A removed admin's unused codes go with them, or they could let themselves back in.
      await trx
        .updateTable('invitations')
        .set({ revokedAt: now })
        .where('villageId', '=', villageId)
        .where('createdBy', '=', userId)
        .where('redeemedAt', 'is', null)
        .where('revokedAt', 'is', null)
        .execute()
    }
    const after = await loadVillagerEntry(trx, villageId, userId)
    if (!after) throw notFound('这个人')
    await writeMessages(trx, ctx.services.config, now, {
      villageId,
      to: { userIds: [userId] },
      kind: 'roleChanged',
      title: `您的“${roleLabels[role]}”身份已撤销`,
      body: `由管理员${ctx.user.displayName}撤销，如有疑问请找村里管理员`,
      link: '/pages/me/index',
    })
    return {
      result: after,
      audit: {
        target: villagerLabel(before.displayName, before.villagerNo),
        before: { roles: before.roles },
        after: { roles: after.roles },
      },
    }
  }),

  // The entry goes to the source village only: its admin made the change, about one of its
  // members. The village they arrive in sees them in its member list, as anyone who joins.
  moveMember: change(['admin'], 'admin.moveMember', async (ctx, trx, input) => {
    const { userId, villageId: targetId } = input
    const sourceId = ctx.user.villageId
    if (userId === ctx.user.id) {
      throw new AppError('FAILED_PRECONDITION', '不能把自己移走；要换村请在“我的”里退出本村')
    }
    const before = await loadVillagerEntry(trx, sourceId, userId)
    if (!before) throw notFound('这个人')
    if (targetId === sourceId) {
      throw new AppError('INVALID_ARGUMENT', `${before.displayName}已经在本村了`, 'villageId')
    }
    const target = await trx
      .selectFrom('villages')
      .innerJoin('towns', 'towns.id', 'villages.townId')
      .select(['villages.name', 'towns.name as townName'])
      .where('villages.id', '=', targetId)
      .executeTakeFirst()
    if (!target) throw new AppError('NOT_FOUND', '没有找到要移去的村', 'villageId')
    const at = ctx.services.now().toISOString()
    await endMembership(trx, { villageId: sourceId, userId, by: ctx.user.id }, at)
    await detachFromVillage(trx, userId, sourceId)
    // They arrive as a new villager there, with that village's next number, let in by the admin
    // who moved them (no second approval there).
    const villagerNo = await takeVillagerNo(trx, targetId)
    await trx
      .updateTable('users')
      .set({ villageId: targetId, villagerNo, membership: 'approved' })
      .where('id', '=', userId)
      .execute()
    const villageName = `${target.townName}${target.name}`
    const source = await trx
      .selectFrom('villages')
      .select('name')
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow()
    await writeMessages(trx, ctx.services.config, at, {
      villageId: targetId,
      to: { userIds: [userId] },
      kind: 'roleChanged',
      title: `您已被移到${villageName}`,
      body: `${source.name}管理员${ctx.user.displayName}办理，您在${source.name}的身份已撤销；如有疑问请找村里管理员`,
      link: '/pages/me/index',
    })
    const result: MovedMember = { userId, villageName }
    return {
      result,
      audit: {
        target: villagerLabel(before.displayName, before.villagerNo),
        before: { villageId: sourceId, roles: before.roles },
        after: { villageId: targetId, villageName, villagerNo },
      },
    }
  }),

  auditLog: forRoles(['admin'], async (ctx, { limit, before }) => {
    let query = ctx.services.db
      .selectFrom('auditLog')
      // A left join: the system's entries have no user.
      .leftJoin('users', 'users.id', 'auditLog.actorId')
      .select([
        'auditLog.id',
        'auditLog.action',
        'auditLog.actorKind',
        'auditLog.actorId',
        'auditLog.target',
        'auditLog.beforeJson',
        'auditLog.afterJson',
        'auditLog.createdAt',
        'users.displayName as actorName',
        'auditLog.actorVillagerNo',
      ])
      .where('auditLog.villageId', '=', ctx.user.villageId)
    if (before) {
      // One row-value comparison, not an OR of two: both engines walk the index
      // (village_id, created_at, id) from the cursor, at any depth (issue 9).
      query = query.where((eb) =>
        eb(
          eb.refTuple('auditLog.createdAt', 'auditLog.id'),
          '<',
          eb.tuple(before.createdAt, before.id),
        ),
      )
    }
    const rows = await query
      .orderBy('auditLog.createdAt', 'desc')
      .orderBy('auditLog.id', 'desc')
      .limit(limit)
      .execute()
    // Who filed an anonymous suggestion is for council roles only, an admin's log included.
    const anonymous = onCouncil(ctx.user.roles)
      ? new Set<string>()
      : await anonymousFilerEntries(ctx.services.db, ctx.user.villageId, rows)
    return rows.map((row) => ({
      id: row.id,
      actorName: anonymous.has(row.id)
        ? anonymousFilerName
        : row.actorKind === 'system'
          ? systemActorName
          : (row.actorName ?? ''),
      actorVillagerNo: anonymous.has(row.id) ? null : row.actorVillagerNo,
      action: row.action,
      target: row.target,
      before: row.beforeJson === null ? null : JSON.parse(row.beforeJson),
      after: row.afterJson === null ? null : JSON.parse(row.afterJson),
      createdAt: row.createdAt,
    }))
  }),

  outbox: forRoles(['admin'], async (ctx, { status }) => {
    let query = ctx.services.db
      .selectFrom('outbox')
      .innerJoin('messages', 'messages.id', 'outbox.messageId')
      .innerJoin('users', 'users.id', 'messages.recipientId')
      .select([
        'outbox.id',
        'outbox.status',
        'outbox.attempts',
        'outbox.nextAttemptAt',
        'outbox.lastError',
        'outbox.sentAt',
        'outbox.createdAt',
        'messages.kind',
        'messages.title',
        'users.displayName as recipientName',
      ])
      .where('messages.villageId', '=', ctx.user.villageId)
    if (status) query = query.where('outbox.status', '=', status)
    const rows: OutboxEntry[] = await query
      .orderBy('outbox.createdAt', 'desc')
      .orderBy('outbox.id', 'desc')
      .limit(100)
      .execute()
    return rows
  }),

  villageQrCode: forRoles(['admin'], (ctx) =>
    makeVillageQrCode(ctx.services, ctx.via, ctx.user.villageId),
  ),
}

import type { GrantableRole } from '../../types/roles'
import { closedAccountName, villagerLabel } from '../../types/villager-label'
import { AppError } from '../core/errors'
import type { Db } from '../store/db'

/**
 * Leaving a village, closing an account (注销) and an admin moving someone to another village:
 * each ends a membership, and closing also erases what identifies the person. Every function
 * here runs inside the change's transaction (`change(...)`), so all of it commits or none.
 */

/**
 * Locks the village's row until the transaction ends (a no-op update), so two changes that
 * count the village's admins (two admins leaving at once) are taken one after the other.
 */
async function lockVillage(trx: Db, villageId: string): Promise<void> {
  await trx
    .updateTable('villages')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', villageId)
    .execute()
}

/**
 * Ends someone's roles in a village: every live grant revoked (the grant rows stay, as history),
 * and the unused invitation codes they made revoked too, or they could let themselves back in.
 * A village's last admin cannot go: the village would have no one to run it, as
 * `admin.revokeRole` refuses. Returns the roles that ended.
 */
export async function endMembership(
  trx: Db,
  membership: { villageId: string; userId: string; by: string },
  at: string,
): Promise<GrantableRole[]> {
  const { villageId, userId, by } = membership
  await lockVillage(trx, villageId)
  const live = await trx
    .selectFrom('roleGrants')
    .select(['userId', 'role'])
    .where('villageId', '=', villageId)
    .where('revokedAt', 'is', null)
    .execute()
  const roles = live.filter((grant) => grant.userId === userId).map((grant) => grant.role)
  const otherAdmins = live.filter((grant) => grant.role === 'admin' && grant.userId !== userId)
  if (roles.includes('admin') && otherAdmins.length === 0) {
    throw new AppError(
      'FAILED_PRECONDITION',
      '您是村里唯一的管理员，不能退出。请先用邀请码让另一位村民当管理员',
    )
  }
  await trx
    .updateTable('roleGrants')
    .set({ revokedAt: at, revokedBy: by })
    .where('villageId', '=', villageId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute()
  await trx
    .updateTable('invitations')
    .set({ revokedAt: at })
    .where('villageId', '=', villageId)
    .where('createdBy', '=', userId)
    .where('redeemedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .execute()
  return roles
}

/**
 * Takes someone out of their village (compare-and-swap on that village, so a double tap or a
 * move racing a leave leaves one outcome). They keep their account and may join another.
 */
export async function detachFromVillage(trx: Db, userId: string, villageId: string) {
  const result = await trx
    .updateTable('users')
    .set({ villageId: null, villagerNo: null })
    .where('id', '=', userId)
    .where('villageId', '=', villageId)
    .where('closedAt', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    throw new AppError('FAILED_PRECONDITION', '已经不在这个村了，请刷新看看')
  }
}

/** The audit actions in which the person is both actor and target, named by their name. */
const selfNamedActions = [
  'session.joinVillage',
  'session.redeemInvitation',
  'session.leaveVillage',
] as const

/**
 * Closes an account (注销). What identifies the person goes: name (→ 已注销村民), openid, demo
 * persona, village, sessions, messages to them and their queued WeChat sends (never sent now),
 * subscription grants, kept answers and rate counters keyed by them. What the village must keep
 * stays, named 已注销村民（n号）: the user row itself (so audit entries, role grants, published
 * rules versions and invitations keep an actor), the audit entries, with the person's name in
 * their targets rewritten. Compare-and-swap on `closedAt`: closing twice at once closes once.
 */
/** What a closed account's ceremony filings say instead of the place. */
export const closedFilingPlace = '（已注销，不再显示）'

export async function closeAccount(
  trx: Db,
  user: { id: string; villageId: string | null },
  at: string,
): Promise<{ label: string; roles: GrantableRole[] }> {
  const before = await trx
    .selectFrom('users')
    .select(['displayName', 'openid', 'villagerNo'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  const roles = user.villageId
    ? await endMembership(trx, { villageId: user.villageId, userId: user.id, by: user.id }, at)
    : []
  const closed = await trx
    .updateTable('users')
    .set({
      displayName: closedAccountName,
      openid: null,
      demoPersona: null,
      villageId: null,
      closedAt: at,
    })
    .where('id', '=', user.id)
    .where('closedAt', 'is', null)
    .where((eb) =>
      user.villageId ? eb('villageId', '=', user.villageId) : eb('villageId', 'is', null),
    )
    .executeTakeFirst()
  if (Number(closed.numUpdatedRows) === 0) {
    throw new AppError('FAILED_PRECONDITION', '账号的情况刚刚变了，请刷新后再试')
  }
  const messages = trx.selectFrom('messages').select('id').where('recipientId', '=', user.id)
  await trx.deleteFrom('outbox').where('messageId', 'in', messages).execute()
  await trx.deleteFrom('messages').where('recipientId', '=', user.id).execute()
  await trx.deleteFrom('subscriptionGrants').where('userId', '=', user.id).execute()
  await trx.deleteFrom('sessions').where('userId', '=', user.id).execute()
  await trx.deleteFrom('requestReplays').where('userId', '=', user.id).execute()
  const keys = before.openid ? [user.id, before.openid] : [user.id]
  await trx.deleteFrom('rateLimits').where('key', 'in', keys).execute()

  // A family's ceremony filings stay for the village's counts and the council's record, without
  // who held it, where, or what they wrote in their own words.
  await trx
    .updateTable('ceremonyFilings')
    .set({ hostName: closedAccountName, place: closedFilingPlace, explanation: '' })
    .where('filedBy', '=', user.id)
    .execute()

  const label = villagerLabel(closedAccountName, before.villagerNo)
  // Entries naming the person by name and number in their current village (a role revoked, a
  // move), and the entries they wrote about themselves (joining, an invitation, leaving).
  if (user.villageId) {
    await trx
      .updateTable('auditLog')
      .set({ target: label })
      .where('villageId', '=', user.villageId)
      .where('target', '=', villagerLabel(before.displayName, before.villagerNo))
      .execute()
  }
  await trx
    .updateTable('auditLog')
    .set({ target: label })
    .where('actorId', '=', user.id)
    .where('action', 'in', selfNamedActions)
    .execute()
  // Joining recorded the name given in its details; the name goes from there too.
  await trx
    .updateTable('auditLog')
    .set({ afterJson: JSON.stringify({ displayName: closedAccountName }) })
    .where('actorId', '=', user.id)
    .where('action', '=', 'session.joinVillage')
    .execute()
  return { label, roles }
}

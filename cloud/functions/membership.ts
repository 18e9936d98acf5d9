import type { PendingMember } from '../../types/membership'
import { villagerLabel } from '../../types/villager-label'
import { change } from '../core/change'
import { forRoles, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import type { Db } from '../store/db'
import { writeMessages } from '../domain/messages'

async function loadMember(db: Db, villageId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id as userId', 'displayName', 'villagerNo', 'membership'])
    .where('villageId', '=', villageId)
    .where('id', '=', userId)
    .executeTakeFirst()
}

/**
 * Decides about a pending member: a compare-and-swap from 'pending', so of two decisions taken at
 * once (one approving, one declining) exactly one lands and the other is told it came too late.
 * The person is told in a message; the change is audited from 'pending' to the outcome.
 */
async function decide(
  ctx: VillagerContext,
  trx: Db,
  userId: string,
  outcome: { membership: 'approved' | 'declined'; title: string; body: string },
) {
  const { villageId } = ctx.user
  const member = await loadMember(trx, villageId, userId)
  if (!member) throw notFound('这个人')
  const result = await trx
    .updateTable('users')
    .set({ membership: outcome.membership })
    .where('id', '=', userId)
    .where('villageId', '=', villageId)
    .where('membership', '=', 'pending')
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    throw new AppError('CONFLICT', `${member.displayName}已经有人处理过了，请刷新后再看`)
  }
  await writeMessages(trx, ctx.services.config, ctx.services.now().toISOString(), {
    villageId,
    to: { userIds: [userId] },
    kind: 'roleChanged',
    title: outcome.title,
    body: outcome.body,
    link: '/pages/me/index',
  })
  const decided: PendingMember = {
    userId: member.userId,
    displayName: member.displayName,
    villagerNo: member.villagerNo,
  }
  return {
    result: decided,
    audit: {
      target: villagerLabel(member.displayName, member.villagerNo),
      before: { membership: 'pending' },
      after: { membership: outcome.membership },
    },
  }
}

export const membershipHandlers: FunctionHandlers<'membership'> = {
  pending: forRoles(['staff', 'admin'], async (ctx) => {
    const { db } = ctx.services
    const [village, members] = await Promise.all([
      db
        .selectFrom('villages')
        .select('joinPolicy')
        .where('id', '=', ctx.user.villageId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('users')
        .select(['id as userId', 'displayName', 'villagerNo'])
        .where('villageId', '=', ctx.user.villageId)
        .where('membership', '=', 'pending')
        .orderBy('villagerNo')
        .execute(),
    ])
    return { joinPolicy: village.joinPolicy, members }
  }),

  approve: change(['staff', 'admin'], 'membership.approve', (ctx, trx, { userId }) =>
    decide(ctx, trx, userId, {
      membership: 'approved',
      title: '村里同意您加入了',
      body: `由${ctx.user.displayName}同意，现在可以看到红白理事会的电话了`,
    }),
  ),

  decline: change(['staff', 'admin'], 'membership.decline', (ctx, trx, { userId }) =>
    decide(ctx, trx, userId, {
      membership: 'declined',
      title: '村里没有同意您加入',
      body: '如果选错了村，可以在“我的”里重新选择；如有疑问请找村里工作人员',
    }),
  ),

  setJoinPolicy: change(['admin'], 'membership.setJoinPolicy', async (ctx, trx, { joinPolicy }) => {
    const before = await trx
      .selectFrom('villages')
      .select('joinPolicy')
      .where('id', '=', ctx.user.villageId)
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('villages')
      .set({ joinPolicy })
      .where('id', '=', ctx.user.villageId)
      .execute()
    return {
      result: { joinPolicy },
      audit: { target: '入村方式', before, after: { joinPolicy } },
    }
  }),
}

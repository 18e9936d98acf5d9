import { randomUUID } from 'node:crypto'
import { forVillager } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { createSession, userForOpenid } from '../../cloud/core/identity'
import { handlers } from '../../cloud/functions'
import type { AuditAction } from '../../types/audit'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('joining a village that approves its members on %s', (engine) => {
  let app: TestApp
  let admin: string
  let staff: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
    staff = await app.signIn('staff')
  })
  afterAll(() => app.close())

  /** A WeChat user who has just picked a village: their token and user id. */
  async function joiner(villageId = shilong, displayName = '新来的') {
    const user = await userForOpenid(app.services, `openid-${randomUUID()}`)
    const token = await createSession(app.services, user.id)
    const me = await app.call(token, 'session', 'joinVillage', { villageId, displayName })
    return { token, userId: user.id, me }
  }

  const auditOf = (action: AuditAction, villageId = shilong) =>
    app.services.db
      .selectFrom('auditLog')
      .selectAll()
      .where('villageId', '=', villageId)
      .where('action', '=', action)
      .orderBy('createdAt')
      .execute()

  test('a new member is pending: reads the limits and rules, but no phone numbers', async () => {
    const { token, me } = await joiner()
    expect(me.membership).toBe('pending')
    expect(me.village?.id).toBe(shilong)
    const limits = await app.call(token, 'ceremony', 'limits')
    expect(limits.giftLimits.length).toBeGreaterThan(0)
    expect(limits.council.length).toBe(6)
    expect(limits.council.every((member) => member.phone === null)).toBe(true)
    await app.call(token, 'rules', 'current')
    // An approved villager sees the numbers.
    const villager = await app.signIn('villager')
    const theirs = await app.call(villager, 'ceremony', 'limits')
    expect(theirs.council.some((member) => member.phone !== null)).toBe(true)
  })

  test('a pending member is refused what only members may do; staff actions too', async () => {
    const { token } = await joiner()
    // A villager-only action of a coming feature, declared the ordinary way.
    const withVillagerAction = {
      ...handlers,
      rules: { ...handlers.rules, current: forVillager(async () => null) },
    }
    const call = (t: string) =>
      dispatch(
        app.services,
        withVillagerAction,
        'rules',
        { action: 'current' },
        { kind: 'token', token: t },
        'http',
      )
    const refused = await call(token)
    expect(refused).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(await call(await app.signIn('villager'))).toEqual({ ok: true, data: null })
    expectError(await app.post('membership', { action: 'pending' }, token), 'PERMISSION_DENIED')
  })

  test('staff list pending members and approve one; the person is told, the log says who', async () => {
    const { token, userId } = await joiner(shilong, '待同意的人')
    const { members, joinPolicy } = await app.call(staff, 'membership', 'pending')
    expect(joinPolicy).toBe('approval')
    expect(members.map((member) => member.userId)).toContain(userId)
    const approved = await app.call(staff, 'membership', 'approve', { userId })
    expect(approved.displayName).toBe('待同意的人')
    expect((await app.call(token, 'session', 'me')).membership).toBe('approved')
    const limits = await app.call(token, 'ceremony', 'limits')
    expect(limits.council.some((member) => member.phone !== null)).toBe(true)
    const messages = await app.call(token, 'messages', 'list')
    expect(messages.map((message) => message.title)).toContain('村里同意您加入了')
    const entries = await auditOf('membership.approve')
    expect(entries.at(-1)).toMatchObject({
      actorKind: 'user',
      target: expect.stringContaining('待同意的人'),
    })
    // Approving twice: already decided.
    expectError(
      await app.post('membership', { action: 'approve', data: { userId } }, staff),
      'CONFLICT',
    )
  })

  test('an admin declines: the person is in no village and may pick another', async () => {
    const { token, userId } = await joiner(shilong, '走错村的人')
    await app.call(admin, 'membership', 'decline', { userId })
    const me = await app.call(token, 'session', 'me')
    expect(me).toMatchObject({ village: null, membership: 'declined', roles: [] })
    expectError(await app.post('ceremony', { action: 'limits' }, token), 'FAILED_PRECONDITION')
    const messages = await app.call(token, 'messages', 'list')
    expect(messages.map((message) => message.title)).toContain('村里没有同意您加入')
    expect(await auditOf('membership.decline')).toHaveLength(1)
    const again = await app.call(token, 'session', 'joinVillage', {
      villageId: bailu,
      displayName: '走错村的人',
    })
    expect(again).toMatchObject({ village: { id: bailu }, membership: 'pending' })
  })

  test('a pending member withdraws by leaving: gone from the list, free to pick another village', async () => {
    const { token, userId } = await joiner(shilong, '改主意的人')
    const me = await app.call(token, 'session', 'leaveVillage')
    expect(me.village).toBeNull()
    const { members } = await app.call(staff, 'membership', 'pending')
    expect(members.map((member) => member.userId)).not.toContain(userId)
    expectError(
      await app.post('membership', { action: 'approve', data: { userId } }, staff),
      'NOT_FOUND',
    )
  })

  test('approving and declining the same person at once: one outcome, the other CONFLICT', async () => {
    const { token, userId } = await joiner(shilong, '同时处理的人')
    const replies = await Promise.all([
      app.post('membership', { action: 'approve', data: { userId } }, staff),
      app.post('membership', { action: 'decline', data: { userId } }, admin),
    ])
    const won = replies.filter((reply) => reply.body.ok)
    expect(won).toHaveLength(1)
    const lost = replies.find((reply) => !reply.body.ok)
    if (!lost) throw new Error('one must lose')
    expectError(lost, 'CONFLICT')
    const me = await app.call(token, 'session', 'me')
    expect(me.membership).toBe(replies[0].body.ok ? 'approved' : 'declined')
  })

  test('redeeming an invitation code approves a pending member in the same change', async () => {
    const { token } = await joiner(shilong, '有邀请码的人')
    const invitation = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    const me = await app.call(token, 'session', 'redeemInvitation', { code: invitation.code })
    expect(me).toMatchObject({ membership: 'approved', roles: ['villager', 'staff'] })
    const entry = (await auditOf('session.redeemInvitation')).at(-1)
    expect(JSON.parse(entry?.afterJson ?? '{}')).toMatchObject({ membership: 'approved' })
  })

  test('an admin switches the policy (audited); staff may not; an open village lets people in', async () => {
    expectError(
      await app.post(
        'membership',
        { action: 'setJoinPolicy', data: { joinPolicy: 'open' } },
        staff,
      ),
      'PERMISSION_DENIED',
    )
    await app.call(admin, 'membership', 'setJoinPolicy', { joinPolicy: 'open' })
    expect((await joiner()).me.membership).toBe('approved')
    const entries = await auditOf('membership.setJoinPolicy')
    expect(JSON.parse(entries[0].beforeJson ?? '{}')).toEqual({ joinPolicy: 'approval' })
    expect(JSON.parse(entries[0].afterJson ?? '{}')).toEqual({ joinPolicy: 'open' })
    await app.call(admin, 'membership', 'setJoinPolicy', { joinPolicy: 'approval' })
    expect((await joiner()).me.membership).toBe('pending')
  })

  test('staff of another village can neither see nor decide about a pending member here', async () => {
    const { token, userId } = await joiner(shilong, '本村的人')
    const bailuStaff = await app.newMember(bailu, ['staff'])
    const { members } = await app.call(bailuStaff, 'membership', 'pending')
    expect(members.map((member) => member.userId)).not.toContain(userId)
    for (const action of ['approve', 'decline']) {
      expectError(
        await app.post('membership', { action, data: { userId } }, bailuStaff),
        'NOT_FOUND',
      )
    }
    expect((await app.call(token, 'session', 'me')).membership).toBe('pending')
  })
})

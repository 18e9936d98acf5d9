import { randomUUID } from 'node:crypto'
import { provisionVillage } from '../../cloud/domain/village-setup'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'
import { fakeAppId, fakeSecret, startFakeWeChat, type FakeWeChat } from './support/fake-wechat'

const roleTemplate = 'tmpl-role-changed'

describe.each(engines)('leaving a village, closing an account, moving a member on %s', (engine) => {
  let app: TestApp
  let wechat: FakeWeChat
  let admin: string
  beforeAll(async () => {
    wechat = await startFakeWeChat()
    app = await startTestApp(engine, {
      demoMode: false,
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
      wxTemplates: { rulesPublished: null, roleChanged: roleTemplate, appointment: null },
    })
    admin = await app.newMember(shilong, ['admin'], '村管理员')
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  const idOf = async (token: string) => (await app.call(token, 'session', 'me')).user.id
  const grantsOf = (userId: string) =>
    app.services.db
      .selectFrom('roleGrants')
      .select(['role', 'revokedAt', 'revokedBy', 'villageId'])
      .where('userId', '=', userId)
      .execute()
  const auditOf = (villageId: string, action: string) =>
    app.services.db
      .selectFrom('auditLog')
      .selectAll()
      .where('villageId', '=', villageId)
      .where('action', '=', action as never)
      .execute()

  test('leaving ends the roles there, is audited, and the picker comes back', async () => {
    const token = await app.newMember(shilong, ['staff'], '要走的人')
    const userId = await idOf(token)
    const me = await app.call(token, 'session', 'leaveVillage')
    expect(me.village).toBeNull()
    expect(me.roles).toEqual([])
    expect(await grantsOf(userId)).toEqual([
      expect.objectContaining({ role: 'staff', revokedBy: userId, revokedAt: expect.any(String) }),
    ])
    const [entry] = (await auditOf(shilong, 'session.leaveVillage')).filter(
      (row) => row.actorId === userId,
    )
    expect(entry.target).toMatch(/^要走的人（\d+号）$/)
    expect(JSON.parse(entry.beforeJson ?? '')).toEqual({ roles: ['villager', 'staff'] })
    // Out of the village: its members' actions are refused, and another village can be joined.
    expectError(
      await app.post('session', { action: 'leaveVillage' }, token),
      'FAILED_PRECONDITION',
      412,
    )
    const joined = await app.call(token, 'session', 'joinVillage', {
      villageId: bailu,
      displayName: '要走的人',
    })
    expect(joined.village?.id).toBe(bailu)
    expect(joined.roles).toEqual(['villager'])
  })

  test("a village's last admin cannot leave", async () => {
    const opened = await provisionVillage(
      app.services.db,
      { townName: '青山镇', villageName: `新开村${randomUUID().slice(0, 4)}` },
      new Date(),
    )
    const only = await app.newMember(opened.villageId, ['admin'], '唯一的管理员')
    const error = expectError(
      await app.post('session', { action: 'leaveVillage' }, only),
      'FAILED_PRECONDITION',
      412,
    )
    expect(error.message).toContain('唯一的管理员')
    const me = await app.call(only, 'session', 'me')
    expect(me.village?.id).toBe(opened.villageId)
    expect(me.roles).toEqual(['villager', 'admin'])
  })

  test('closing erases what identifies the person and keeps the village records', async () => {
    const signedIn = await app.call(null, 'session', 'wxSignIn', { code: 'good-41' })
    const token = signedIn.token
    const userId = signedIn.me.user.id
    await app.call(token, 'session', 'joinVillage', { villageId: shilong, displayName: '王小明' })
    await app.call(token, 'messages', 'recordSubscription', {
      results: [{ templateId: roleTemplate, accepted: true }],
    })
    const { code } = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    // With a request id, so a kept answer (request_replays) exists too.
    const redeemed = await app.post(
      'session',
      { action: 'redeemInvitation', data: { code }, requestId: randomUUID() },
      token,
    )
    expect(redeemed.body.ok).toBe(true)
    await app.call(token, 'messages', 'recordSubscription', {
      results: [{ templateId: roleTemplate, accepted: true }],
    })
    const { db } = app.services
    const messageIds = (
      await db.selectFrom('messages').select('id').where('recipientId', '=', userId).execute()
    ).map((row) => row.id)
    expect(messageIds.length).toBeGreaterThan(0)
    expect(
      await db.selectFrom('outbox').select('id').where('messageId', 'in', messageIds).execute(),
    ).toHaveLength(1)
    const { villagerNo } = await db
      .selectFrom('users')
      .select('villagerNo')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()

    expect(await app.call(token, 'session', 'closeAccount')).toEqual({ closed: true })

    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      displayName: '已注销村民',
      openid: null,
      demoPersona: null,
      villageId: null,
      villagerNo,
      closedAt: expect.any(String),
    })
    const count = async (table: 'sessions' | 'subscriptionGrants' | 'requestReplays') =>
      (await db.selectFrom(table).select('userId').where('userId', '=', userId).execute()).length
    expect(await count('sessions')).toBe(0)
    expect(await count('subscriptionGrants')).toBe(0)
    expect(await count('requestReplays')).toBe(0)
    expect(
      await db.selectFrom('messages').select('id').where('recipientId', '=', userId).execute(),
    ).toEqual([])
    expect(
      await db.selectFrom('outbox').select('id').where('messageId', 'in', messageIds).execute(),
    ).toEqual([])
    expect(
      await db
        .selectFrom('rateLimits')
        .select('key')
        .where('key', 'in', [userId, 'openid-41'])
        .execute(),
    ).toEqual([])
    // The old session is gone.
    expectError(await app.post('session', { action: 'me' }, token), 'UNAUTHENTICATED', 401)

    // Kept: the role-grant history and the audit entries, named 已注销村民（n号）, and the name
    // is nowhere in the village's log any more.
    expect(await grantsOf(userId)).toEqual([
      expect.objectContaining({ role: 'staff', villageId: shilong, revokedBy: userId }),
    ])
    const label = `已注销村民（${villagerNo}号）`
    const own = await db.selectFrom('auditLog').selectAll().where('actorId', '=', userId).execute()
    expect(own.map((entry) => [entry.action, entry.target]).sort()).toEqual(
      [
        ['session.closeAccount', label],
        ['session.joinVillage', label],
        ['session.redeemInvitation', label],
      ].sort(),
    )
    expect(JSON.stringify(own)).not.toContain('王小明')
    const log = await app.call(admin, 'admin', 'auditLog', { limit: 100 })
    expect(log.find((entry) => entry.action === 'session.closeAccount')).toMatchObject({
      actorName: '已注销村民',
      actorVillagerNo: villagerNo,
      target: label,
    })
    expect(JSON.stringify(log)).not.toContain('王小明')
    const members = await app.call(admin, 'admin', 'listVillagers')
    expect(members.map((member) => member.userId)).not.toContain(userId)

    // The same WeChat user signing in again is a new, first-time user.
    const again = await app.call(null, 'session', 'wxSignIn', { code: 'good-41' })
    expect(again.me.user.id).not.toBe(userId)
    expect(again.me.village).toBeNull()
  })

  test('someone in no village can close their account too', async () => {
    const { token, me } = await app.call(null, 'session', 'wxSignIn', { code: 'good-42' })
    expect(await app.call(token, 'session', 'closeAccount')).toEqual({ closed: true })
    const row = await app.services.db
      .selectFrom('users')
      .select(['displayName', 'openid', 'closedAt'])
      .where('id', '=', me.user.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ displayName: '已注销村民', openid: null, closedAt: expect.any(String) })
  })

  test('closing races: a double tap closes once; a close racing a leave leaves one outcome', async () => {
    const token = await app.newMember(shilong, [], '手快的人')
    const userId = await idOf(token)
    const taps = await Promise.all(
      [1, 2].map(() => app.post('session', { action: 'closeAccount' }, token)),
    )
    expect(taps.filter((reply) => reply.body.ok)).toHaveLength(1)
    const closes = (await auditOf(shilong, 'session.closeAccount')).filter(
      (row) => row.actorId === userId,
    )
    expect(closes).toHaveLength(1)

    const other = await app.newMember(shilong, ['staff'], '又走又注销')
    const otherId = await idOf(other)
    const [left, closed] = await Promise.all([
      app.post('session', { action: 'leaveVillage' }, other),
      app.post('session', { action: 'closeAccount' }, other),
    ])
    // Either order is fine (leave then close: both done); what never happens is half of each.
    expect(closed.body.ok || left.body.ok).toBe(true)
    const row = await app.services.db
      .selectFrom('users')
      .select(['villageId', 'closedAt', 'displayName'])
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow()
    expect(row.villageId).toBeNull()
    expect(row.closedAt !== null).toBe(closed.body.ok)
    expect(row.displayName).toBe(closed.body.ok ? '已注销村民' : '又走又注销')
    // A close is audited in the village only if it came first (a leave after it finds no one).
    const closeEntries = (await auditOf(shilong, 'session.closeAccount')).filter(
      (entry) => entry.actorId === otherId,
    )
    const leaveEntries = (await auditOf(shilong, 'session.leaveVillage')).filter(
      (entry) => entry.actorId === otherId,
    )
    expect(leaveEntries.length + closeEntries.length).toBe(1)
    const live = (await grantsOf(otherId)).filter((grant) => grant.revokedAt === null)
    expect(live).toEqual([])
  })

  test('an admin moves a member to another village: roles end, audited, a message', async () => {
    const token = await app.newMember(shilong, ['staff'], '走错村的人')
    const userId = await idOf(token)
    const adminId = await idOf(admin)
    const moved = await app.call(admin, 'admin', 'moveMember', { userId, villageId: bailu })
    expect(moved).toEqual({ userId, villageName: '仙鹤镇白鹭村' })
    const me = await app.call(token, 'session', 'me')
    expect(me.village?.id).toBe(bailu)
    expect(me.roles).toEqual(['villager'])
    expect(await grantsOf(userId)).toEqual([
      expect.objectContaining({ role: 'staff', villageId: shilong, revokedBy: adminId }),
    ])
    const [entry] = (await auditOf(shilong, 'admin.moveMember')).filter(
      (row) => row.actorId === adminId && row.target.startsWith('走错村的人'),
    )
    expect(JSON.parse(entry.afterJson ?? '')).toMatchObject({ villageId: bailu })
    expect(await auditOf(bailu, 'admin.moveMember')).toEqual([])
    const messages = await app.call(token, 'messages', 'list')
    expect(messages.map((message) => message.title)).toContain('您已被移到仙鹤镇白鹭村')
    // No longer a member here: a second move of the same person finds no one.
    expectError(
      await app.post('admin', { action: 'moveMember', data: { userId, villageId: bailu } }, admin),
      'NOT_FOUND',
    )
  })

  test('a move is refused across villages, to non-admins, of oneself, and to the same village', async () => {
    const elsewhere = await idOf(await app.newMember(bailu, [], '白鹭村民'))
    const move = (token: string, data: unknown) =>
      app.post('admin', { action: 'moveMember', data }, token)
    expectError(await move(admin, { userId: elsewhere, villageId: shilong }), 'NOT_FOUND', 404)
    const member = await idOf(await app.newMember(shilong))
    const staff = await app.newMember(shilong, ['staff'])
    expectError(await move(staff, { userId: member, villageId: bailu }), 'PERMISSION_DENIED', 403)
    expectError(
      await move(admin, { userId: await idOf(admin), villageId: bailu }),
      'FAILED_PRECONDITION',
    )
    expectError(await move(admin, { userId: member, villageId: shilong }), 'INVALID_ARGUMENT')
    expectError(await move(admin, { userId: member, villageId: 'no-such-village' }), 'NOT_FOUND')
    expect((await app.call(staff, 'session', 'me')).village?.id).toBe(shilong)
  })

  test('a move racing the member leaving: never half of each', async () => {
    const token = await app.newMember(shilong, [], '两边都在办')
    const userId = await idOf(token)
    const [moved, left] = await Promise.all([
      app.post('admin', { action: 'moveMember', data: { userId, villageId: bailu } }, admin),
      app.post('session', { action: 'leaveVillage' }, token),
    ])
    // Moved then left (the leave finds them in 白鹭村), or left then the move finds no one.
    expect(moved.body.ok || left.body.ok).toBe(true)
    const me = await app.call(token, 'session', 'me')
    expect(me.village?.id ?? null).toBe(left.body.ok ? null : bailu)
    const moves = (await auditOf(shilong, 'admin.moveMember')).filter((entry) =>
      entry.target.startsWith('两边都在办'),
    )
    expect(moves).toHaveLength(moved.body.ok ? 1 : 0)
    const live = (await grantsOf(userId)).filter((grant) => grant.revokedAt === null)
    expect(live).toEqual([])
  })
})

import { randomUUID } from 'node:crypto'
import { createSession, userForOpenid } from '../../cloud/core/identity'
import { provisionVillage } from '../../cloud/domain/village-setup'
import { bailu, engines, expectError, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('people and roles on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('every admin action is refused to a non-admin', async () => {
    const staff = await app.signIn('staff')
    const calls: [string, unknown][] = [
      ['createInvitation', { role: 'staff', validDays: 7 }],
      ['listInvitations', undefined],
      ['revokeInvitation', { invitationId: 'x' }],
      ['listVillagers', undefined],
      ['revokeRole', { userId: 'x', role: 'staff' }],
      ['auditLog', undefined],
    ]
    for (const [action, data] of calls) {
      expectError(await app.post('admin', { action, data }, staff), 'PERMISSION_DENIED', 403)
    }
  })

  test('an invitation code grants its role once; the grant is audited', async () => {
    const invitation = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    expect(invitation.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    expect(invitation.status).toBe('active')

    const first = await app.newMember('village-shilong', [], '新来的工作人员')
    // Typed by hand: lowercase, with spaces instead of the dash.
    const typed = invitation.code.toLowerCase().replace('-', ' ')
    const me = await app.call(first, 'session', 'redeemInvitation', { code: typed })
    expect(me.roles).toEqual(['villager', 'staff'])

    const second = await app.newMember('village-shilong')
    expectError(
      await app.post(
        'session',
        { action: 'redeemInvitation', data: { code: invitation.code } },
        second,
      ),
      'FAILED_PRECONDITION',
    )
    const listed = (await app.call(admin, 'admin', 'listInvitations')).find(
      (item) => item.id === invitation.id,
    )
    expect(listed).toMatchObject({ status: 'redeemed', redeemedByName: '新来的工作人员' })
    const log = await app.call(admin, 'admin', 'auditLog')
    expect(log.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['admin.createInvitation', 'session.redeemInvitation']),
    )
  })

  test('two people typing the same code at once: exactly one gets the role', async () => {
    const { code } = await app.call(admin, 'admin', 'createInvitation', {
      role: 'councilMember',
      validDays: 1,
    })
    const people = await Promise.all(
      [1, 2, 3].map((n) => app.newMember('village-shilong', [], `抢码人${n}`)),
    )
    const replies = await Promise.all(
      people.map((token) =>
        app.post('session', { action: 'redeemInvitation', data: { code } }, token),
      ),
    )
    expect(replies.filter((reply) => reply.body.ok)).toHaveLength(1)
    const grants = await app.services.db
      .selectFrom('roleGrants')
      .select('id')
      .where('role', '=', 'councilMember')
      .where('grantedBy', 'is not', null)
      .execute()
    expect(grants).toHaveLength(1)
  })

  test('expired, revoked, wrong and other villages’ codes grant nothing', async () => {
    const villager = await app.newMember('village-shilong')
    const expired = await app.call(admin, 'admin', 'createInvitation', {
      role: 'admin',
      validDays: 1,
    })
    await app.services.db
      .updateTable('invitations')
      .set({ expiresAt: '2020-01-01T00:00:00.000Z' })
      .where('id', '=', expired.id)
      .execute()
    expectError(
      await app.post(
        'session',
        { action: 'redeemInvitation', data: { code: expired.code } },
        villager,
      ),
      'FAILED_PRECONDITION',
    )

    const revoked = await app.call(admin, 'admin', 'createInvitation', {
      role: 'admin',
      validDays: 3,
    })
    expect(
      (await app.call(admin, 'admin', 'revokeInvitation', { invitationId: revoked.id })).status,
    ).toBe('revoked')
    expectError(
      await app.post(
        'session',
        { action: 'redeemInvitation', data: { code: revoked.code } },
        villager,
      ),
      'FAILED_PRECONDITION',
    )
    expectError(
      await app.post(
        'admin',
        { action: 'revokeInvitation', data: { invitationId: revoked.id } },
        admin,
      ),
      'FAILED_PRECONDITION',
    )

    const wrong = expectError(
      await app.post(
        'session',
        { action: 'redeemInvitation', data: { code: 'ZZZZ-ZZZZ' } },
        villager,
      ),
      'NOT_FOUND',
    )
    expect(wrong.field).toBe('code')
    expectError(
      await app.post('session', { action: 'redeemInvitation', data: { code: '12' } }, villager),
      'INVALID_ARGUMENT',
    )

    const bailuAdmin = await app.newMember(bailu, ['admin'])
    const foreign = await app.call(bailuAdmin, 'admin', 'createInvitation', {
      role: 'admin',
      validDays: 3,
    })
    expectError(
      await app.post(
        'session',
        { action: 'redeemInvitation', data: { code: foreign.code } },
        villager,
      ),
      'NOT_FOUND',
    )
    expect((await app.call(villager, 'session', 'me')).roles).toEqual(['villager'])
  })

  test('an admin revokes a role; the last admin cannot be removed', async () => {
    const members = await app.call(admin, 'admin', 'listVillagers')
    const staff = members.find((member) => member.displayName === '李明')!
    expect(staff.roles).toContain('staff')
    const after = await app.call(admin, 'admin', 'revokeRole', {
      userId: staff.userId,
      role: 'staff',
    })
    // 李明 is also on the 村两委 in the demo: only the revoked role goes.
    expect(after.roles).toEqual(['villager', 'villageCommittee'])
    const staffToken = await app.signIn('staff')
    expect((await app.call(staffToken, 'session', 'me')).roles).toEqual([
      'villager',
      'villageCommittee',
    ])
    expectError(
      await app.post(
        'admin',
        { action: 'revokeRole', data: { userId: staff.userId, role: 'staff' } },
        admin,
      ),
      'FAILED_PRECONDITION',
    )

    const self = members.find((member) => member.displayName === '刘志强')!
    expectError(
      await app.post(
        'admin',
        { action: 'revokeRole', data: { userId: self.userId, role: 'admin' } },
        admin,
      ),
      'FAILED_PRECONDITION',
    )
    expect((await app.call(admin, 'session', 'me')).roles).toContain('admin')

    const [entry] = await app.call(admin, 'admin', 'auditLog', { limit: 1 })
    expect(entry).toMatchObject({
      action: 'admin.revokeRole',
      // The persona seeded second: villager number 2.
      target: '李明（2号）',
      before: { roles: ['villager', 'staff', 'villageCommittee'] },
    })
  })

  test('a removed admin’s unused codes stop working', async () => {
    const second = await app.newMember('village-shilong', ['admin'], '副管理员')
    const code = (
      await app.call(second, 'admin', 'createInvitation', { role: 'admin', validDays: 30 })
    ).code
    const secondId = (await app.call(second, 'session', 'me')).user.id
    await app.call(admin, 'admin', 'revokeRole', { userId: secondId, role: 'admin' })
    const later = await app.newMember('village-shilong', [], '副管理员的另一个微信')
    expectError(
      await app.post('session', { action: 'redeemInvitation', data: { code } }, later),
      'FAILED_PRECONDITION',
    )
    expect((await app.call(later, 'session', 'me')).roles).toEqual(['villager'])
  })

  test('two admins removing each other at once still leave one admin', async () => {
    const village = 'village-taoyuan'
    const first = await app.newMember(village, ['admin'], '桃源管理员甲')
    const second = await app.newMember(village, ['admin'], '桃源管理员乙')
    const [firstId, secondId] = await Promise.all(
      [first, second].map(async (token) => (await app.call(token, 'session', 'me')).user.id),
    )
    const replies = await Promise.all([
      app.post('admin', { action: 'revokeRole', data: { userId: secondId, role: 'admin' } }, first),
      app.post('admin', { action: 'revokeRole', data: { userId: firstId, role: 'admin' } }, second),
    ])
    expect(replies.filter((reply) => reply.body.ok)).toHaveLength(1)
    const admins = await app.services.db
      .selectFrom('roleGrants')
      .select('userId')
      .where('villageId', '=', village)
      .where('role', '=', 'admin')
      .where('revokedAt', 'is', null)
      .execute()
    expect(admins).toHaveLength(1)
  })

  test('an admin sees only their own village’s people and log', async () => {
    const bailuAdmin = await app.newMember(bailu, ['admin'], '白鹭村管理员')
    const members = await app.call(bailuAdmin, 'admin', 'listVillagers')
    expect(members.map((member) => member.displayName)).toContain('白鹭村管理员')
    expect(members.map((member) => member.displayName)).not.toContain('张秀英')
    await app.call(bailuAdmin, 'admin', 'createInvitation', { role: 'staff', validDays: 2 })
    const log = await app.call(bailuAdmin, 'admin', 'auditLog')
    expect(log.length).toBeGreaterThan(0)
    expect(log.every((entry) => entry.actorName !== '刘志强')).toBe(true)
    const invitations = await app.call(bailuAdmin, 'admin', 'listInvitations')
    expect(invitations.length).toBeGreaterThan(0)
    const shilongCodes = new Set(
      (await app.call(admin, 'admin', 'listInvitations')).map((item) => item.id),
    )
    expect(invitations.some((item) => shilongCodes.has(item.id))).toBe(false)
    const shilongMember = (await app.call(admin, 'admin', 'listVillagers')).find(
      (member) => member.displayName === '张秀英',
    )!
    expectError(
      await app.post(
        'admin',
        { action: 'revokeRole', data: { userId: shilongMember.userId, role: 'staff' } },
        bailuAdmin,
      ),
      'NOT_FOUND',
    )
  })

  test('the audit log pages back with the before cursor, skipping nothing written in the same millisecond', async () => {
    // Three entries with one timestamp, as a busy admin (or a fast test) can produce.
    const actor = (await app.call(admin, 'session', 'me')).user.id
    await app.services.db
      .insertInto('auditLog')
      .values(
        ['a', 'b', 'c'].map((suffix) => ({
          id: `same-ms-${suffix}`,
          villageId: 'village-shilong',
          actorKind: 'user' as const,
          actorId: actor,
          action: 'ceremony.updateBanquetLimit' as const,
          target: suffix,
          beforeJson: null,
          afterJson: null,
          createdAt: '2099-01-01T00:00:00.000Z',
        })),
      )
      .execute()
    const all = await app.call(admin, 'admin', 'auditLog', { limit: 100 })
    const paged: string[] = []
    let page = await app.call(admin, 'admin', 'auditLog', { limit: 2 })
    while (page.length > 0) {
      paged.push(...page.map((entry) => entry.id))
      const last = page[page.length - 1]
      page = await app.call(admin, 'admin', 'auditLog', {
        limit: 2,
        before: { createdAt: last.createdAt, id: last.id },
      })
    }
    expect(paged).toEqual(all.map((entry) => entry.id))
    expect(paged.slice(0, 3)).toEqual(['same-ms-c', 'same-ms-b', 'same-ms-a'])
  })
})

describe.each(engines)('villager numbers on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  /** A first-time WeChat user, not yet in any village. */
  const newcomer = async () =>
    createSession(app.services, (await userForOpenid(app.services, `openid-${randomUUID()}`)).id)

  test('people joining at once get one number each, the next ones in the village', async () => {
    const before = await app.call(admin, 'admin', 'listVillagers')
    const highest = Math.max(...before.map((entry) => entry.villagerNo ?? 0))
    const tokens = await Promise.all([1, 2, 3, 4].map(() => newcomer()))
    await Promise.all(
      tokens.map((token, index) =>
        app.call(token, 'session', 'joinVillage', {
          villageId: 'village-shilong',
          displayName: `同时加入${index}`,
        }),
      ),
    )
    const after = await app.call(admin, 'admin', 'listVillagers')
    const numbers = after
      .filter((entry) => entry.displayName.startsWith('同时加入'))
      .map((entry) => Number(entry.villagerNo))
    expect(numbers.sort((a, b) => a - b)).toEqual([
      highest + 1,
      highest + 2,
      highest + 3,
      highest + 4,
    ])
    // Another village counts from 1.
    const bailuVillager = await newcomer()
    await app.call(bailuVillager, 'session', 'joinVillage', { villageId: bailu, displayName: '甲' })
    const bailuAdmin = await app.newMember(bailu, ['admin'])
    const bailuPeople = await app.call(bailuAdmin, 'admin', 'listVillagers')
    expect(bailuPeople.map((entry) => [entry.displayName, entry.villagerNo])).toEqual([
      ['甲', 1],
      ['测试村民', 2],
    ])
  })

  test('two villagers of the same name are told apart in the audit log and the people list', async () => {
    const first = await app.newMember('village-shilong', ['admin'], '张三')
    const second = await app.newMember('village-shilong', ['admin'], '张三')
    await app.call(first, 'admin', 'createInvitation', { role: 'staff', validDays: 1 })
    await app.call(second, 'admin', 'createInvitation', { role: 'staff', validDays: 1 })

    const people = await app.call(admin, 'admin', 'listVillagers')
    const zhangs = people.filter((entry) => entry.displayName === '张三')
    expect(zhangs).toHaveLength(2)
    const [firstNo, secondNo] = zhangs.map((entry) => entry.villagerNo)
    expect(firstNo).not.toBe(secondNo)

    const [latest, earlier] = await app.call(admin, 'admin', 'auditLog', { limit: 2 })
    expect([earlier.actorName, earlier.actorVillagerNo]).toEqual(['张三', firstNo])
    expect([latest.actorName, latest.actorVillagerNo]).toEqual(['张三', secondNo])
  })

  test('a change by the system has no number', async () => {
    const opened = await provisionVillage(
      app.services.db,
      { townName: '青山镇', villageName: '新开村' },
      new Date(),
    )
    const token = await newcomer()
    await app.call(token, 'session', 'joinVillage', {
      villageId: opened.villageId,
      displayName: '新开村村民',
    })
    await app.call(token, 'session', 'redeemInvitation', { code: opened.adminCode })
    const log = await app.call(token, 'admin', 'auditLog')
    expect(
      log.map((entry) => [entry.action, entry.actorName, entry.actorVillagerNo, entry.target]),
    ).toEqual([
      ['session.redeemInvitation', '新开村村民', 1, '新开村村民'],
      ['session.joinVillage', '新开村村民', 1, '新开村村民（1号）'],
      ['village.open', '系统', null, '青山镇新开村'],
    ])
  })
})

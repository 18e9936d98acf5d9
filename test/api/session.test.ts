import { sql } from 'kysely'
import { createSession } from '../../cloud/core/identity'
import { cleanUpSessions } from '../../cloud/domain/session-cleanup'
import { runJobs } from '../../cloud/jobs'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'
import { fakeAppId, fakeSecret, startFakeWeChat, type FakeWeChat } from './support/fake-wechat'

describe.each(engines)('session on %s', (engine) => {
  let app: TestApp
  let wechat: FakeWeChat

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    app = await startTestApp(engine, {
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
    })
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  test('demo mode lists the six personas of 石龙村, each with its roles', async () => {
    const personas = await app.call(null, 'session', 'listPersonas')
    expect(personas.map((persona) => persona.key)).toEqual([
      'villager',
      'staff',
      'councilMember',
      'councilChair',
      'partyReviewer',
      'admin',
    ])
    expect(personas.every((persona) => persona.villageName === '石龙村')).toBe(true)
    expect(personas.find((persona) => persona.key === 'admin')?.roles).toEqual([
      'villager',
      'admin',
    ])
  })

  test('a persona signs in and the token identifies them', async () => {
    const token = await app.signIn('councilChair')
    const me = await app.call(token, 'session', 'me')
    expect(me.user.displayName).toBe('赵德厚')
    expect(me.village).toEqual({
      id: shilong,
      name: '石龙村',
      townId: 'town-xianhe',
      townName: '仙鹤镇',
    })
    expect(me.roles).toEqual(expect.arrayContaining(['villager', 'councilChair', 'councilMember']))
    expect(me.demo).toBe(true)
  })

  test('a missing, forged or signed-out token is UNAUTHENTICATED', async () => {
    expectError(await app.post('session', { action: 'me' }), 'UNAUTHENTICATED', 401)
    expectError(
      await app.post('rules', { action: 'current' }, 'forged-token'),
      'UNAUTHENTICATED',
      401,
    )
    const token = await app.signIn('villager')
    await app.call(token, 'session', 'signOut')
    expectError(await app.post('session', { action: 'me' }, token), 'UNAUTHENTICATED', 401)
  })

  test('identity never comes from the payload', async () => {
    const token = await app.signIn('villager')
    const admin = await app.call(await app.signIn('admin'), 'session', 'me')
    const reply = await app.post(
      'session',
      { action: 'me', data: { userId: admin.user.id } },
      token,
    )
    expectError(reply, 'INVALID_ARGUMENT', 400)
    const me = await app.call(token, 'session', 'me')
    expect(me.user.displayName).toBe('张秀英')
  })

  test('WeChat sign-in: code → openid on the server; the session key never leaves it', async () => {
    const reply = await app.post('session', { action: 'wxSignIn', data: { code: 'good-1' } })
    expect(reply.body.ok).toBe(true)
    expect(JSON.stringify(reply.body)).not.toContain('SECRET-SESSION-KEY')
    expect(wechat.requests.at(-1)?.query.js_code).toBe('good-1')
    if (!reply.body.ok) return
    const { token, me } = reply.body.data as { token: string; me: { village: unknown } }
    expect(me.village).toBeNull()
    // The same WeChat user signing in again is the same user.
    const again = await app.call(null, 'session', 'wxSignIn', { code: 'good-1' })
    expect(again.me.user.id).toBe((await app.call(token, 'session', 'me')).user.id)

    const refused = expectError(
      await app.post('session', { action: 'wxSignIn', data: { code: 'bad' } }),
      'FAILED_PRECONDITION',
    )
    expect(refused.field).toBe('code')
  })

  test('a first-time user picks a town and village, then sees that village only', async () => {
    const { token } = await app.call(null, 'session', 'wxSignIn', { code: 'good-2' })
    // No village yet: village data is not theirs to see, and the answer says what is missing.
    const noVillage = expectError(
      await app.post('rules', { action: 'current' }, token),
      'FAILED_PRECONDITION',
    )
    expect(noVillage.field).toBe('villageId')

    const towns = await app.call(null, 'session', 'listTowns')
    const xianhe = towns.find((town) => town.name === '仙鹤镇')
    expect(xianhe?.villages.map((village) => village.name)).toEqual(
      expect.arrayContaining(['石龙村', '白鹭村']),
    )
    expectError(
      await app.post(
        'session',
        { action: 'joinVillage', data: { villageId: 'no-such', displayName: '新村民' } },
        token,
      ),
      'NOT_FOUND',
    )
    expectError(
      await app.post(
        'session',
        { action: 'joinVillage', data: { villageId: bailu, displayName: '  ' } },
        token,
      ),
      'INVALID_ARGUMENT',
    )
    const me = await app.call(token, 'session', 'joinVillage', {
      villageId: bailu,
      displayName: '白鹭新村民',
    })
    expect(me.village?.name).toBe('白鹭村')
    expect(me.user.displayName).toBe('白鹭新村民')
    expect(me.roles).toEqual(['villager'])
    const rules = await app.call(token, 'rules', 'current')
    expect(rules?.title).toBe('白鹭村村规民约')

    // A village, once joined, is not changed by the villager alone.
    expectError(
      await app.post(
        'session',
        { action: 'joinVillage', data: { villageId: shilong, displayName: '换村' } },
        token,
      ),
      'FAILED_PRECONDITION',
    )
  })
})

describe.each(engines)('demo mode off on %s', (engine) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(engine, { demoMode: false })
  })
  afterAll(() => app.close())

  test('persona sign-in is refused and personas are not listed', async () => {
    expectError(
      await app.post('session', { action: 'demoSignIn', data: { persona: 'admin' } }),
      'FAILED_PRECONDITION',
      412,
    )
    expectError(await app.post('session', { action: 'listPersonas' }), 'FAILED_PRECONDITION')
    const sessions = await app.services.db.selectFrom('sessions').select('tokenHash').execute()
    expect(sessions).toHaveLength(0)
  })

  test('WeChat sign-in without WX_APPID/WX_SECRET says so instead of failing obscurely', async () => {
    const error = expectError(
      await app.post('session', { action: 'wxSignIn', data: { code: 'good-1' } }),
      'FAILED_PRECONDITION',
    )
    expect(error.message).toContain('微信登录')
  })
})

describe.each(engines)('sessions on %s', (engine) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(engine)
  })
  afterAll(() => app.close())

  test('signing out everywhere ends every session of that user, and only theirs', async () => {
    const phone = await app.newMember(shilong, [], '两台手机的村民')
    const { user } = await app.call(phone, 'session', 'me')
    const tablet = await createSession(app.services, user.id)
    const someoneElse = await app.signIn('villager')

    const ended = await app.call(tablet, 'session', 'signOutEverywhere')
    expect(ended).toEqual({ signedOut: true, sessionsEnded: 2 })
    for (const token of [phone, tablet]) {
      expectError(await app.post('session', { action: 'me' }, token), 'UNAUTHENTICATED', 401)
    }
    expect((await app.call(someoneElse, 'session', 'me')).user.displayName).toBe('张秀英')
    expectError(await app.post('session', { action: 'signOutEverywhere' }), 'UNAUTHENTICATED', 401)
  })

  test('WeChat sign-in keeps no session key', async () => {
    const wechat = await startFakeWeChat()
    const wx = await startTestApp(engine, {
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
    })
    try {
      await wx.call(null, 'session', 'wxSignIn', { code: 'good-9' })
      const { rows } = await sql<Record<string, unknown>>`select * from sessions`.execute(
        wx.services.db,
      )
      expect(rows).toHaveLength(1)
      expect(JSON.stringify(rows)).not.toContain('SECRET-SESSION-KEY')
    } finally {
      await wx.close()
      await wechat.close()
    }
  })

  test('clean-up deletes expired sessions and kept answers older than a day, nothing else', async () => {
    const { db } = app.services
    await db.deleteFrom('requestReplays').execute()
    await db.deleteFrom('sessions').execute()
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    const now = new Date('2026-06-01T12:00:00.000Z')
    const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString()
    const hour = 3600_000
    await db
      .insertInto('sessions')
      .values([
        {
          tokenHash: 'expired',
          userId: user.id,
          createdAt: at(-31 * 24 * hour),
          expiresAt: at(-hour),
        },
        { tokenHash: 'just-expired', userId: user.id, createdAt: at(-hour), expiresAt: at(0) },
        { tokenHash: 'live', userId: user.id, createdAt: at(-hour), expiresAt: at(hour) },
      ])
      .execute()
    const replay = { userId: user.id, operation: 'admin.revokeRole', answerJson: '{}' }
    await db
      .insertInto('requestReplays')
      .values([
        { ...replay, requestId: 'old', createdAt: at(-25 * hour) },
        { ...replay, requestId: 'recent', createdAt: at(-23 * hour) },
      ])
      .execute()

    expect(await cleanUpSessions(db, now)).toEqual({ sessions: 2, requestReplays: 1 })
    const sessions = await db.selectFrom('sessions').select('tokenHash').execute()
    expect(sessions).toEqual([{ tokenHash: 'live' }])
    const replays = await db.selectFrom('requestReplays').select('requestId').execute()
    expect(replays).toEqual([{ requestId: 'recent' }])
    // Run again (or by a second server at once): nothing more to do.
    expect(await cleanUpSessions(db, now)).toEqual({ sessions: 0, requestReplays: 0 })
  })

  test('the scheduled jobs run the clean-up', async () => {
    const { db } = app.services
    const user = await db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    await db.deleteFrom('sessions').execute()
    const at = (offsetMs: number) => new Date(app.services.now().getTime() + offsetMs).toISOString()
    await db
      .insertInto('sessions')
      .values([
        { tokenHash: 'ran-out', userId: user.id, createdAt: at(-2000), expiresAt: at(-1000) },
        { tokenHash: 'in-use', userId: user.id, createdAt: at(-2000), expiresAt: at(3600_000) },
      ])
      .execute()
    const results = await runJobs(app.services)
    expect(results.sessions).toMatchObject({ sessions: 1 })
    const left = await db.selectFrom('sessions').select('tokenHash').execute()
    expect(left).toEqual([{ tokenHash: 'in-use' }])
  })
})

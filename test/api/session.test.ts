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

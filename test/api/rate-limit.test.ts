import { createSession, userForOpenid } from '../../cloud/core/identity'
import { runJobs } from '../../cloud/jobs'
import { fakeAppId, fakeSecret, startFakeWeChat, type FakeWeChat } from './support/fake-wechat'
import { engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

// A wrong code is a 4-character guess each; without a limit, 3,000 guesses took 2.2 s. The
// counters live in the database, so they hold across gateway processes and cloud instances.
const clock = '2026-11-28T08:11:00.000Z'
const wrongCode = (n: number) => `ZZZZ-${String(n).padStart(4, '2').replace(/[01]/g, '2')}`

describe.each(engines)('rate limits on %s', (engine) => {
  let app: TestApp
  let wechat: FakeWeChat
  let admin: string

  beforeAll(async () => {
    wechat = await startFakeWeChat()
    app = await startTestApp(engine, {
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
    })
    // A fixed clock a minute into a ten-minute window: no test here straddles a window's edge.
    app.services.now = () => new Date(clock)
    admin = await app.signIn('admin')
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  const redeem = (token: string, code: string) =>
    app.post('session', { action: 'redeemInvitation', data: { code } }, token)

  test('a caller gets five wrong invitation codes in ten minutes; a right one does not count', async () => {
    const guesser = await app.newMember(shilong, [], '猜码的人')
    for (let n = 0; n < 4; n += 1)
      expectError(await redeem(guesser, wrongCode(n)), 'NOT_FOUND', 404)
    const invitation = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    expect((await redeem(guesser, invitation.code)).body.ok).toBe(true)
    expectError(await redeem(guesser, wrongCode(4)), 'NOT_FOUND', 404)
    const refused = expectError(await redeem(guesser, wrongCode(5)), 'RESOURCE_EXHAUSTED', 429)
    expect(refused.message).toBe('尝试的次数太多了，请 9 分钟后再试')

    // Refused before the code is looked at: even a right code waits.
    const another = await app.call(admin, 'admin', 'createInvitation', {
      role: 'councilMember',
      validDays: 7,
    })
    expectError(await redeem(guesser, another.code), 'RESOURCE_EXHAUSTED', 429)
    // Another villager is not held back by this one.
    const neighbour = await app.newMember(shilong, [], '邻居')
    expect((await redeem(neighbour, another.code)).body.ok).toBe(true)
  })

  test('twenty guesses at once let exactly five through', async () => {
    const guesser = await app.newMember(shilong, [], '同时猜码的人')
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, n) => redeem(guesser, wrongCode(100 + n))),
    )
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code))
    expect(codes.filter((code) => code === 'NOT_FOUND')).toHaveLength(5)
    expect(codes.filter((code) => code === 'RESOURCE_EXHAUSTED')).toHaveLength(15)
  })

  test('a village takes at most thirty wrong codes in ten minutes, whoever types them', async () => {
    // A fresh village, so the guesses of the tests above don't count here.
    const villageId = 'village-bailu'
    const answers: string[] = []
    for (let person = 0; person < 7; person += 1) {
      const member = await app.newMember(villageId, [], `白鹭村民${person}`)
      for (let n = 0; n < 5; n += 1) {
        const reply = await redeem(member, wrongCode(200 + person * 5 + n))
        answers.push(reply.body.ok ? 'OK' : reply.body.error.code)
      }
    }
    expect(answers.slice(0, 30).every((code) => code === 'NOT_FOUND')).toBe(true)
    expect(answers.slice(30)).toEqual(Array(5).fill('RESOURCE_EXHAUSTED'))
  })

  test('one WeChat user starts at most ten sessions in ten minutes', async () => {
    const answers: string[] = []
    for (let n = 0; n < 11; n += 1) {
      const reply = await app.post('session', { action: 'wxSignIn', data: { code: 'good-busy' } })
      answers.push(reply.body.ok ? 'OK' : reply.body.error.code)
    }
    expect(answers).toEqual([...Array(10).fill('OK'), 'RESOURCE_EXHAUSTED'])
    const sessions = await app.services.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('users.openid', '=', 'openid-busy')
      .executeTakeFirstOrThrow()
    expect(Number(sessions.count)).toBe(10)
    // Someone else signing in from the same address is not held back by that.
    expect(
      (await app.post('session', { action: 'wxSignIn', data: { code: 'good-calm' } })).body.ok,
    ).toBe(true)
  })

  test('one person applies to join at most five times a day, however often they are declined', async () => {
    const user = await userForOpenid(app.services, 'openid-applies-everywhere')
    const applicant = await createSession(app.services, user.id)
    const answers: string[] = []
    for (let n = 0; n < 6; n += 1) {
      const reply = await app.post(
        'session',
        { action: 'joinVillage', data: { villageId: shilong, displayName: '到处申请的人' } },
        applicant,
      )
      answers.push(reply.body.ok ? 'OK' : reply.body.error.code)
      if (reply.body.ok) await app.call(admin, 'membership', 'decline', { userId: user.id })
    }
    expect(answers).toEqual([...Array(5).fill('OK'), 'RESOURCE_EXHAUSTED'])
    const pending = await app.call(admin, 'membership', 'pending')
    expect(pending.members.map((member) => member.userId)).not.toContain(user.id)
  })

  test('a villager makes at most twenty booking attempts a day; another still books', async () => {
    const book = (token: string) =>
      app.post(
        'serviceCenter',
        {
          action: 'book',
          data: {
            serviceId: `${shilong}-service-residence`,
            // Long past: refused by the handler, yet every attempt counts.
            slotStart: '2026-01-05T01:00:00.000Z',
            contactName: '张秀英',
            contactPhone: '13900000000',
          },
        },
        token,
      )
    const eager = await app.newMember(shilong, [], '抢号的人')
    for (let n = 0; n < 20; n += 1) expectError(await book(eager), 'FAILED_PRECONDITION', 412)
    const refused = expectError(await book(eager), 'RESOURCE_EXHAUSTED', 429)
    expect(refused.message).toMatch(/^尝试的次数太多了，请 \d+ 分钟后再试$/)
    const neighbour = await app.newMember(shilong, [], '邻居')
    expectError(await book(neighbour), 'FAILED_PRECONDITION', 412)
  })

  test('the scheduled clean-up removes counters of windows long past, and only those', async () => {
    const { db } = app.services
    await db
      .insertInto('rateLimits')
      .values([
        { bucket: 'test:old', key: 'k', windowStart: '2020-01-01T00:00:00.000Z', hits: 3 },
        { bucket: 'test:new', key: 'k', windowStart: clock, hits: 1 },
      ])
      .execute()
    // The scheduled jobs run it, on the gateway's interval or the cloud function's timer.
    const results = await runJobs(app.services)
    expect(results.rateCounters).toBeGreaterThanOrEqual(1)
    const left = await db.selectFrom('rateLimits').select('bucket').where('key', '=', 'k').execute()
    expect(left.map((row) => row.bucket)).toEqual(['test:new'])
  })
})

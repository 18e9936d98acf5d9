import { createSession } from '../../cloud/core/identity'
import { provisionVillage } from '../../cloud/domain/village-setup'
import { demoVillages } from '../../cloud/seed/demo-content'
import {
  engines,
  expectError,
  sameDatabaseAs,
  shilong,
  startTestApp,
  type TestApp,
} from './support/harness'

// A demo server and a production server (`npm start` and `npm run serve`) on one database.
describe.each(engines)('a demo and a real server sharing a database on %s', (engine) => {
  let demo: TestApp
  let real: TestApp
  beforeAll(async () => {
    demo = await startTestApp(engine)
    real = await startTestApp(engine, {
      ...sameDatabaseAs(demo),
      demoMode: false,
      seedDemo: false,
    })
  })
  afterAll(async () => {
    await real.close()
    await demo.close()
  })

  test('the real server refuses a demo session, admin actions included', async () => {
    const admin = await demo.signIn('admin')
    const calls: [string, { action: string; data?: unknown }][] = [
      ['session', { action: 'me' }],
      ['admin', { action: 'listVillagers' }],
      ['admin', { action: 'createInvitation', data: { role: 'admin', validDays: 30 } }],
      ['rules', { action: 'current' }],
      // Even a public action: the client must drop the token, not browse on with it.
      ['session', { action: 'listTowns' }],
    ]
    for (const [fn, body] of calls) {
      const error = expectError(await real.post(fn, body, admin), 'UNAUTHENTICATED', 401)
      expect(error.message).toBe('体验身份只能在演示版里用，请用微信重新登录')
    }
    const invitations = await real.services.db.selectFrom('invitations').select('id').execute()
    expect(invitations).toEqual([])
    // The demo server still honours it.
    expect((await demo.call(admin, 'session', 'me')).user.displayName).toBe('刘志强')
  })

  test('a demo persona is refused however its session was made', async () => {
    const persona = await real.services.db
      .selectFrom('users')
      .select('id')
      .where('demoPersona', '=', 'villager')
      .executeTakeFirstOrThrow()
    const token = await createSession(real.services, persona.id)
    expectError(await real.post('session', { action: 'me' }, token), 'UNAUTHENTICATED', 401)
  })

  test('a real villager’s session works on the real server', async () => {
    const token = await real.newMember(shilong, [], '真村民')
    expect((await real.call(token, 'session', 'me')).user.displayName).toBe('真村民')
  })
})

describe.each(engines)('the demo village and villages opened by hand on %s', (engine) => {
  let real: TestApp
  const started: TestApp[] = []
  const startDemo = async () => {
    const app = await startTestApp(engine, sameDatabaseAs(real))
    started.push(app)
    return app
  }
  beforeAll(async () => {
    // `npm run village:add` before the first `npm start`.
    real = await startTestApp(engine, { demoMode: false, seedDemo: false })
    await provisionVillage(
      real.services.db,
      { townName: '青山镇', villageName: '杏花村' },
      new Date(),
    )
  })
  afterAll(async () => {
    for (const app of started) await app.close()
    await real.close()
  })

  test('the first demo start still seeds the demo, beside the real village', async () => {
    const demo = await startDemo()
    expect(demo.services).toMatchObject({ seeded: true })
    const me = await demo.call(await demo.signIn('admin'), 'session', 'me')
    expect(me.village?.id).toBe(shilong)
    const towns = await demo.call(null, 'session', 'listTowns')
    const villages = towns.flatMap((town) => town.villages.map((village) => village.name))
    expect(villages.sort()).toEqual(
      ['杏花村', ...demoVillages.map((village) => village.name)].sort(),
    )
  })

  test('later starts seed nothing twice', async () => {
    const again = await startDemo()
    expect(again.services).toMatchObject({ seeded: false })
    const personas = await again.services.db
      .selectFrom('users')
      .select('id')
      .where('demoPersona', 'is not', null)
      .execute()
    expect(personas).toHaveLength(6)
    const villages = await again.services.db.selectFrom('villages').select('id').execute()
    expect(villages).toHaveLength(1 + demoVillages.length)
  })
})

// Two processes starting at the same moment: on PostgreSQL they really overlap in one process
// too (SQLite, one writer at a time, would make the second wait on the first's lock).
describe('two demo servers starting at once on a database with a real village', () => {
  test('one seeds, the other takes it as done', async () => {
    const real = await startTestApp('postgres', { demoMode: false, seedDemo: false })
    await provisionVillage(
      real.services.db,
      { townName: '青山镇', villageName: '杏花村' },
      new Date(),
    )
    const apps = await Promise.all([0, 1].map(() => startTestApp('postgres', sameDatabaseAs(real))))
    try {
      expect(apps.map((app) => (app.services as { seeded?: boolean }).seeded).sort()).toEqual([
        false,
        true,
      ])
      const villages = await real.services.db.selectFrom('villages').select('id').execute()
      expect(villages).toHaveLength(1 + demoVillages.length)
    } finally {
      for (const app of apps) await app.close()
      await real.close()
    }
  })
})

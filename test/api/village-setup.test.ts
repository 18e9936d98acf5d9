import { provisionVillage, VillageExistsError } from '../../cloud/domain/village-setup'
import { createSession, userForOpenid } from '../../cloud/core/identity'
import { engines, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('opening a real village on %s', (engine) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(engine, { demoMode: false, seedDemo: false })
  })
  afterAll(() => app.close())

  test('a new village gets starting limits and a first-admin code its admin can use', async () => {
    const opened = await provisionVillage(
      app.services.db,
      { townName: '青山镇', villageName: '杏花村' },
      new Date(),
    )
    expect(opened.adminCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)

    const towns = await app.call(null, 'session', 'listTowns')
    expect(towns).toEqual([
      {
        id: expect.any(String),
        name: '青山镇',
        villages: [{ id: opened.villageId, name: '杏花村' }],
      },
    ])

    // The future admin signs in with WeChat, joins the village, types the code.
    const user = await userForOpenid(app.services, 'openid-future-admin')
    const token = await createSession(app.services, user.id)
    await app.call(token, 'session', 'joinVillage', {
      villageId: opened.villageId,
      displayName: '杏花村管理员',
    })
    const me = await app.call(token, 'session', 'redeemInvitation', { code: opened.adminCode })
    expect(me.roles).toEqual(['villager', 'admin'])

    const limits = await app.call(token, 'ceremony', 'limits')
    expect(limits.giftLimits).toHaveLength(12)
    expect(limits.banquetLimit).toMatchObject({ maxTables: 20, maxCostPerTable: 350, note: '' })
    expect(await app.call(token, 'rules', 'current')).toBeNull()
    const [invitation] = await app.call(token, 'admin', 'listInvitations')
    expect(invitation).toMatchObject({ status: 'redeemed', createdByName: '开通本村时' })

    // The village's log opens with the operator's opening, made by 系统, not by any user.
    const log = await app.call(token, 'admin', 'auditLog')
    expect(log.map((entry) => `${entry.actorName} ${entry.action}`).sort()).toEqual([
      '杏花村管理员 session.joinVillage',
      '杏花村管理员 session.redeemInvitation',
      '系统 village.open',
    ])
    const opening = log.find((entry) => entry.action === 'village.open')
    expect(opening).toMatchObject({ target: '青山镇杏花村', after: { role: 'admin' } })
  })

  test('the same village cannot be opened twice; a second village joins the same town', async () => {
    await expect(
      provisionVillage(app.services.db, { townName: '青山镇', villageName: '杏花村' }, new Date()),
    ).rejects.toBeInstanceOf(VillageExistsError)
    await provisionVillage(
      app.services.db,
      { townName: '青山镇', villageName: '梨园村' },
      new Date(),
    )
    const towns = await app.call(null, 'session', 'listTowns')
    expect(towns).toHaveLength(1)
    expect(towns[0].villages.map((village) => village.name).sort()).toEqual(
      ['杏花村', '梨园村'].sort(),
    )
  })
})

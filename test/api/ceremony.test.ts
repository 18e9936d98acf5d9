import { bailu, engines, expectError, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('ceremony limits on %s', (engine) => {
  let app: TestApp
  let villager: string
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    villager = await app.signIn('villager')
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('gift limits cover every ceremony type and relationship, in order, with banquet limits and the council', async () => {
    const limits = await app.call(villager, 'ceremony', 'limits')
    expect(limits.giftLimits).toHaveLength(12)
    expect(limits.giftLimits.slice(0, 2)).toEqual([
      expect.objectContaining({
        ceremonyType: 'wedding',
        relationship: 'relative',
        maxAmount: 200,
      }),
      expect.objectContaining({
        ceremonyType: 'wedding',
        relationship: 'neighborFriend',
        maxAmount: 100,
      }),
    ])
    expect(limits.banquetLimit).toMatchObject({ maxTables: 20, maxCostPerTable: 350, maxCars: 6 })
    expect(limits.council.map((member) => member.post)).toEqual([
      'chair',
      'supervisor',
      'inspector',
      'coordinator',
      'organizer',
      'cashier',
    ])
  })

  test('随礼参考 gives the cap and the village rules that speak to that ceremony', async () => {
    const advice = await app.call(villager, 'ceremony', 'giftAdvice', {
      ceremonyType: 'funeral',
      relationship: 'neighborFriend',
    })
    expect(advice.giftLimit.maxAmount).toBe(100)
    const texts = advice.articles.map((article) => article.text)
    expect(texts.some((text) => text.includes('丧事简办'))).toBe(true)
    expect(texts.some((text) => text.includes('婚事新办'))).toBe(false)
    const current = await app.call(villager, 'rules', 'current')
    expect(advice.articles.every((article) => article.versionId === current?.id)).toBe(true)
  })

  test('an admin changes a gift limit; villagers see it; the change is audited with before and after', async () => {
    const change = {
      ceremonyType: 'wedding',
      relationship: 'relative',
      maxAmount: 160,
      note: '2026 年起',
    } as const
    expectError(
      await app.post('ceremony', { action: 'updateGiftLimit', data: change }, villager),
      'PERMISSION_DENIED',
    )
    const updated = await app.call(admin, 'ceremony', 'updateGiftLimit', change)
    expect(updated).toEqual(change)
    const limits = await app.call(villager, 'ceremony', 'limits')
    expect(limits.giftLimits[0]).toEqual(change)

    const [entry] = await app.call(admin, 'admin', 'auditLog', { limit: 1 })
    expect(entry).toMatchObject({
      action: 'ceremony.updateGiftLimit',
      actorName: '刘志强',
      target: '婚嫁礼金 · 亲属',
      before: { maxAmount: 200 },
      after: { maxAmount: 160, note: '2026 年起' },
    })
  })

  test('an admin changes the banquet limits of their own village only', async () => {
    const change = {
      maxTables: 15,
      maxCostPerTable: 300,
      maxCigarettePrice: 10,
      maxLiquorPrice: 40,
      maxCars: 4,
      maxBridePrice: 18000,
      note: '',
    }
    const staff = await app.signIn('staff')
    expectError(
      await app.post('ceremony', { action: 'updateBanquetLimit', data: change }, staff),
      'PERMISSION_DENIED',
    )
    await app.call(admin, 'ceremony', 'updateBanquetLimit', change)
    expect((await app.call(villager, 'ceremony', 'limits')).banquetLimit).toEqual(change)

    const neighbour = await app.newMember(bailu)
    expect((await app.call(neighbour, 'ceremony', 'limits')).banquetLimit.maxTables).toBe(20)
    // An admin of 白鹭村 cannot touch 石龙村: their change lands in their own village.
    const bailuAdmin = await app.newMember(bailu, ['admin'], '白鹭村管理员')
    await app.call(bailuAdmin, 'ceremony', 'updateBanquetLimit', { ...change, maxTables: 12 })
    expect((await app.call(villager, 'ceremony', 'limits')).banquetLimit.maxTables).toBe(15)
    expect((await app.call(neighbour, 'ceremony', 'limits')).banquetLimit.maxTables).toBe(12)
  })
})

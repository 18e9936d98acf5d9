import { engines, shilong, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('keyset paging of the admin lists on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('members page by villager number with no gap or repeat while people join', async () => {
    for (let n = 0; n < 7; n += 1) await app.newMember(shilong, [], `翻页村民${n}`)
    const everyone = await app.call(admin, 'admin', 'listVillagers', { limit: 100 })
    const seen: number[] = []
    let page = await app.call(admin, 'admin', 'listVillagers', { limit: 3 })
    let joined = 0
    while (page.length) {
      seen.push(...page.map((member) => member.villagerNo!))
      // Someone joins between two pages: they come last, on a later page.
      if (joined < 2) {
        await app.newMember(shilong, [], `翻页新人${joined}`)
        joined += 1
      }
      const after = page[page.length - 1].villagerNo!
      page = await app.call(admin, 'admin', 'listVillagers', { limit: 3, after })
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen.slice(0, everyone.length)).toEqual(everyone.map((member) => member.villagerNo))
    expect(seen).toHaveLength(everyone.length + joined)
  })

  test('the audit log pages newest first with no gap or repeat while entries are added', async () => {
    const invite = () =>
      app.call(admin, 'admin', 'createInvitation', { role: 'partyReviewer', validDays: 7 })
    for (let n = 0; n < 7; n += 1) await invite()
    const before = await app.call(admin, 'admin', 'auditLog', { limit: 100 })
    const seen: string[] = []
    let page = await app.call(admin, 'admin', 'auditLog', { limit: 3 })
    while (page.length) {
      seen.push(...page.map((entry) => entry.id))
      // A new entry is newer than every cursor: it belongs before the first page.
      await invite()
      const { createdAt, id } = page[page.length - 1]
      page = await app.call(admin, 'admin', 'auditLog', { limit: 3, before: { createdAt, id } })
    }
    expect(seen).toEqual(before.map((entry) => entry.id))
  })
})

import {
  bailu,
  engines,
  expectError,
  sameDatabaseAs,
  shilong,
  startTestApp,
  type TestApp,
} from './support/harness'

/** A raw call that keeps the HTTP status, headers and body text, with extra request headers. */
async function rawPost(
  app: TestApp,
  fn: string,
  body: unknown,
  token: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${app.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

const publishInput = (basedOnVersionNo: number, title: string) => ({
  basedOnVersionNo,
  title,
  adoptedOn: '2026-11-20',
  chapters: [{ title: '总则', articles: [{ text: `${title}：全体村民共同遵守。` }] }],
})

describe.each(engines)('the read path on %s', (engine) => {
  let app: TestApp
  let villager: string
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    villager = await app.signIn('villager')
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('the rules carry an ETag; asking with it again gets 304 and no body', async () => {
    const first = await rawPost(app, 'rules', { action: 'current' }, villager)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"rules-/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    const again = await rawPost(app, 'rules', { action: 'current' }, villager, {
      'if-none-match': etag!,
    })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    // Another tag, or none: the whole answer again.
    const stale = await rawPost(app, 'rules', { action: 'current' }, villager, {
      'if-none-match': '"rules-something-else"',
    })
    expect(stale.status).toBe(200)
    expect(stale.text).toBe(first.text)
  })

  test('the tag is checked after every access check: no token, no 304', async () => {
    const { headers } = await rawPost(app, 'rules', { action: 'current' }, villager)
    const etag = headers.get('etag')!
    const anonymous = await fetch(`${app.url}/api/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': etag },
      body: JSON.stringify({ action: 'current' }),
    })
    expect(anonymous.status).toBe(401)
  })

  test('another village never gets this village’s cached rules, even holding its tag', async () => {
    const ours = await rawPost(app, 'rules', { action: 'current' }, villager)
    const outsider = await app.newMember(bailu)
    const theirs = await rawPost(app, 'rules', { action: 'current' }, outsider, {
      'if-none-match': ours.headers.get('etag')!,
    })
    expect(theirs.status).toBe(200)
    expect(JSON.parse(theirs.text).data.title).toBe('白鹭村村规民约')
    expect(theirs.headers.get('etag')).not.toBe(ours.headers.get('etag'))
    // Nor a version of ours by its id, cached as it is.
    const versionId = JSON.parse(ours.text).data.id as string
    expectError(
      await app.post('rules', { action: 'version', data: { versionId } }, outsider),
      'NOT_FOUND',
    )
  })

  test('a newly published version is served at once, by this and by another server', async () => {
    const other = await startTestApp(engine, sameDatabaseAs(app))
    try {
      const before = await app.call(villager, 'rules', 'current')
      // Both servers have the old version cached.
      expect((await other.call(villager, 'rules', 'current'))?.id).toBe(before!.id)
      const held = (await rawPost(app, 'rules', { action: 'current' }, villager)).headers.get(
        'etag',
      )!
      const published = await app.call(
        admin,
        'rules',
        'publish',
        publishInput(before!.versionNo, '石龙村村规民约（缓存测试）'),
      )
      for (const server of [app, other]) {
        const reply = await rawPost(server, 'rules', { action: 'current' }, villager, {
          'if-none-match': held,
        })
        expect(reply.status).toBe(200)
        expect(JSON.parse(reply.text).data).toMatchObject({ id: published.id, current: true })
        // The old version, from the cache, is no longer current.
        const old = await server.call(villager, 'rules', 'version', { versionId: before!.id })
        expect(old.current).toBe(false)
        expect(old.chapters).toEqual(before!.chapters)
      }
    } finally {
      await other.close()
    }
  })

  test('the service configuration kept per server follows a change made on another at once', async () => {
    const residence = `${shilong}-service-residence`
    const staff = await app.signIn('staff')
    const other = await startTestApp(engine, sameDatabaseAs(app))
    try {
      const availability = (server: TestApp) =>
        server.call(villager, 'serviceCenter', 'availability', { serviceId: residence })
      // Both servers have just kept the configuration.
      const days = await availability(app)
      expect(await availability(other)).toEqual(days)
      const open = days.find((day) => day.slots.length > 0)
      if (!open) throw new Error('no open day in the window')
      const [slot] = open.slots
      await app.call(staff, 'serviceDesk', 'addClosedDate', { day: open.day, reason: '开会' })
      expect((await availability(other)).find((day) => day.day === open.day)).toEqual({
        day: open.day,
        closedReason: '开会',
        slots: [],
      })
      // Nor can a villager book it through the other server.
      expectError(
        await other.post(
          'serviceCenter',
          {
            action: 'book',
            data: {
              serviceId: residence,
              slotStart: slot.start,
              contactName: '张秀英',
              contactPhone: '13900000000',
            },
          },
          villager,
        ),
        'FAILED_PRECONDITION',
      )
      await other.call(staff, 'serviceDesk', 'removeClosedDate', { day: open.day })
      expect((await availability(app)).find((day) => day.day === open.day)).toEqual(open)
      // A change made in the database by hand (no server saw it) counts at once too.
      await other.services.db
        .updateTable('services')
        .set({ capacity: 9 })
        .where('id', '=', residence)
        .execute()
      for (const server of [app, other]) {
        const again = (await availability(server)).find((day) => day.day === open.day)
        expect(again?.slots[0]).toEqual({ ...slot, placesLeft: 9 })
      }
      await other.services.db
        .updateTable('services')
        .set({ capacity: slot.placesLeft })
        .where('id', '=', residence)
        .execute()
    } finally {
      await other.close()
    }
  })

  test('the ceremony limits kept per server follow a change made on another, or by hand, at once', async () => {
    const other = await startTestApp(engine, sameDatabaseAs(app))
    const banquet = () =>
      other.services.db.selectFrom('banquetLimits').where('villageId', '=', shilong)
    const { maxTables } = await banquet().select('maxTables').executeTakeFirstOrThrow()
    try {
      // Both servers have just kept the limits.
      const limits = await app.call(villager, 'ceremony', 'limits')
      expect(await other.call(villager, 'ceremony', 'limits')).toEqual(limits)
      const [first] = limits.giftLimits
      const changed = { ...first, maxAmount: first.maxAmount + 1, note: '缓存测试' }
      await app.call(admin, 'ceremony', 'updateGiftLimit', changed)
      for (const server of [app, other]) {
        expect((await server.call(villager, 'ceremony', 'limits')).giftLimits[0]).toEqual(changed)
      }
      // A change made in the database by hand (no server saw it) counts at once too.
      await other.services.db
        .updateTable('banquetLimits')
        .set({ maxTables: Number(maxTables) + 3 })
        .where('villageId', '=', shilong)
        .execute()
      for (const server of [app, other]) {
        const again = await server.call(villager, 'ceremony', 'limits')
        expect(again.banquetLimit.maxTables).toBe(Number(maxTables) + 3)
      }
      // Another village's member gets their own village's limits, not the kept ones.
      const outsider = await app.newMember(bailu)
      const theirs = await app.call(outsider, 'ceremony', 'limits')
      expect(theirs.banquetLimit.maxTables).not.toBe(Number(maxTables) + 3)
      expect(theirs.council).not.toEqual(limits.council)
      await other.call(admin, 'ceremony', 'updateGiftLimit', first)
    } finally {
      await other.services.db
        .updateTable('banquetLimits')
        .set({ maxTables })
        .where('villageId', '=', shilong)
        .execute()
      await other.close()
    }
  })

  test('a role revoked through one server stops working at once on another', async () => {
    const other = await startTestApp(engine, sameDatabaseAs(app))
    try {
      const deputy = await app.newMember(shilong, ['admin'], '副管理员')
      const { user } = await app.call(deputy, 'session', 'me')
      // Both servers have just let the deputy in as an admin.
      await app.call(deputy, 'admin', 'auditLog')
      await other.call(deputy, 'admin', 'auditLog')
      await app.call(admin, 'admin', 'revokeRole', { userId: user.id, role: 'admin' })
      expectError(
        await other.post('admin', { action: 'auditLog' }, deputy),
        'PERMISSION_DENIED',
        403,
      )
      expect((await other.call(deputy, 'session', 'me')).roles).toEqual(['villager'])
    } finally {
      await other.close()
    }
  })
})

import { engines, expectError, startTestApp, type TestApp } from './support/harness'

/** Snapshot of everything an admin action could change, to prove bad input changes nothing. */
async function snapshot(app: TestApp) {
  const { db } = app.services
  return {
    gifts: await db
      .selectFrom('giftLimits')
      .selectAll()
      .orderBy('villageId')
      .orderBy('ceremonyType')
      .orderBy('relationship')
      .execute(),
    banquets: await db.selectFrom('banquetLimits').selectAll().orderBy('villageId').execute(),
    versions: await db
      .selectFrom('rulesVersions')
      .select(['id', 'versionNo'])
      .orderBy('id')
      .execute(),
    invitations: await db.selectFrom('invitations').select('id').execute(),
    audit: await db.selectFrom('auditLog').select('id').execute(),
  }
}

describe.each(engines)('the API contract on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  const badRequests: [string, string, unknown, string][] = [
    ['a body that is not JSON', 'rules', '{"action": "current"', ''],
    ['no action', 'rules', { data: {} }, 'action'],
    ['an action that is not a string', 'rules', { action: 42 }, 'action'],
    ['an unknown action', 'rules', { action: 'dropEverything' }, 'action'],
    ['an unknown function', 'nothing-here', { action: 'current' }, 'function'],
    [
      'an over-long request id',
      'rules',
      { action: 'current', requestId: 'x'.repeat(65) },
      'requestId',
    ],
    [
      'a missing field',
      'ceremony',
      { action: 'updateGiftLimit', data: { ceremonyType: 'wedding', relationship: 'relative' } },
      'maxAmount',
    ],
    [
      'a wrong type',
      'ceremony',
      {
        action: 'updateGiftLimit',
        data: { ceremonyType: 'wedding', relationship: 'relative', maxAmount: '200' },
      },
      'maxAmount',
    ],
    [
      'a value outside the list',
      'ceremony',
      {
        action: 'updateGiftLimit',
        data: { ceremonyType: 'party', relationship: 'relative', maxAmount: 1 },
      },
      'ceremonyType',
    ],
    [
      'a negative amount',
      'ceremony',
      {
        action: 'updateGiftLimit',
        data: { ceremonyType: 'wedding', relationship: 'relative', maxAmount: -5 },
      },
      'maxAmount',
    ],
    [
      'an oversized string',
      'ceremony',
      {
        action: 'updateGiftLimit',
        data: {
          ceremonyType: 'wedding',
          relationship: 'relative',
          maxAmount: 1,
          note: '长'.repeat(201),
        },
      },
      'note',
    ],
    [
      'a nested field',
      'rules',
      {
        action: 'publish',
        data: {
          basedOnVersionNo: 2,
          title: '新村规',
          adoptedOn: '2025-01-01',
          chapters: [{ title: '总则', articles: [{ text: '  ' }] }],
        },
      },
      'chapters.0.articles.0.text',
    ],
    [
      'an impossible date',
      'rules',
      {
        action: 'publish',
        data: {
          basedOnVersionNo: 2,
          title: '新村规',
          adoptedOn: '2025-13-45',
          chapters: [{ title: '总则', articles: [{ text: '一' }] }],
        },
      },
      'adoptedOn',
    ],
    [
      'an unexpected field',
      'admin',
      { action: 'listVillagers', data: { villageId: 'village-bailu' } },
      '',
    ],
  ]

  test.each(badRequests)(
    '%s is INVALID_ARGUMENT naming the field, and changes nothing',
    async (_, fn, body, field) => {
      const before = await snapshot(app)
      const reply = await app.post(fn, body, admin)
      const error = expectError(reply, 'INVALID_ARGUMENT', 400)
      if (field) expect(error.field).toBe(field)
      expect(await snapshot(app)).toEqual(before)
    },
  )

  test.each([
    [
      'ceremony',
      { action: 'updateGiftLimit', data: { ceremonyType: 'wedding', relationship: 'relative' } },
      { field: 'maxAmount', message: '礼金上限没有填写' },
    ],
    [
      'ceremony',
      {
        action: 'updateGiftLimit',
        data: {
          ceremonyType: 'wedding',
          relationship: 'relative',
          maxAmount: 1,
          note: '长'.repeat(201),
        },
      },
      { field: 'note', message: '说明不能超过 200 个字' },
    ],
    [
      'admin',
      { action: 'listVillagers', data: { villageId: 'village-bailu' } },
      { field: '', message: '有多余的内容：villageId' },
    ],
  ])('%s %j is answered in plain Chinese naming the field', async (fn, body, expected) => {
    const reply = await app.post(fn, body, admin)
    expect(expectError(reply, 'INVALID_ARGUMENT', 400)).toMatchObject(expected)
  })

  test('a body over 1 MB is refused in words', async () => {
    const reply = await app.post(
      'rules',
      { action: 'current', data: { pad: 'x'.repeat(1_100_000) } },
      admin,
    )
    expectError(reply, 'INVALID_ARGUMENT', 400)
  })

  test('GET on the API is refused in words', async () => {
    const response = await fetch(`${app.url}/api/rules`)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { ok: boolean }
    expect(body.ok).toBe(false)
  })

  test('a request id is accepted and the answer is the plain envelope', async () => {
    const villager = await app.signIn('villager')
    const reply = await app.post('rules', { action: 'versions', requestId: 'req-1' }, villager)
    expect(reply.status).toBe(200)
    expect(reply.body.ok).toBe(true)
    expect(Object.keys(reply.body)).toEqual(['ok', 'data'])
  })
})

import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import { errorCodes } from '../../types/api'
import { contract } from '../../types/contract'
import { createSession } from '../../cloud/core/identity'
import { bailu, engines, shilong, startTestApp, type TestApp } from './support/harness'

/**
 * A seeded, bounded fuzz of every action the contract declares: malformed payloads, sent by
 * callers of several roles, must each be answered with an error envelope (never INTERNAL, never
 * a 500) and must change no row on either engine. The seed is fixed, so a failure reproduces.
 */
const seed = 20261128
/** Payloads per action: over 2,000 per engine (a test below checks). */
const perAction = 90
const minimumPayloads = 2000

type Spec = { input: z.ZodType }
const actions = Object.entries(contract).flatMap(([fn, specs]) =>
  Object.entries(specs as Record<string, Spec>).map(([name, spec]) => ({ fn, name, spec })),
)

/**
 * A well-formed payload for each action that takes data, which the fuzz then breaks one way at a
 * time; an action not listed here is sent none. A new action that takes data must be added (the
 * first test below says which).
 */
const wellFormed: Record<string, unknown> = {
  'session.demoSignIn': { persona: 'villager' },
  'session.wxSignIn': { code: 'good-1' },
  'session.joinVillage': { villageId: shilong, displayName: '张三' },
  'session.redeemInvitation': { code: 'ABCD-2345' },
  'session.villageByCode': { code: 'XH5T6K' },
  'rules.version': { versionId: 'some-version' },
  'rules.article': { articleId: 'some-article' },
  'rules.publish': {
    basedOnVersionNo: 1,
    title: '石龙村村规民约',
    adoptedOn: '2025-03-01',
    preamble: '为了…',
    chapters: [{ title: '总则', articles: [{ text: '第一条。\n第二款。' }] }],
  },
  'ceremony.giftAdvice': { ceremonyType: 'wedding', relationship: 'relative' },
  'ceremony.updateGiftLimit': {
    ceremonyType: 'wedding',
    relationship: 'relative',
    maxAmount: 200,
    note: '说明',
  },
  'ceremony.updateBanquetLimit': {
    maxTables: 10,
    maxCostPerTable: 600,
    maxCigarettePrice: 20,
    maxLiquorPrice: 50,
    maxCars: 3,
    maxBridePrice: 30000,
    note: '',
  },
  'admin.createInvitation': { role: 'staff', validDays: 7 },
  'admin.revokeInvitation': { invitationId: 'some-invitation' },
  'admin.revokeRole': { userId: 'some-user', role: 'staff' },
  'admin.moveMember': { userId: 'some-user', villageId: bailu },
  'admin.auditLog': { limit: 20, before: { createdAt: '2025-03-01T08:00:00.000Z', id: 'x' } },
  'admin.outbox': { status: 'failed' },
  'admin.saveHeldWords': { words: ['傻逼', '去死'] },
  'messages.list': { limit: 10, before: { createdAt: '2025-03-01T08:00:00.000Z', id: 'x' } },
  'messages.markRead': { messageId: 'some-message' },
  'messages.recordSubscription': { results: [{ templateId: 'template-1', accepted: true }] },
  'membership.approve': { userId: 'some-user' },
  'membership.decline': { userId: 'some-user' },
  'membership.setJoinPolicy': { joinPolicy: 'open' },
  'ceremonyFiling.file': {
    ceremonyType: 'wedding',
    ceremonyDate: '2026-12-20',
    place: '文化礼堂',
    hostName: '张三',
    tables: 25,
    costPerTable: 300,
    cigarettePrice: 10,
    liquorPrice: 30,
    cars: 2,
    bridePrice: 18000,
    explanation: '亲戚多',
  },
  'ceremonyFiling.get': { filingId: 'some-filing' },
  'ceremonyFiling.queue': { closed: true },
  'ceremonyFiling.acknowledge': { filingId: 'some-filing', remark: '知道了' },
  'ceremonyFiling.adviseChange': { filingId: 'some-filing', advice: '请减少桌数' },
  'ceremonyFiling.assignInspector': { filingId: 'some-filing', userId: 'some-user' },
  'ceremonyFiling.recordCheck': {
    filingId: 'some-filing',
    checkedOn: '2026-12-20',
    seen: '按标准办',
    limitsKept: true,
  },
  'ceremonyFiling.close': { filingId: 'some-filing', remark: '' },
  'ceremonyFiling.updateDeadline': { ceremonyType: 'wedding', noticeDays: 3, lateHours: 0 },
  'ceremonyFiling.monthlySummary': { month: '2026-12' },
  'ceremonyFiling.exportSummary': { month: '2026-12' },
  'council.fileSuggestion': {
    title: '修路',
    body: '村口的路坏了。',
    category: 'roadsAndTraffic',
    showName: false,
  },
  'council.release': { suggestionId: 'some-suggestion' },
  'council.answer': { suggestionId: 'some-suggestion', answer: '好的' },
  'council.decline': { suggestionId: 'some-suggestion', reason: '不归村里管' },
  'council.createTopic': {
    suggestionIds: ['some-suggestion'],
    title: '修路',
    background: '路坏了',
    options: '修',
    materials: [{ item: '现场照片', ready: true }],
  },
  'council.addToTopic': { topicId: 'some-topic', suggestionIds: ['some-suggestion'] },
  'council.editTopic': {
    topicId: 'some-topic',
    title: '修路',
    background: '路坏了',
    options: '修',
    materials: [{ item: '现场照片', ready: false }],
  },
  'council.submitTopic': { topicId: 'some-topic' },
  'council.preReview': { topicId: 'some-topic', outcome: 'coveredByLaw', law: '《公路法》' },
  'council.topics': { status: 'approved' },
  'council.topic': { topicId: 'some-topic' },
  'council.saveMeetingRules': {
    noticeDays: 2,
    quorum: { numerator: 2, denominator: 3 },
    passThreshold: { numerator: 1, denominator: 2 },
    points: { attending: 2, speaking: 1, topicPassed: 3 },
  },
  'council.scheduleMeeting': {
    topicIds: ['some-topic'],
    place: '村委会议室',
    startsAt: '2026-12-20T11:30:00.000Z',
    guests: [{ name: '王律师', note: '法律顾问' }],
  },
  'council.meetings': { status: 'open' },
  'council.meeting': { meetingId: 'some-meeting' },
  'council.checkIn': { meetingId: 'some-meeting', inviteeId: 'some-invitee' },
  'council.openMeeting': { meetingId: 'some-meeting' },
  'council.closeOut': {
    meetingId: 'some-meeting',
    resolutionId: 'some-resolution',
    note: '已验收',
  },
  'council.recordStatement': {
    meetingId: 'some-meeting',
    topicId: 'some-topic',
    inviteeId: 'some-invitee',
    text: '我同意',
  },
  'council.vote': { meetingId: 'some-meeting', topicId: 'some-topic', choice: 'for' },
  'council.decideTopic': {
    meetingId: 'some-meeting',
    topicId: 'some-topic',
    resolution: { decision: '修路', executor: '村两委', dueOn: '2026-12-31' },
  },
  'council.closeMeeting': { meetingId: 'some-meeting' },
  'council.exportMinutes': { meetingId: 'some-meeting' },
  'council.resolutions': { status: 'finished' },
  'council.reportProgress': {
    resolutionId: 'some-resolution',
    text: '已开工',
    finished: true,
    photoIds: ['some-photo'],
  },
  'council.rateSuggestion': { suggestionId: 'some-suggestion', rating: 'satisfied', comment: '好' },
  'council.board': { before: { createdAt: '2026-03-01T08:00:00.000Z', id: 'x' } },
  'council.figures': { year: 2026 },
  'council.points': { year: 2026 },
  'photos.release': { photoId: 'some-photo' },
  'photos.register': {
    fileId: 'cloud://env-1.bucket/photos/openid-1/a.jpg',
    size: 2048,
    mime: 'image/jpeg',
  },
  'serviceCenter.service': { serviceId: 'some-service' },
  'serviceCenter.availability': { serviceId: 'some-service' },
  'serviceCenter.book': {
    serviceId: 'some-service',
    slotStart: '2026-12-01T00:30:00.000Z',
    contactName: '张三',
    contactPhone: '13912345678',
    note: '带老人来',
    homeVisit: true,
    address: '三组 12 号',
    proxyFor: '张奶奶',
  },
  'serviceCenter.cancel': { appointmentId: 'some-appointment', reason: '有事' },
  'serviceCenter.rate': { appointmentId: 'some-appointment', score: 5, comment: '好' },
  'serviceDesk.day': { day: '2026-12-01' },
  'serviceDesk.slots': { serviceId: 'some-service' },
  'serviceDesk.confirm': { appointmentId: 'some-appointment' },
  'serviceDesk.reject': { appointmentId: 'some-appointment', reason: '材料不全' },
  'serviceDesk.move': {
    appointmentId: 'some-appointment',
    slotStart: '2026-12-01T00:30:00.000Z',
    reason: '人太多',
  },
  'serviceDesk.checkIn': { appointmentId: 'some-appointment' },
  'serviceDesk.finish': { appointmentId: 'some-appointment', result: '已办好' },
  'serviceDesk.markNoShow': { appointmentId: 'some-appointment' },
  'serviceDesk.registerWalkIn': {
    serviceId: 'some-service',
    slotStart: '2026-12-01T00:30:00.000Z',
    contactName: '李爷爷',
    channel: 'walkIn',
  },
  'serviceDesk.recordFollowUp': {
    appointmentId: 'some-appointment',
    method: 'phone',
    followedUpAt: '2026-12-02T02:00:00.000Z',
    satisfaction: 4,
    remarks: '满意',
  },
  'serviceDesk.liftBlock': { userId: 'some-user' },
  'serviceDesk.saveSettings': {
    address: '村委会一楼',
    openingHours: '周一至周五',
    bookingWindowDays: 14,
    minNoticeMinutes: 120,
    cancelCutoffMinutes: 60,
    noShowLimit: 2,
    noShowWindowDays: 30,
    noShowBlockDays: 30,
  },
  'serviceDesk.saveService': {
    id: 'some-service',
    name: '开具证明',
    category: 'certificate',
    description: '说明',
    requiredMaterials: ['身份证'],
    durationMinutes: 20,
    needsConfirmation: true,
    homeVisit: false,
    proxyService: false,
    slotMinutes: 30,
    capacity: 3,
    active: true,
  },
  'serviceDesk.savePlan': {
    days: [
      { weekday: 1, opens: '08:30', closes: '17:30', breaks: [{ start: '12:00', end: '14:00' }] },
    ],
  },
  'serviceDesk.addClosedDate': { day: '2026-12-01', reason: '调休' },
  'serviceDesk.removeClosedDate': { day: '2026-12-01' },
  'serviceDesk.roster': { weekStart: '2026-11-30' },
  'serviceDesk.saveRoster': {
    weekStart: '2026-11-30',
    entries: [{ day: '2026-12-01', name: '李书记', post: '书记', phone: '13800001001' }],
  },
  'serviceDesk.export': { month: '2026-12' },
  'serviceDesk.monthFigures': { month: '2026-12' },
}

type Path = (string | number)[]
interface Node {
  path: Path
  value: unknown
}

/** Every node of a JSON value, the root included. */
function nodesOf(value: unknown, path: Path = []): Node[] {
  const here = { path, value }
  if (Array.isArray(value))
    return [here, ...value.flatMap((item, i) => nodesOf(item, [...path, i]))]
  if (value && typeof value === 'object') {
    return [here, ...Object.entries(value).flatMap(([k, v]) => nodesOf(v, [...path, k]))]
  }
  return [here]
}

/** A copy of `root` with the node at `path` replaced (or removed, for `remove`). */
function withNode(root: unknown, path: Path, replace: (value: unknown) => unknown): unknown {
  if (!path.length) return replace(root)
  const copy = structuredClone(root) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as typeof parent
  const last = path[path.length - 1]
  const next = replace(parent[last])
  if (next === remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1)
    else delete parent[last]
  } else {
    parent[last] = next
  }
  return copy
}
const remove = Symbol('remove')

/** Sets an own, enumerable key, so that even `__proto__` is sent as a plain JSON key. */
function withKey(root: unknown, path: Path, key: string, value: unknown): unknown {
  return withNode(root, path, (target) => {
    const copy = Object.assign({}, target)
    Object.defineProperty(copy, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
    return copy
  })
}

/** Characters no text field may hold: NUL, lone surrogates, C0, DEL, C1, separators, bidi. */
const badCharacters = [
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u0001',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u202e',
  '\u2066',
  '\ufeff',
]
const deepArray = JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown
const deepObject = JSON.parse('{"a":'.repeat(1000) + '1' + '}'.repeat(1000)) as unknown
const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0.5,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    'NaN',
    'Infinity',
    '',
    'x'.repeat(100_000),
    '长'.repeat(20_000),
    deepArray,
    deepObject,
    [],
    {},
    [{}],
  ),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
)
/** Raw JSON text for a number: not JSON at all (NaN), or beyond double range (1e999 = ∞). */
const rawNumbers = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '01']
const badActionNames = fc.constantFrom<unknown>(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'current\u0000',
  'me\ud800',
  'x'.repeat(100),
  '',
  42,
  null,
  [],
  {},
)
const badRequestIds = fc.constantFrom<unknown>(
  'a\u0000b',
  'a\ud800',
  '\udc00',
  'a b',
  'a\u202eb',
  'x'.repeat(65),
  '',
  42,
  {},
  [],
)

type Caller = 'admin' | 'villager' | 'villageless' | 'anonymous'
const caller = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Caller>('admin') },
  { weight: 2, arbitrary: fc.constant<Caller>('villager') },
  { weight: 2, arbitrary: fc.constant<Caller>('villageless') },
  { weight: 1, arbitrary: fc.constant<Caller>('anonymous') },
)

interface Case {
  fn: string
  what: string
  caller: Caller
  /** Sent as JSON, or as is when a string (raw text no JSON.stringify would write). */
  body: unknown
}

const marker = '\u2603raw\u2603'

/** Malformed payloads for one action, each broken one way, deterministic for the seed. */
function casesFor(fn: string, name: string, spec: Spec, runs: number, offset: number): Case[] {
  const base = wellFormed[`${fn}.${name}`]
  const nodes = nodesOf(base)
  const strings = nodes.filter((node) => typeof node.value === 'string')
  const numbers = nodes.filter((node) => typeof node.value === 'number')
  const objects = nodes.filter(
    (node) => node.value && typeof node.value === 'object' && !Array.isArray(node.value),
  )
  const accepted = (data: unknown) =>
    spec.input.safeParse(data === undefined ? undefined : JSON.parse(JSON.stringify(data))).success
  const envelope = (data: unknown) => ({ action: name, data })
  const pick = <T>(list: T[], i: number) => list[i % list.length]

  /** Null when this kind of break doesn't apply to the action, or yields valid data. */
  type Mutation = () => { what: string; body: unknown } | null
  const mutations: fc.Arbitrary<Mutation>[] = [
    // A wrong value anywhere: the whole payload, a field, an item. Kept only if the contract
    // refuses it (a random string can be a fine name).
    fc.tuple(fc.nat(), wrongValue).map(([i, value]) => () => {
      const node = pick(nodes, i)
      const data = withNode(base, node.path, () => value)
      return accepted(data)
        ? null
        : { what: `wrong value at ${node.path.join('.')}`, body: envelope(data) }
    }),
    // A missing field (refused unless the field is optional).
    fc.nat().map((i) => () => {
      const fields = nodes.filter((node) => node.path.length > 0)
      if (!fields.length) return null
      const node = pick(fields, i)
      const data = withNode(base, node.path, () => remove)
      return accepted(data)
        ? null
        : { what: `missing ${node.path.join('.')}`, body: envelope(data) }
    }),
    // An extra field, including prototype-pollution keys, on any object (or on no data at all).
    fc
      .tuple(
        fc.nat(),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'villageId', 'extra'),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([i, key, value]) => () => {
        const node = objects.length ? pick(objects, i) : { path: [], value: {} }
        const data = withKey(base ?? {}, node.path, key, value)
        return { what: `extra ${key} at ${node.path.join('.')}`, body: envelope(data) }
      }),
    // A character no text may hold, inside an otherwise valid string.
    fc.tuple(fc.nat(), fc.constantFrom(...badCharacters), fc.nat()).map(([i, bad, at]) => () => {
      if (!strings.length) return null
      const node = pick(strings, i)
      const value = node.value as string
      const cut = at % (value.length + 1)
      const data = withNode(base, node.path, () => value.slice(0, cut) + bad + value.slice(cut))
      const code = bad.charCodeAt(0).toString(16)
      return { what: `U+${code} in ${node.path.join('.')}`, body: envelope(data) }
    }),
    // A number JSON.stringify would never write.
    fc.tuple(fc.nat(), fc.constantFrom(...rawNumbers)).map(([i, raw]) => () => {
      if (!numbers.length) return null
      const node = pick(numbers, i)
      const text = JSON.stringify(envelope(withNode(base, node.path, () => marker)))
      return { what: `${raw} at ${node.path.join('.')}`, body: text.replace(`"${marker}"`, raw) }
    }),
    // A broken envelope around well-formed data.
    fc
      .tuple(badActionNames, badRequestIds, fc.boolean())
      .map(([action, requestId, which]) => () => ({
        what: which ? `action ${JSON.stringify(action)}` : `requestId ${JSON.stringify(requestId)}`,
        body: which ? { action, data: base } : { action: name, data: base, requestId },
      })),
  ]
  const drawn = fc.sample(fc.tuple(fc.oneof(...mutations), caller), {
    seed: seed + offset,
    numRuns: runs * 3,
  })
  const cases: Case[] = []
  for (const [mutate, who] of drawn) {
    const made = mutate()
    if (made) cases.push({ fn, caller: who, what: `${fn}.${name}: ${made.what}`, body: made.body })
    if (cases.length === runs) break
  }
  return cases
}

const cases = actions.flatMap(({ fn, name, spec }, i) => casesFor(fn, name, spec, perAction, i))

/** Every row of every table, in an order that doesn't depend on the engine's whims. */
async function snapshot(app: TestApp): Promise<Record<string, string[]>> {
  const { db } = app.services
  const tables = await db.introspection.getTables()
  const rows: Record<string, string[]> = {}
  for (const table of tables) {
    const all = await db
      .selectFrom(table.name as never)
      .selectAll()
      .execute()
    rows[table.name] = all.map((row) => JSON.stringify(row)).sort()
  }
  return rows
}

test('each payload the fuzz breaks is well-formed to begin with', () => {
  for (const { fn, name, spec } of actions) {
    const key = `${fn}.${name}`
    const base = wellFormed[key]
    expect([key, spec.input.safeParse(base).success]).toEqual([key, true])
  }
})

test('the fuzz covers every action with enough payloads', () => {
  expect(cases.length).toBeGreaterThanOrEqual(minimumPayloads)
  const covered = new Set(cases.map((c) => c.what.split(':')[0]))
  expect([...covered].sort()).toEqual(actions.map(({ fn, name }) => `${fn}.${name}`).sort())
})

describe.each(engines)('malformed payloads on %s', (engine) => {
  let app: TestApp
  const tokens: Record<Caller, string | null> = {
    admin: null,
    villager: null,
    villageless: null,
    anonymous: null,
  }
  beforeAll(async () => {
    app = await startTestApp(engine)
    tokens.admin = await app.signIn('admin')
    tokens.villager = await app.signIn('villager')
    // Signed in by WeChat but in no village yet: the one caller who may join a village.
    const userId = randomUUID()
    await app.services.db
      .insertInto('users')
      .values({
        id: userId,
        openid: `fuzz-${userId}`,
        demoPersona: null,
        displayName: '新用户',
        villageId: null,
        createdAt: new Date().toISOString(),
      })
      .execute()
    tokens.villageless = await createSession(app.services, userId)
  })
  afterAll(() => app.close())

  test('are each refused in an envelope, and change no row', async () => {
    const before = await snapshot(app)
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()
    const problems: string[] = []
    let next = 0
    // A few requests in flight at once, as several phones would send them.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < cases.length) {
          const c = cases[next++]
          const reply = await app.post(c.fn, c.body, tokens[c.caller])
          const body = reply.body as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
          const inEnvelope =
            body.ok === false &&
            errorCodes.includes(body.error?.code as never) &&
            typeof body.error?.message === 'string'
          if (!inEnvelope || body.error?.code === 'INTERNAL' || reply.status >= 500) {
            problems.push(`${c.what} as ${c.caller}: ${reply.status} ${JSON.stringify(body)}`)
          }
        }
      }),
    )
    expect(problems.slice(0, 10)).toEqual([])
    expect(await snapshot(app)).toEqual(before)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
    // The payloads grow with every action: near two minutes on 2 busy shared cores.
  }, 300_000)
})

import { addVillageDays, villageDayOf } from '../../types/village-time'
import type { ActionInput } from '../../types/contract'
import {
  bailu,
  engines,
  expectError,
  sameDatabaseAs,
  shilong,
  startTestApp,
  type TestApp,
} from './support/harness'

type Filing = ActionInput<'ceremonyFiling', 'file'>

/** A village day `days` from today, so the filing deadlines hold whenever the suite runs. */
const inDays = (days: number) => addVillageDays(villageDayOf(new Date()), days)

/** A wedding 10 days ahead, every figure within the demo village's limits. */
const wedding = (changes: Partial<Filing> = {}): Filing => ({
  ceremonyType: 'wedding',
  ceremonyDate: inDays(10),
  place: '石龙村文化礼堂',
  hostName: '张秀英',
  tables: 18,
  costPerTable: 300,
  cigarettePrice: 15,
  liquorPrice: 40,
  cars: 4,
  bridePrice: 18000,
  ...changes,
})

describe.each(engines)('ceremony filings on %s', (engine) => {
  let app: TestApp
  let family: string
  let neighbour: string
  let council: string
  let councilTwo: string
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    family = await app.newMember(shilong, [], '王小红')
    neighbour = await app.signIn('villager')
    council = await app.newMember(shilong, ['ceremonyCouncilMember'], '周理事')
    councilTwo = await app.newMember(shilong, ['ceremonyCouncilMember'], '吴理事')
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('the form has the limits, the rules article behind each, and the deadlines', async () => {
    const form = await app.call(family, 'ceremonyFiling', 'form')
    expect(form.banquetLimit).toMatchObject({ maxTables: 20, maxCostPerTable: 350, maxCars: 6 })
    expect(form.articles.tables?.text).toContain('20 桌')
    expect(form.articles.bridePrice?.text).toContain('彩礼')
    expect(form.deadlines).toContainEqual({ ceremonyType: 'wedding', noticeDays: 3, lateHours: 0 })
    expect(form.deadlines).toContainEqual({ ceremonyType: 'funeral', noticeDays: 0, lateHours: 24 })
  })

  test("closing the family's account keeps the filing for the counts, without name, place or words", async () => {
    const leaving = await app.newMember(shilong, [], '要注销的人')
    const filing = await app.call(leaving, 'ceremonyFiling', 'file', {
      ...wedding({ hostName: '要注销的人', place: '村东头老宅', tables: 25 }),
      explanation: '我家亲戚特别多',
    })
    await app.call(leaving, 'session', 'closeAccount')
    const kept = await app.call(admin, 'ceremonyFiling', 'get', { filingId: filing.id })
    expect(kept).toMatchObject({ filingNumber: filing.filingNumber, tables: 25, explanation: '' })
    expect(JSON.stringify(kept)).not.toMatch(/要注销的人|村东头老宅|亲戚特别多/)
  })

  test('a figure over a limit needs an explanation; the filing keeps the marks with the article', async () => {
    const over = wedding({ tables: 25 })
    const refused = expectError(
      await app.post('ceremonyFiling', { action: 'file', data: over }, family),
      'INVALID_ARGUMENT',
    )
    expect(refused.field).toBe('explanation')
    const form = await app.call(family, 'ceremonyFiling', 'form')
    const filing = await app.call(family, 'ceremonyFiling', 'file', {
      ...over,
      explanation: '亲戚多，分两天办',
    })
    expect(filing.filingNumber).toMatch(/^\d{4}-\d{4}$/)
    expect(filing.status).toBe('submitted')
    expect(filing.marks).toEqual([
      {
        kind: 'tables',
        figure: 25,
        limit: 20,
        article: form.articles.tables,
        message: `酒席桌数 25 桌，超过本村上限 20 桌（村规民约第 ${form.articles.tables?.number} 条）`,
      },
    ])
    expect(filing.filedByName).toMatch(/^王小红（\d+号）$/)
    const mine = await app.call(family, 'ceremonyFiling', 'mine')
    expect(mine[0]).toEqual(filing)
  })

  test('happy events are filed ahead, a funeral within its window after the fact', async () => {
    const late = expectError(
      await app.post(
        'ceremonyFiling',
        { action: 'file', data: wedding({ ceremonyDate: inDays(2) }) },
        family,
      ),
      'INVALID_ARGUMENT',
    )
    expect(late).toMatchObject({ field: 'ceremonyDate' })
    expect(late.message).toContain('婚嫁要提前 3 天报备')
    const funeral = {
      ...wedding({ ceremonyType: 'funeral', ceremonyDate: inDays(0) }),
      bridePrice: null,
    }
    expect((await app.call(family, 'ceremonyFiling', 'file', funeral)).status).toBe('submitted')
    expectError(
      await app.post(
        'ceremonyFiling',
        { action: 'file', data: { ...funeral, ceremonyDate: inDays(-3) } },
        family,
      ),
      'INVALID_ARGUMENT',
    )
    const bridePrice = expectError(
      await app.post(
        'ceremonyFiling',
        { action: 'file', data: { ...funeral, bridePrice: 5 } },
        family,
      ),
      'INVALID_ARGUMENT',
    )
    expect(bridePrice.field).toBe('bridePrice')
  })

  test('the council sets the notice days; the form and the filing follow them', async () => {
    expectError(
      await app.post(
        'ceremonyFiling',
        {
          action: 'updateDeadline',
          data: { ceremonyType: 'longevity', noticeDays: 7, lateHours: 0 },
        },
        family,
      ),
      'PERMISSION_DENIED',
    )
    await app.call(council, 'ceremonyFiling', 'updateDeadline', {
      ceremonyType: 'longevity',
      noticeDays: 7,
      lateHours: 0,
    })
    const form = await app.call(family, 'ceremonyFiling', 'form')
    expect(form.deadlines).toContainEqual({
      ceremonyType: 'longevity',
      noticeDays: 7,
      lateHours: 0,
    })
    const longevity = { ...wedding({ ceremonyType: 'longevity' }), bridePrice: null }
    expectError(
      await app.post(
        'ceremonyFiling',
        { action: 'file', data: { ...longevity, ceremonyDate: inDays(5) } },
        family,
      ),
      'INVALID_ARGUMENT',
    )
    expect((await app.call(family, 'ceremonyFiling', 'file', longevity)).status).toBe('submitted')
  })

  test('only the family, the ceremony council and admins of the village see a filing', async () => {
    const filing = await app.call(family, 'ceremonyFiling', 'file', wedding())
    const get = (token: string) =>
      app.post('ceremonyFiling', { action: 'get', data: { filingId: filing.id } }, token)
    expect((await get(family)).body).toMatchObject({ ok: true, data: { id: filing.id } })
    expect((await get(council)).body).toMatchObject({ ok: true, data: { id: filing.id } })
    expect((await get(admin)).body).toMatchObject({ ok: true, data: { id: filing.id } })
    expectError(await get(neighbour), 'NOT_FOUND')
    const otherAdmin = await app.newMember(bailu, ['admin'])
    expectError(await get(otherAdmin), 'NOT_FOUND')
    expect(await app.call(neighbour, 'ceremonyFiling', 'mine')).toEqual([])
    // Someone the village has yet to approve neither files nor reads.
    const pending = await app.newMember(shilong)
    await app.services.db
      .updateTable('users')
      .set({ membership: 'pending' })
      .where('id', '=', (await app.call(pending, 'session', 'me')).user.id)
      .execute()
    expectError(await get(pending), 'PERMISSION_DENIED')
    expectError(
      await app.post('ceremonyFiling', { action: 'file', data: wedding() }, pending),
      'PERMISSION_DENIED',
    )
    expectError(
      await app.post('ceremonyFiling', { action: 'queue', data: {} }, neighbour),
      'PERMISSION_DENIED',
    )
    expect(await app.call(otherAdmin, 'ceremonyFiling', 'queue', {})).toEqual([])
    const queue = await app.call(admin, 'ceremonyFiling', 'queue', {})
    expect(queue.map((item) => item.id)).toContain(filing.id)
  })

  test('the council acknowledges, advises a change (the family is told), sends a member, records the check, closes', async () => {
    const filing = await app.call(family, 'ceremonyFiling', 'file', {
      ...wedding({ tables: 24 }),
      explanation: '女方亲戚多',
    })
    const id = { filingId: filing.id }
    expectError(
      await app.post('ceremonyFiling', { action: 'close', data: id }, council),
      'CONFLICT',
    )
    const acknowledged = await app.call(council, 'ceremonyFiling', 'acknowledge', id)
    expect(acknowledged.status).toBe('acknowledged')
    const advice = '请把酒席减到 20 桌以内'
    const advised = await app.call(council, 'ceremonyFiling', 'adviseChange', { ...id, advice })
    expect(advised).toMatchObject({ status: 'advisedToChange', councilRemark: advice })
    const [message] = await app.call(family, 'messages', 'list', { limit: 1 })
    expect(message).toMatchObject({
      kind: 'ceremonyFiling',
      title: `红白理事会对报备 ${filing.filingNumber} 的建议`,
      body: advice,
      link: `/ceremony-filing/pages/detail/index?id=${filing.id}`,
    })

    const inspectors = await app.call(council, 'ceremonyFiling', 'inspectors')
    const two = inspectors.find((inspector) => inspector.name.startsWith('吴理事'))
    if (!two) throw new Error('吴理事 is a council member')
    const familyId = (await app.call(family, 'session', 'me')).user.id
    expectError(
      await app.post(
        'ceremonyFiling',
        { action: 'assignInspector', data: { ...id, userId: familyId } },
        council,
      ),
      'INVALID_ARGUMENT',
    )
    const assigned = await app.call(council, 'ceremonyFiling', 'assignInspector', {
      ...id,
      userId: two.userId,
    })
    expect(assigned.inspector).toEqual(two)

    const tooEarly = expectError(
      await app.post(
        'ceremonyFiling',
        {
          action: 'recordCheck',
          data: { ...id, checkedOn: inDays(1), seen: '还没办', limitsKept: true },
        },
        councilTwo,
      ),
      'INVALID_ARGUMENT',
    )
    expect(tooEarly.field).toBe('checkedOn')
    const checked = await app.call(councilTwo, 'ceremonyFiling', 'recordCheck', {
      ...id,
      checkedOn: inDays(0),
      seen: '实际 20 桌，烟酒平价',
      limitsKept: true,
    })
    expect(checked.status).toBe('checkRecorded')
    expect(checked.check).toEqual({
      checkedOn: inDays(0),
      seen: '实际 20 桌，烟酒平价',
      limitsKept: true,
      checkedByName: two.name,
    })
    const closed = await app.call(council, 'ceremonyFiling', 'close', { ...id, remark: '办得节俭' })
    expect(closed).toMatchObject({ status: 'closed', councilRemark: '办得节俭' })
    expect((await app.call(family, 'ceremonyFiling', 'get', id)).status).toBe('closed')
    const closedQueue = await app.call(council, 'ceremonyFiling', 'queue', { closed: true })
    expect(closedQueue.map((item) => item.id)).toContain(filing.id)

    const log = await app.call(admin, 'admin', 'auditLog', { limit: 5 })
    expect(log.map((entry) => entry.action)).toEqual([
      'ceremonyFiling.close',
      'ceremonyFiling.recordCheck',
      'ceremonyFiling.assignInspector',
      'ceremonyFiling.adviseChange',
      'ceremonyFiling.acknowledge',
    ])
    expect(log[4]).toMatchObject({
      target: `婚嫁报备 ${filing.filingNumber}`,
      before: { status: 'submitted' },
      after: { status: 'acknowledged' },
    })
  })

  test('two council members acting at once: one step is taken, the other is told it changed', async () => {
    const filing = await app.call(family, 'ceremonyFiling', 'file', wedding())
    const replies = await Promise.all(
      [council, councilTwo].map((token) =>
        app.post('ceremonyFiling', { action: 'acknowledge', data: { filingId: filing.id } }, token),
      ),
    )
    expect(replies.map((reply) => reply.body.ok).sort()).toEqual([false, true])
    expectError(
      replies.find((reply) => !reply.body.ok)!,
      'CONFLICT',
    )
    const entries = await app.services.db
      .selectFrom('auditLog')
      .select('action')
      .where('target', '=', `婚嫁报备 ${filing.filingNumber}`)
      .execute()
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'ceremonyFiling.acknowledge',
      'ceremonyFiling.file',
    ])
  })

  test('filings at the same moment get distinct, consecutive numbers', async () => {
    const families = await Promise.all(Array.from({ length: 8 }, () => app.newMember(shilong)))
    const filings = await Promise.all(
      families.map((token) => app.call(token, 'ceremonyFiling', 'file', wedding())),
    )
    const numbers = filings.map((filing) => Number(filing.filingNumber.split('-')[1]))
    expect(new Set(numbers).size).toBe(8)
    expect(Math.max(...numbers) - Math.min(...numbers)).toBe(7)
  })

  test('the monthly summary counts without naming anyone, even in a month with one filing', async () => {
    // A month of its own, far ahead, so this filing is its only one.
    const day = inDays(200)
    const month = day.slice(0, 7)
    const secretName = '独门独户的郑某某'
    const secretPlace = '后山三号院'
    const lonely = await app.newMember(shilong, [], secretName)
    await app.call(lonely, 'ceremonyFiling', 'file', {
      ...wedding({ ceremonyDate: day, hostName: secretName, place: secretPlace, tables: 22 }),
      explanation: '电话 13800001234 联系我',
    })
    const summary = await app.call(neighbour, 'ceremonyFiling', 'monthlySummary', { month })
    expect(summary.total).toEqual({
      filings: 1,
      filedWithinLimits: 0,
      checked: 0,
      checkedKept: 0,
      averageTables: 22,
      averageCostPerTable: 300,
    })
    expect(summary.rows.find((row) => row.ceremonyType === 'wedding')?.filings).toBe(1)
    const exported = await app.call(council, 'ceremonyFiling', 'exportSummary', { month })
    expect(exported.fileName).toMatch(/^石龙村\d{4}年\d{1,2}月红白喜事报备汇总\.xlsx$/)
    const ExcelJS = (await import('exceljs')).default
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as never)
    const cells: string[] = []
    workbook.worksheets[0].eachRow((row) => cells.push(JSON.stringify(row.values)))
    expect(cells[1]).toContain('婚嫁')
    expect(cells[cells.length - 1]).toContain('合计')
    for (const leak of [secretName, secretPlace, '13800001234', '电话', '王小红', '理事']) {
      expect(JSON.stringify(summary)).not.toContain(leak)
      expect(cells.join('\n')).not.toContain(leak)
    }
    expectError(
      await app.post('ceremonyFiling', { action: 'exportSummary', data: { month } }, neighbour),
      'PERMISSION_DENIED',
    )
    // Another village's month is its own: nothing of 石龙村 shows there.
    const bailuVillager = await app.newMember(bailu)
    const elsewhere = await app.call(bailuVillager, 'ceremonyFiling', 'monthlySummary', { month })
    expect(elsewhere.total.filings).toBe(0)
  })
})

// Several gateway processes share one PostgreSQL database (SQLite's file is for one process):
// filings sent to both at once still take distinct numbers, one after the other.
describe('filing numbers with two servers on one PostgreSQL database', () => {
  test('concurrent filings through both get every number once', async () => {
    const first = await startTestApp('postgres')
    const second = await startTestApp('postgres', sameDatabaseAs(first))
    try {
      const families = await Promise.all(Array.from({ length: 16 }, () => first.newMember(shilong)))
      const replies = await Promise.all(
        families.map((token, index) =>
          (index % 2 ? second : first).call(token, 'ceremonyFiling', 'file', wedding()),
        ),
      )
      const numbers = replies.map((filing) => filing.filingNumber).sort()
      const year = numbers[0].slice(0, 4)
      expect(numbers).toEqual(
        Array.from({ length: 16 }, (_, index) => `${year}-${String(index + 1).padStart(4, '0')}`),
      )
    } finally {
      await second.close()
      await first.close()
    }
  })
})

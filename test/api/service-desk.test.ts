import ExcelJS from 'exceljs'
import type { Slot } from '../../types/service-center'
import {
  addVillageDays,
  formatVillageDate,
  formatVillageDateTime,
  villageDayOf,
  villageDayStart,
} from '../../types/village-time'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

const legal = `${shilong}-service-legal`
const residence = `${shilong}-service-residence`

describe.each(engines)('the service desk on %s', (engine) => {
  let app: TestApp
  let staff: string
  let villager: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    staff = await app.signIn('staff')
    villager = await app.newMember(shilong, [], '王大妈')
  })
  afterAll(() => app.close())

  async function slots(serviceId: string): Promise<Slot[]> {
    const days = await app.call(villager, 'serviceCenter', 'availability', { serviceId })
    return days.flatMap((day) => day.slots).filter((slot) => slot.placesLeft > 0)
  }
  async function book(serviceId = legal, index = 0) {
    const slot = (await slots(serviceId))[index]
    return app.call(villager, 'serviceCenter', 'book', {
      serviceId,
      slotStart: slot.start,
      contactName: '王大妈',
      contactPhone: '13712345678',
    })
  }

  test('the desk is offered the slot under way, without the notice villagers need', async () => {
    const realNow = app.services.now
    // Next Monday (the sessions must still be valid), 09:10 in the village: 09:00 is under way.
    let monday = addVillageDays(villageDayOf(new Date()), 1)
    while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = addVillageDays(monday, 1)
    const nine = new Date(Date.parse(villageDayStart(monday)) + 9 * 3600_000).toISOString()
    const now = new Date(Date.parse(nine) + 10 * 60_000)
    app.services.now = () => now
    try {
      const settings = await app.call(staff, 'serviceDesk', 'settings')
      const desk = await app.call(staff, 'serviceDesk', 'slots', { serviceId: residence })
      expect(desk[0].day).toBe(monday)
      expect(desk[0].slots[0].start).toBe(nine)
      const placesLeft = desk[0].slots[0].placesLeft
      const online = await app.call(villager, 'serviceCenter', 'availability', {
        serviceId: residence,
      })
      const earliest = now.getTime() + settings.minNoticeMinutes * 60_000
      expect(Date.parse(online[0].slots[0].start)).toBeGreaterThanOrEqual(earliest)
      // Both count the same bookings: a registration in the slot under way takes a place.
      await app.call(staff, 'serviceDesk', 'registerWalkIn', {
        channel: 'walkIn',
        serviceId: residence,
        slotStart: nine,
        contactName: '赵大爷',
      })
      const after = await app.call(staff, 'serviceDesk', 'slots', { serviceId: residence })
      expect(after[0].slots[0].placesLeft).toBe(placesLeft - 1)
      expectError(
        await app.post(
          'serviceDesk',
          { action: 'slots', data: { serviceId: residence } },
          villager,
        ),
        'PERMISSION_DENIED',
      )
    } finally {
      app.services.now = realNow
    }
  })

  test('confirm and reject at once: one outcome, the other is told CONFLICT', async () => {
    const booked = await book()
    expect(booked.status).toBe('pending')
    const [confirm, reject] = await Promise.all([
      app.post('serviceDesk', { action: 'confirm', data: { appointmentId: booked.id } }, staff),
      app.post(
        'serviceDesk',
        { action: 'reject', data: { appointmentId: booked.id, reason: '材料不全' } },
        staff,
      ),
    ])
    const codes = [confirm, reject].map((r) => (r.body.ok ? 'OK' : r.body.error.code))
    expect(codes.sort()).toEqual(['CONFLICT', 'OK'])
    const [row] = await app.services.db
      .selectFrom('appointmentEvents')
      .select('kind')
      .where('appointmentId', '=', booked.id)
      .where('kind', 'in', ['confirmed', 'rejected'])
      .execute()
      .then((rows) => [rows])
    expect(row).toHaveLength(1)
  })

  test('the whole loop: desk, check in, finish, follow up, archive; the villager rates once', async () => {
    const booked = await book()
    const day = await app.call(staff, 'serviceDesk', 'day', { day: villageDayOf(booked.start) })
    const slot = day.slots.find((s) => s.appointments.some((a) => a.id === booked.id))
    expect(slot?.appointments[0].contactPhone).toBe('13712345678')
    expect(slot?.appointments[0].bookedBy).toContain('王大妈')
    await app.call(staff, 'serviceDesk', 'confirm', { appointmentId: booked.id })
    await app.call(staff, 'serviceDesk', 'checkIn', { appointmentId: booked.id })
    const done = await app.call(staff, 'serviceDesk', 'finish', {
      appointmentId: booked.id,
      result: '已开具证明',
    })
    expect(done.status).toBe('done')
    const waiting = await app.call(staff, 'serviceDesk', 'followUps')
    expect(waiting.map((a) => a.id)).toContain(booked.id)
    const rated = await app.call(villager, 'serviceCenter', 'rate', {
      appointmentId: booked.id,
      score: 5,
      comment: '很快',
    })
    expect(rated.rating?.score).toBe(5)
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'rate', data: { appointmentId: booked.id, score: 1 } },
        villager,
      ),
      'FAILED_PRECONDITION',
    )
    const archived = await app.call(staff, 'serviceDesk', 'recordFollowUp', {
      appointmentId: booked.id,
      method: 'phone',
      followedUpAt: new Date().toISOString(),
      satisfaction: 4,
    })
    expect(archived.status).toBe('archived')
    expect(archived.followUp?.satisfaction).toBe(4)
    // The 回访 is news for the villager, once: archiving adds no message of its own.
    const told = (await app.call(villager, 'messages', 'list', { limit: 20 })).filter(
      (message) => message.title === '回访已记下，这件事办完了',
    )
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'appointment',
        body: expect.stringContaining('可以在我的预约里评价'),
        link: '/service/pages/mine/index',
      }),
    ])
    const mine = await app.call(villager, 'serviceCenter', 'myAppointments')
    const seen = mine.past.find((a) => a.id === booked.id)
    expect(seen?.events.map((e) => e.kind)).toEqual([
      'booked',
      'confirmed',
      'checkedIn',
      'done',
      'rated',
      'followedUp',
      'archived',
    ])
    expect(seen?.contactPhone).toBe('137****5678')
    // Finishing an archived matter makes no sense.
    expectError(
      await app.post(
        'serviceDesk',
        { action: 'finish', data: { appointmentId: booked.id, result: '再办一次' } },
        staff,
      ),
      'FAILED_PRECONDITION',
    )
    const figures = await app.call(staff, 'serviceDesk', 'monthFigures', {
      month: villageDayOf(booked.start).slice(0, 7),
    })
    expect(figures.finished).toBeGreaterThanOrEqual(1)
    expect(figures.averageSatisfaction).toBe(4)
    const file = await app.call(staff, 'serviceDesk', 'export', { day: villageDayOf(booked.start) })
    expect(file.fileName).toBe(`服务中心预约-${villageDayOf(booked.start)}.xlsx`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('预约')
    const phones = sheet?.getColumn(7).values
    expect(phones).toContain('13712345678')
    expect(workbook.getWorksheet('回访')?.getRow(2).getCell(6).value).toBe(4)
  })

  test('moving checks capacity and tells the villager; a walk-in counts against capacity', async () => {
    const booked = await book(residence)
    const target = (await slots(residence))[1]
    const moved = await app.call(staff, 'serviceDesk', 'move', {
      appointmentId: booked.id,
      slotStart: target.start,
      reason: '那天人太多',
    })
    expect(moved.start).toBe(target.start)
    const after = (await slots(residence)).find((s) => s.start === target.start)
    expect(after?.placesLeft ?? 0).toBe(target.placesLeft - 1)
    const messages = await app.call(villager, 'messages', 'list')
    expect(messages[0].title).toBe('预约改了时间')
    for (let i = 0; i < target.placesLeft - 1; i++) {
      await app.call(staff, 'serviceDesk', 'registerWalkIn', {
        serviceId: residence,
        slotStart: target.start,
        contactName: '李爷爷',
        channel: 'phoneCall',
      })
    }
    expectError(
      await app.post(
        'serviceDesk',
        {
          action: 'registerWalkIn',
          data: {
            serviceId: residence,
            slotStart: target.start,
            contactName: '晚来的',
            channel: 'walkIn',
          },
        },
        staff,
      ),
      'RESOURCE_EXHAUSTED',
    )
  })

  test('two no-shows block online booking until staff lift it', async () => {
    const person = await app.newMember(shilong, [], '老不来')
    for (const index of [0, 1]) {
      const slot = (await slots(residence))[index]
      const booked = await app.call(person, 'serviceCenter', 'book', {
        serviceId: residence,
        slotStart: slot.start,
        contactName: '老不来',
        contactPhone: '13600000000',
      })
      await app.call(staff, 'serviceDesk', 'markNoShow', { appointmentId: booked.id })
    }
    const slot = (await slots(residence))[0]
    const refused = expectError(
      await app.post(
        'serviceCenter',
        {
          action: 'book',
          data: { serviceId: residence, slotStart: slot.start, contactName: '老不来' },
        },
        person,
      ),
      'FAILED_PRECONDITION',
    )
    expect(refused.message).toContain('不能在网上预约')
    const [block] = await app.call(staff, 'serviceDesk', 'blocks')
    expect(block.noShows).toBe(2)
    // The villager is told, in village time, until when; only the block's no-show says so.
    const paused = (await app.call(person, 'messages', 'list', { limit: 20 })).filter((message) =>
      message.title.startsWith('暂停网上预约到'),
    )
    expect(paused).toEqual([
      expect.objectContaining({
        kind: 'appointment',
        title: `暂停网上预约到${formatVillageDate(block.blockedUntil)}`,
        body: expect.stringContaining(`${formatVillageDateTime(block.blockedUntil)}前`),
      }),
    ])
    await app.call(staff, 'serviceDesk', 'liftBlock', { userId: block.userId })
    // The 操作日志 names whom it was lifted for, as everywhere else, not by an id.
    const log = await app.call(await app.signIn('admin'), 'admin', 'auditLog', { limit: 100 })
    expect(
      log.filter((entry) => entry.action === 'serviceDesk.liftBlock').map((entry) => entry.target),
    ).toEqual([expect.stringMatching(/^老不来（\d+号）$/)])
    const page = await app.call(person, 'serviceCenter', 'center')
    expect(page.blockedUntil).toBeNull()
  })

  test('villagers cannot use the desk; staff of another village see nothing of this one', async () => {
    expectError(
      await app.post('serviceDesk', { action: 'day', data: { day: '2026-12-01' } }, villager),
      'PERMISSION_DENIED',
    )
    const booked = await book(residence)
    const otherStaff = await app.newMember(bailu, ['staff'], '白鹭工作人员')
    expectError(
      await app.post(
        'serviceDesk',
        { action: 'confirm', data: { appointmentId: booked.id } },
        otherStaff,
      ),
      'NOT_FOUND',
    )
    const day = await app.call(otherStaff, 'serviceDesk', 'day', {
      day: villageDayOf(booked.start),
    })
    expect(day.slots).toEqual([])
  })

  test('configuration: settings, a service, the plan, a closed date and the roster', async () => {
    const settings = await app.call(staff, 'serviceDesk', 'settings')
    await app.call(staff, 'serviceDesk', 'saveSettings', { ...settings, bookingWindowDays: 7 })
    expect(
      (await app.call(villager, 'serviceCenter', 'availability', { serviceId: residence })).length,
    ).toBe(7)
    const added = await app.call(staff, 'serviceDesk', 'saveService', {
      name: '老年证办理',
      category: 'certificate',
      description: '',
      requiredMaterials: ['身份证'],
      durationMinutes: 15,
      needsConfirmation: false,
      homeVisit: true,
      proxyService: true,
      slotMinutes: 30,
      capacity: 2,
      active: true,
    })
    expect((await app.call(staff, 'serviceDesk', 'services')).map((s) => s.id)).toContain(added.id)
    const days = await app.call(villager, 'serviceCenter', 'availability', { serviceId: residence })
    const open = days.find((d) => d.slots.length > 0)
    if (!open) throw new Error('no open day in the window')
    const closed = await app.call(staff, 'serviceDesk', 'addClosedDate', {
      day: open.day,
      reason: '开会',
    })
    expect(closed).toContainEqual({ day: open.day, reason: '开会' })
    const again = await app.call(villager, 'serviceCenter', 'availability', {
      serviceId: residence,
    })
    expect(again.find((d) => d.day === open.day)).toEqual({
      day: open.day,
      closedReason: '开会',
      slots: [],
    })
    await app.call(staff, 'serviceDesk', 'removeClosedDate', { day: open.day })
    expectError(
      await app.post(
        'serviceDesk',
        { action: 'saveRoster', data: { weekStart: '2026-12-01', entries: [] } },
        staff,
      ),
      'INVALID_ARGUMENT',
    )
    const roster = await app.call(staff, 'serviceDesk', 'saveRoster', {
      weekStart: '2026-11-30',
      entries: [{ day: '2026-12-02', name: '周书记', post: '村党支部书记', phone: '13800002000' }],
    })
    expect(roster).toEqual([
      { day: '2026-12-02', name: '周书记', post: '村党支部书记', phone: '13800002000' },
    ])
    const plan = await app.call(staff, 'serviceDesk', 'plan')
    expect(plan).toHaveLength(6)
  })
})

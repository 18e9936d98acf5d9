import { randomUUID } from 'node:crypto'
import type { Slot } from '../../types/service-center'
import { formatVillageDateTime, villageDayOf, villageDayStart } from '../../types/village-time'
import { remindTomorrow } from '../../cloud/domain/appointment-reminders'
import {
  bailu,
  engines,
  expectError,
  sameDatabaseAs,
  shilong,
  startTestApp,
  type TestApp,
} from './support/harness'

const residence = `${shilong}-service-residence`

describe.each(engines)('booking the 党群服务中心 on %s', (engine) => {
  let app: TestApp
  let second: TestApp
  let villager: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    // A second gateway on the same database, as two processes behind one load balancer.
    second = await startTestApp(engine, { ...sameDatabaseAs(app), seedDemo: false })
    villager = await app.signIn('villager')
  })
  afterAll(async () => {
    await second.close()
    await app.close()
  })

  /** Free slots of the residence certificate, soonest first. */
  async function freeSlots(): Promise<Slot[]> {
    const days = await app.call(villager, 'serviceCenter', 'availability', { serviceId: residence })
    return days.flatMap((day) => day.slots).filter((slot) => slot.placesLeft > 0)
  }

  const booking = (slotStart: string) => ({
    serviceId: residence,
    slotStart,
    contactName: '张大爷',
    contactPhone: '13912345678',
  })

  const counter = (slotStart: string) =>
    app.services.db
      .selectFrom('slotCounters')
      .select('booked')
      .where('serviceId', '=', residence)
      .where('slotStart', '=', slotStart)
      .executeTakeFirstOrThrow()

  test('the center page shows hours, today’s duty cadre and services by category', async () => {
    const page = await app.call(villager, 'serviceCenter', 'center')
    expect(page.settings.address).toContain('石龙村')
    expect(page.onDuty).toHaveLength(1)
    expect(page.onDuty[0].phone).toMatch(/^1\d{10}$/)
    expect(page.categories.map((group) => group.category)).toEqual([
      'certificate',
      'socialInsurance',
      'legalAid',
    ])
    expect(page.blockedUntil).toBeNull()
  })

  test('50 bookings at once for 3 places, over two gateways: exactly 3 succeed', async () => {
    const [slot] = await freeSlots()
    expect(slot.placesLeft).toBe(3)
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, index) => app.newMember(shilong, [], `村民${index}`)),
    )
    const replies = await Promise.all(
      tokens.map((token, index) =>
        (index % 2 ? second : app).post(
          'serviceCenter',
          { action: 'book', data: booking(slot.start), requestId: randomUUID() },
          token,
        ),
      ),
    )
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code))
    expect(codes.filter((code) => code === 'OK')).toHaveLength(3)
    expect(codes.filter((code) => code === 'RESOURCE_EXHAUSTED')).toHaveLength(47)
    expect((await counter(slot.start)).booked).toBe(3)
    const held = await app.services.db
      .selectFrom('appointments')
      .select('id')
      .where('serviceId', '=', residence)
      .where('slotStart', '=', slot.start)
      .execute()
    expect(held).toHaveLength(3)
    const full = (await freeSlots()).find((free) => free.start === slot.start)
    expect(full).toBeUndefined()
  })

  test('the kept availability answer follows every booking, wherever it is made, and the clock', async () => {
    const places = async (start: string) =>
      (await app.call(villager, 'serviceCenter', 'availability', { serviceId: residence }))
        .flatMap((day) => day.slots)
        .find((slot) => slot.start === start)?.placesLeft
    const [slot] = await freeSlots()
    // Asked twice with nothing changed: the same answer (the second one kept).
    expect(await places(slot.start)).toBe(slot.placesLeft)
    expect(await places(slot.start)).toBe(slot.placesLeft)
    // Booked through the other gateway (another process): seen by the very next call here.
    const other = await app.newMember(shilong, [], '隔壁村民')
    const booked = await second.call(other, 'serviceCenter', 'book', booking(slot.start))
    expect(await places(slot.start)).toBe(slot.placesLeft - 1)
    // Cancelled there: the place is back here at once.
    await second.call(other, 'serviceCenter', 'cancel', {
      appointmentId: booked.id,
      reason: '不去了',
    })
    expect(await places(slot.start)).toBe(slot.placesLeft)
    // A counter changed by hand in the database, by no gateway at all.
    await app.services.db
      .updateTable('slotCounters')
      .set({ booked: 2 })
      .where('serviceId', '=', residence)
      .where('slotStart', '=', slot.start)
      .execute()
    expect(await places(slot.start)).toBe(1)
    await app.services.db
      .updateTable('slotCounters')
      .set({ booked: 0 })
      .where('serviceId', '=', residence)
      .where('slotStart', '=', slot.start)
      .execute()
    // Once the slot is within the minimum notice it is no longer offered; back when the clock is.
    const { minNoticeMinutes } = (await app.call(villager, 'serviceCenter', 'center')).settings
    const late = Date.parse(slot.start) - minNoticeMinutes * 60_000 + 1
    try {
      app.services.now = () => new Date(late)
      expect(await places(slot.start)).toBeUndefined()
      app.services.now = () => new Date(late - 2)
      expect(await places(slot.start)).toBe(slot.placesLeft)
    } finally {
      app.services.now = () => new Date()
    }
  })

  test('a booking sent twice with one requestId is made once and answered alike', async () => {
    const [slot] = await freeSlots()
    const envelope = { action: 'book', data: booking(slot.start), requestId: randomUUID() }
    const first = await app.post('serviceCenter', envelope, villager)
    const again = await second.post('serviceCenter', envelope, villager)
    expect(first.body.ok).toBe(true)
    expect(again.body).toEqual(first.body)
    expect((await counter(slot.start)).booked).toBe(1)
  })

  test('a confirmed booking shows a masked phone and the timeline; cancelling frees the place once', async () => {
    const [slot] = await freeSlots()
    const booked = await app.call(villager, 'serviceCenter', 'book', booking(slot.start))
    expect(booked.status).toBe('confirmed')
    expect(booked.contactPhone).toBe('139****5678')
    expect(booked.events.map((event) => event.kind)).toEqual(['booked', 'confirmed'])
    expect(booked.requiredMaterials).toContain('身份证')
    const before = (await counter(slot.start)).booked
    const cancel = { action: 'cancel', data: { appointmentId: booked.id, reason: '有事去不了' } }
    const [one, two] = await Promise.all([
      app.post('serviceCenter', cancel, villager),
      second.post('serviceCenter', cancel, villager),
    ])
    expect([one.body.ok, two.body.ok].filter(Boolean)).toHaveLength(1)
    expect((await counter(slot.start)).booked).toBe(before - 1)
    const mine = await app.call(villager, 'serviceCenter', 'myAppointments')
    const cancelled = mine.past.find((appointment) => appointment.id === booked.id)
    expect(cancelled?.status).toBe('cancelled')
    expect(cancelled?.events.at(-1)).toMatchObject({ kind: 'cancelled', reason: '有事去不了' })
    // The row stays: nothing is deleted.
    const messages = await app.call(villager, 'messages', 'list')
    expect(messages[0].kind).toBe('appointment')
  })

  test('the phone is remembered, masked, from the last booking', async () => {
    const remembered = await app.call(villager, 'serviceCenter', 'lastContact')
    expect(remembered).toEqual({ contactName: '张大爷', contactPhone: '139****5678' })
    const [slot] = await freeSlots()
    const booked = await app.call(villager, 'serviceCenter', 'book', {
      serviceId: residence,
      slotStart: slot.start,
      contactName: '张大爷',
    })
    expect(booked.contactPhone).toBe('139****5678')
  })

  test('nonsense is refused plainly: others’ bookings, rating too early, other villages, wrong slots', async () => {
    const [slot] = await freeSlots()
    const booked = await app.call(villager, 'serviceCenter', 'book', booking(slot.start))
    const stranger = await app.newMember(shilong, [], '邻居')
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'cancel', data: { appointmentId: booked.id, reason: '乱点' } },
        stranger,
      ),
      'PERMISSION_DENIED',
    )
    expect((await app.call(stranger, 'serviceCenter', 'myAppointments')).upcoming).toEqual([])
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'rate', data: { appointmentId: booked.id, score: 5 } },
        villager,
      ),
      'FAILED_PRECONDITION',
    )
    const outsider = await app.newMember(bailu, [], '白鹭村民')
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'service', data: { serviceId: residence } },
        outsider,
      ),
      'NOT_FOUND',
    )
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'cancel', data: { appointmentId: booked.id, reason: '乱点' } },
        outsider,
      ),
      'NOT_FOUND',
    )
    const offGrid = new Date(Date.parse(slot.start) + 5 * 60_000).toISOString()
    expectError(
      await app.post('serviceCenter', { action: 'book', data: booking(offGrid) }, villager),
      'FAILED_PRECONDITION',
    )
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'book', data: { ...booking(slot.start), homeVisit: true, address: '三组' } },
        villager,
      ),
      'FAILED_PRECONDITION',
    )
  })

  test('the day before, each booking of tomorrow is reminded once, whoever runs the job', async () => {
    const [slot] = await freeSlots()
    const booked = await app.call(villager, 'serviceCenter', 'book', booking(slot.start))
    // The evening before the slot's day, in village time.
    const evening = new Date(Date.parse(villageDayStart(villageDayOf(slot.start))) - 3_600_000)
    // Both gateways run the job (one after the other: two SQLite connections in one process
    // would wait on each other's lock).
    const first = await remindTomorrow(app.services.db, app.services.config, evening)
    const later = await remindTomorrow(second.services.db, second.services.config, evening)
    expect(first.reminded).toBeGreaterThanOrEqual(1)
    expect(later.reminded).toBe(0)
    const { user } = await app.call(villager, 'session', 'me')
    const reminders = await app.services.db
      .selectFrom('messages')
      .select('body')
      .where('title', '=', '明天有预约，别忘了')
      .where('recipientId', '=', user.id)
      .where('body', 'like', `%${formatVillageDateTime(booked.start)}%`)
      .execute()
    expect(reminders).toHaveLength(1)
  })

  test('a service that needs confirmation is pending and holds its place', async () => {
    const serviceId = `${shilong}-service-insurance`
    const days = await app.call(villager, 'serviceCenter', 'availability', { serviceId })
    const slot = days.flatMap((day) => day.slots)[0]
    const booked = await app.call(villager, 'serviceCenter', 'book', {
      ...booking(slot.start),
      serviceId,
      homeVisit: true,
      address: '石龙村三组 12 号',
      proxyFor: '张奶奶',
    })
    expect(booked.status).toBe('pending')
    expect(booked.proxyFor).toBe('张奶奶')
    const after = await app.call(villager, 'serviceCenter', 'availability', { serviceId })
    const same = after.flatMap((day) => day.slots).find((s) => s.start === slot.start)
    expect(same?.placesLeft).toBe(slot.placesLeft - 1)
  })
})

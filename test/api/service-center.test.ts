import { randomUUID } from 'node:crypto'
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

type Booking = ActionInput<'serviceCenter', 'book'>

// 08:00 on Tuesday 2026-12-01 in the village: with two hours' notice, 10:00 is the first slot.
const now = new Date('2026-12-01T00:00:00.000Z')
const at = (villageTime: string) => new Date(`${villageTime}+08:00`).toISOString()
const certificate = 'service-certificate' // capacity 3, no confirmation, proxy allowed
const insurance = 'service-insurance' // capacity 2, needs confirmation, home visits

const booking = (changes: Partial<Booking> = {}): Booking => ({
  serviceId: certificate,
  slotStart: at('2026-12-01T10:00:00'),
  contactName: '张秀英',
  contactPhone: '13800000001',
  ...changes,
})

function fixClock(app: TestApp) {
  app.services.now = () => now
}

describe.each(engines)('booking the service center on %s', (engine) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(engine)
    fixClock(app)
  })
  afterAll(() => app.close())

  const placesLeft = async (token: string, serviceId: string, slotStart: string) => {
    const slots = await app.call(token, 'serviceCenter', 'availability', { serviceId })
    return slots.find((slot) => slot.start === slotStart)?.placesLeft
  }

  test('the center shows its address, hours and services with their materials', async () => {
    const villager = await app.newMember(shilong)
    const center = await app.call(villager, 'serviceCenter', 'center')
    expect(center.address).toContain('村委会')
    expect(center.services.find((service) => service.id === certificate)).toMatchObject({
      name: '证明开具',
      requiredMaterials: ['身份证', '户口本'],
      capacity: 3,
      needsConfirmation: false,
    })
    const slots = await app.call(villager, 'serviceCenter', 'availability', {
      serviceId: certificate,
    })
    expect(slots[0]).toMatchObject({ day: '2026-12-01', label: '10:00–10:30', placesLeft: 3 })
  })

  test('fifty villagers at once for a slot of three: exactly three get it', async () => {
    const slotStart = at('2026-12-03T09:00:00')
    const villagers = await Promise.all(Array.from({ length: 50 }, () => app.newMember(shilong)))
    const replies = await Promise.all(
      villagers.map((token) =>
        app.post('serviceCenter', { action: 'book', data: booking({ slotStart }) }, token),
      ),
    )
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code))
    expect(codes.filter((code) => code === 'OK')).toHaveLength(3)
    expect(codes.filter((code) => code === 'RESOURCE_EXHAUSTED')).toHaveLength(47)
    const refused = replies.find((reply) => !reply.body.ok)
    expect(refused?.body).toMatchObject({
      ok: false,
      error: { message: '这个时段已经约满了，请选别的时段', field: 'slotStart' },
    })
    expect(await placesLeft(villagers[0], certificate, slotStart)).toBe(0)
  })

  test('cancelling gives the place back exactly once, however often it is tapped', async () => {
    const slotStart = at('2026-12-03T10:00:00')
    const villager = await app.newMember(shilong)
    const mine = await app.call(villager, 'serviceCenter', 'book', booking({ slotStart }))
    expect(mine).toMatchObject({ status: 'confirmed', contactPhone: '138****0001' })
    expect(await placesLeft(villager, certificate, slotStart)).toBe(2)
    const cancel = { action: 'cancel', data: { appointmentId: mine.id, reason: '临时有事' } }
    const replies = await Promise.all(
      [1, 2, 3].map(() => app.post('serviceCenter', cancel, villager)),
    )
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code)).sort()
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK'])
    expect(await placesLeft(villager, certificate, slotStart)).toBe(3)
    const [kept] = await app.call(villager, 'serviceCenter', 'myAppointments')
    // Nothing is deleted: the cancelled appointment stays with its reason.
    expect(kept).toMatchObject({ id: mine.id, status: 'cancelled', cancelReason: '临时有事' })
  })

  test('a booking sent twice with one requestId books once and answers the same', async () => {
    const villager = await app.newMember(shilong)
    const body = {
      action: 'book',
      data: booking({ slotStart: at('2026-12-04T15:00:00') }),
      requestId: randomUUID(),
    }
    const first = await app.post('serviceCenter', body, villager)
    const second = await app.post('serviceCenter', body, villager)
    expect(second.body).toEqual(first.body)
    expect(await app.call(villager, 'serviceCenter', 'myAppointments')).toHaveLength(1)
  })

  test('a service that needs confirmation starts pending; a home visit needs a service that allows it', async () => {
    const villager = await app.newMember(shilong)
    const pending = await app.call(
      villager,
      'serviceCenter',
      'book',
      booking({ serviceId: insurance, homeVisitAddress: '村东头三组 12 号' }),
    )
    expect(pending).toMatchObject({ status: 'pending', homeVisitAddress: '村东头三组 12 号' })
    const refused = expectError(
      await app.post(
        'serviceCenter',
        { action: 'book', data: booking({ homeVisitAddress: '村东头' }) },
        villager,
      ),
      'INVALID_ARGUMENT',
    )
    expect(refused.field).toBe('homeVisitAddress')
  })

  test('only slots the rules make can be booked: not too soon, not closed, not off the grid', async () => {
    const villager = await app.newMember(shilong)
    for (const slotStart of [
      at('2026-12-01T09:00:00'), // inside the two hours' notice
      at('2026-12-05T09:00:00'), // a Saturday
      at('2026-12-01T12:00:00'), // the lunch break
      at('2026-12-30T09:00:00'), // beyond the 14-day window
    ]) {
      const refused = expectError(
        await app.post('serviceCenter', { action: 'book', data: booking({ slotStart }) }, villager),
        'INVALID_ARGUMENT',
      )
      expect(refused.field).toBe('slotStart')
    }
  })

  test('a villager cannot cancel another’s appointment, nor one that has begun', async () => {
    const owner = await app.newMember(shilong)
    const other = await app.newMember(shilong)
    const slotStart = at('2026-12-01T10:30:00')
    const mine = await app.call(owner, 'serviceCenter', 'book', booking({ slotStart }))
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'cancel', data: { appointmentId: mine.id, reason: '不要了' } },
        other,
      ),
      'NOT_FOUND',
    )
    expect(await app.call(other, 'serviceCenter', 'myAppointments')).toEqual([])
    app.services.now = () => new Date(Date.parse(slotStart) + 60_000)
    try {
      expectError(
        await app.post(
          'serviceCenter',
          { action: 'cancel', data: { appointmentId: mine.id, reason: '不要了' } },
          owner,
        ),
        'FAILED_PRECONDITION',
      )
    } finally {
      fixClock(app)
    }
  })

  test('a village without a center says so; another village’s services are not found', async () => {
    const elsewhere = await app.newMember(bailu)
    expectError(
      await app.post('serviceCenter', { action: 'center' }, elsewhere),
      'FAILED_PRECONDITION',
    )
    await app.services.db
      .insertInto('serviceCenters')
      .values({
        villageId: bailu,
        address: '白鹭村村委会',
        openingHours: '周一至周五',
        windowDays: 7,
        noticeMinutes: 60,
        updatedAt: now.toISOString(),
      })
      .execute()
    expect((await app.call(elsewhere, 'serviceCenter', 'center')).services).toEqual([])
    expectError(
      await app.post(
        'serviceCenter',
        { action: 'availability', data: { serviceId: certificate } },
        elsewhere,
      ),
      'NOT_FOUND',
    )
    expectError(
      await app.post('serviceCenter', { action: 'book', data: booking() }, elsewhere),
      'NOT_FOUND',
    )
  })
})

describe('capacity with two gateway processes on one PostgreSQL database', () => {
  test('fifty bookings through both for a slot of three: exactly three', async () => {
    const first = await startTestApp('postgres')
    const second = await startTestApp('postgres', sameDatabaseAs(first))
    fixClock(first)
    fixClock(second)
    try {
      const slotStart = at('2026-12-02T14:00:00')
      // 2026-12-02 is a Wednesday: open; the unit tests' closed day is their own.
      const villagers = await Promise.all(
        Array.from({ length: 50 }, () => first.newMember(shilong)),
      )
      const replies = await Promise.all(
        villagers.map((token, index) =>
          (index % 2 ? second : first).post(
            'serviceCenter',
            { action: 'book', data: booking({ slotStart }) },
            token,
          ),
        ),
      )
      const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code))
      expect(codes.filter((code) => code === 'OK')).toHaveLength(3)
      expect(codes.filter((code) => code === 'RESOURCE_EXHAUSTED')).toHaveLength(47)
      const { count } = await first.services.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('slotStart', '=', slotStart)
        .executeTakeFirstOrThrow()
      expect(Number(count)).toBe(3)
    } finally {
      await second.close()
      await first.close()
    }
  })
})

import { randomUUID } from 'node:crypto'
import { changeAsSystem } from '../../cloud/core/change'
import { AppError } from '../../cloud/core/errors'
import { engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

// Changes arriving together: on SQLite they are committed in one group (core/change.ts), each in
// a savepoint of its own; on PostgreSQL each in its own transaction. Either way each change is
// all or nothing, fails alone with its own error, and a refused attempt still counts.
describe.each(engines)('changes at the same moment on %s', (engine) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(engine)
  })
  afterAll(async () => {
    await app.close()
  })

  test('each is all or nothing: the failing ones leave nothing, the others all they wrote', async () => {
    const day = (n: number) => `2031-01-${String(n + 1).padStart(2, '0')}`
    const target = (n: number) => `isolation ${engine} ${n}`
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, n) =>
        changeAsSystem(app.services, shilong, 'serviceDesk.addClosedDate', async (trx) => {
          await trx
            .insertInto('closedDates')
            .values({ villageId: shilong, day: day(n), reason: target(n) })
            .execute()
          // Every third one fails after writing; every fifth one with a broken statement.
          if (n % 3 === 1) throw new AppError('FAILED_PRECONDITION', `refused ${n}`)
          if (n % 5 === 4) {
            await trx
              .insertInto('closedDates')
              .values({ villageId: shilong, day: day(n), reason: 'twice' })
              .execute()
          }
          return { result: n, audit: { target: target(n), before: null, after: null } }
        }),
      ),
    )
    const fails = (n: number) => n % 3 === 1 || n % 5 === 4
    outcomes.forEach((outcome, n) => {
      if (!fails(n)) expect(outcome).toEqual({ status: 'fulfilled', value: n })
      else if (n % 3 === 1) {
        expect(outcome).toMatchObject({ status: 'rejected', reason: { message: `refused ${n}` } })
      } else expect(outcome.status).toBe('rejected')
    })
    const kept = await app.services.db
      .selectFrom('closedDates')
      .select(['day', 'reason'])
      .where('day', 'like', '2031-01-%')
      .orderBy('day')
      .execute()
    const expected = Array.from({ length: 16 }, (_, n) => n).filter((n) => !fails(n))
    expect(kept).toEqual(expected.map((n) => ({ day: day(n), reason: target(n) })))
    const audited = await app.services.db
      .selectFrom('auditLog')
      .select('target')
      .where('target', 'like', `isolation ${engine} %`)
      .execute()
    expect(audited.map((row) => row.target).sort()).toEqual(expected.map(target).sort())
  })

  test('refused bookings sent together count their attempt and keep no request id', async () => {
    const villager = await app.newMember(shilong, [], '抢号的人')
    const days = await app.call(villager, 'serviceCenter', 'availability', {
      serviceId: `${shilong}-service-residence`,
    })
    const slot = days.flatMap((d) => d.slots).find((s) => s.placesLeft === 3)
    if (!slot) throw new Error('no free slot')
    const booking = (contactName: string) => ({
      action: 'book',
      requestId: randomUUID(),
      data: {
        serviceId: `${shilong}-service-residence`,
        slotStart: slot.start,
        contactName,
        contactPhone: '13912345678',
      },
    })
    const sent = Array.from({ length: 6 }, (_, n) => booking(`家人${n}`))
    // The same request twice among them: one booking, one answer.
    const replies = await Promise.all(
      [...sent, sent[0]].map((envelope) => app.post('serviceCenter', envelope, villager)),
    )
    expect(replies[6].body).toEqual(replies[0].body)
    const codes = replies.slice(0, 6).map((r) => (r.body.ok ? 'OK' : r.body.error.code))
    expect(codes.filter((code) => code === 'OK')).toHaveLength(3)
    expect(codes.filter((code) => code === 'RESOURCE_EXHAUSTED')).toHaveLength(3)
    // Seven attempts counted (the repeat too), refused ones included.
    const { user } = await app.call(villager, 'session', 'me')
    const counted = await app.services.db
      .selectFrom('rateLimits')
      .select('hits')
      .where('bucket', '=', 'serviceCenter.book:caller')
      .where('key', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(Number(counted.hits)).toBe(7)
    // A refused request kept nothing under its id: sent again, it is tried again (and refused).
    const refused = sent.find((_, n) => codes[n] === 'RESOURCE_EXHAUSTED')
    const kept = await app.services.db
      .selectFrom('requestReplays')
      .select('requestId')
      .where('requestId', '=', refused?.requestId ?? '')
      .execute()
    expect(kept).toEqual([])
    expectError(await app.post('serviceCenter', refused, villager), 'RESOURCE_EXHAUSTED', 429)
  })
})

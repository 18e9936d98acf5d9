import { randomUUID } from 'node:crypto'
import type { ActionInput, ActionName, FunctionName } from '../../types/contract'
import type { PersonaKey } from '../../types/session'
import type { Call } from './load'
import {
  benchServices,
  bookers,
  bookerToken,
  seededAuditId,
  seededTime,
  seededTopicId,
  seededVillagerNo,
} from './seeding'
import { slotFullMessage } from '../../cloud/domain/service-center-store'
import { plannedDays } from '../../cloud/domain/service-slots'
import { demoOpeningPlan } from '../../cloud/seed/demo-service-center'

/** A call of one action with fixed data. */
function read<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  data?: ActionInput<F, A>,
): Call {
  const envelope = data === undefined ? { action } : { action, data }
  return { fn, envelope: () => envelope }
}

/**
 * The admin changing one gift limit, on the one mutation path: a fresh requestId each time (a
 * repeated one would be answered from the kept answer without changing anything), and the
 * amount stepping through a hundred values so each request really writes a new one.
 */
function giftLimitUpdate(): Call {
  let count = 0
  return {
    fn: 'ceremony',
    envelope: () => {
      count += 1
      const data: ActionInput<'ceremony', 'updateGiftLimit'> = {
        ceremonyType: 'wedding',
        relationship: 'relative',
        maxAmount: 100 + (count % 100),
        note: '',
      }
      return { action: 'updateGiftLimit', requestId: randomUUID(), data }
    },
  }
}

const demoServices = ['residence', 'insurance', 'legal'].map(
  (name) => `village-shilong-service-${name}`,
)

/** What a full slot answers: the capacity guard refusing, which the booking load expects. */
const refusedAsFull = (status: number, body: string) =>
  status === 429 && body.includes(slotFullMessage)

/**
 * Bookings of the bench's services, one slot after another through the whole window, one service
 * after another, each by the next of the seeded villagers (so no one's rate limit is reached)
 * with a fresh requestId: each slot gets two attempts more than its capacity, so it fills and
 * then refuses, under contention.
 */
function bookings(): Call {
  const slots = plannedDays(
    {
      plan: demoOpeningPlan,
      closedDates: [],
      bookingWindowDays: 14,
      // The demo's notice is two hours; one more keeps the first slots bookable through the run.
      minNoticeMinutes: 180,
      slotMinutes: benchServices.slotMinutes,
    },
    new Date(),
  ).flatMap((day) => day.slots)
  let count = 0
  return {
    fn: 'serviceCenter',
    token: () => bookerToken((count % bookers) + 1),
    envelope: () => {
      count += 1
      const slot = Math.floor(count / (benchServices.capacity + 2))
      const service = Math.floor(slot / slots.length) % benchServices.ids.length
      const data: ActionInput<'serviceCenter', 'book'> = {
        serviceId: benchServices.ids[service],
        slotStart: slots[slot % slots.length].start,
        contactName: '压测村民',
        contactPhone: '13900000000',
      }
      return { action: 'book', requestId: randomUUID(), data }
    },
    expectedRefusal: refusedAsFull,
  }
}

export interface LoadCase {
  name: string
  persona: PersonaKey
  /** The connections cycle through these; the first one's answer is what bare Node sends. */
  calls: Call[]
}

const rulesCurrent = read('rules', 'current')
const ceremonyLimits = read('ceremony', 'limits')
const sessionMe = read('session', 'me')

export const loadCases: LoadCase[] = [
  { name: 'rules.current', persona: 'villager', calls: [rulesCurrent] },
  { name: 'ceremony.limits', persona: 'villager', calls: [ceremonyLimits] },
  { name: 'session.me', persona: 'villager', calls: [sessionMe] },
  { name: 'ceremony.updateGiftLimit', persona: 'admin', calls: [giftLimitUpdate()] },
  {
    name: 'serviceCenter.availability, every service, whole window',
    persona: 'villager',
    calls: demoServices.map((serviceId) => read('serviceCenter', 'availability', { serviceId })),
  },
  { name: 'serviceCenter.book', persona: 'villager', calls: [bookings()] },
  {
    name: 'mix: 9 reads, 1 write',
    persona: 'admin',
    calls: [
      ...[rulesCurrent, ceremonyLimits, sessionMe].flatMap((call) => [call, call, call]),
      giftLimitUpdate(),
    ],
  },
]

/** The admin's list queries measured at each size of the village (`size` rows seeded). */
export const listQueries = (size: number): { name: string; call: Call }[] => [
  { name: 'admin.auditLog, first page', call: read('admin', 'auditLog', { limit: 50 }) },
  {
    // Keyset paging: the page before the 51st-oldest entry, i.e. the last page of the log.
    name: 'admin.auditLog, deep page (before)',
    call: read('admin', 'auditLog', {
      limit: 50,
      before: { createdAt: seededTime(51), id: seededAuditId(51) },
    }),
  },
  { name: 'admin.listVillagers, first page', call: read('admin', 'listVillagers', { limit: 50 }) },
  {
    // The last page: after the 50th-highest seeded number.
    name: 'admin.listVillagers, deep page (after)',
    call: read('admin', 'listVillagers', { limit: 50, after: seededVillagerNo(size - 50) }),
  },
  { name: 'council.board, first page', call: read('council', 'board', {}) },
  {
    // Keyset paging, newest first: the page before the 21st-oldest topic, i.e. the last page.
    name: 'council.board, deep page (before)',
    call: read('council', 'board', {
      before: { createdAt: seededTime(21), id: seededTopicId(21) },
    }),
  },
]

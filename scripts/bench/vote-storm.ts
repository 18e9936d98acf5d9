import { randomUUID } from 'node:crypto'
import { addMember, createSession } from '../../cloud/core/identity'
import { councilMemberIds, putOnAgenda } from '../../cloud/domain/council-meetings'
import type { Db, Engine } from '../../cloud/store/db'
import { markdownTable } from './report'
import { demoAdmin } from './seeding'

// The vote storm: every council member of the demo village votes in each of many open meetings
// at the same moment, and every vote is sent twice (two phones, two request ids). Afterwards the
// database must hold exactly one vote per member per meeting: none lost, none doubled, and each
// second copy refused as a CONFLICT.

export interface StormResult {
  engine: Engine
  meetings: number
  members: number
  sent: number
  accepted: number
  refusedDoubles: number
  lost: number
  doubled: number
  seconds: number
  p99: number
}

/** Members added to the demo village's council for the storm, beyond the ones it has. */
const addedMembers = 15

/** Open meetings, each with one topic on its agenda and every member checked in. */
async function openMeetings(
  db: Db,
  villageId: string,
  chairId: string,
  members: string[],
  count: number,
) {
  const at = new Date().toISOString()
  const meetings: { meetingId: string; topicId: string }[] = []
  for (let index = 0; index < count; index += 1) {
    const topicId = randomUUID()
    const meetingId = randomUUID()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('councilTopics')
        .values({
          id: topicId,
          villageId,
          title: `表决压力测试议题 ${index + 1}`,
          background: '',
          options: '',
          materialsJson: '[]',
          status: 'scheduled',
          createdBy: chairId,
          createdAt: at,
          updatedAt: at,
        })
        .execute()
      await trx
        .insertInto('councilMeetings')
        .values({
          id: meetingId,
          villageId,
          place: '村委会议室',
          startsAt: at,
          status: 'open',
          memberCount: members.length,
          revision: 0,
          scheduledBy: chairId,
          createdAt: at,
          openedAt: at,
          closedAt: null,
          minutesJson: null,
        })
        .execute()
      await putOnAgenda(trx, meetingId, topicId, 1)
      await trx
        .insertInto('councilInvitees')
        .values(
          members.map((userId) => ({
            id: randomUUID(),
            meetingId,
            userId,
            guestName: null,
            guestNote: null,
            member: 1 as const,
            checkedInAt: at,
          })),
        )
        .execute()
    })
    meetings.push({ meetingId, topicId })
  }
  return meetings
}

export async function voteStorm(
  db: Db,
  engine: Engine,
  url: string,
  meetingCount: number,
): Promise<StormResult> {
  const admin = await demoAdmin(db)
  const villageId = admin.villageId ?? ''
  const at = new Date().toISOString()
  for (let index = 0; index < addedMembers; index += 1) {
    await addMember(
      db,
      {
        villageId,
        displayName: `表决成员${index + 1}`,
        demoPersona: null,
        roles: ['councilMember'],
      },
      at,
    )
  }
  const members = await councilMemberIds(db, villageId)
  const chair = await db
    .selectFrom('users')
    .select('id')
    .where('demoPersona', '=', 'councilChair')
    .executeTakeFirstOrThrow()
  const services = { db, now: () => new Date(), config: { sessionTtlDays: 1 } }
  const tokens = await Promise.all(members.map((userId) => createSession(services, userId)))
  const meetings = await openMeetings(db, villageId, chair.id, members, meetingCount)

  const vote = async (token: string, meeting: { meetingId: string; topicId: string }) => {
    const started = performance.now()
    const response = await fetch(`${url}/api/council`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        action: 'vote',
        data: { ...meeting, choice: 'for' },
        requestId: randomUUID(),
      }),
    })
    const body = (await response.json()) as { ok: boolean; error?: { code: string } }
    return { ms: performance.now() - started, code: body.ok ? 'OK' : (body.error?.code ?? '?') }
  }
  const started = performance.now()
  // Every member, every meeting, twice: all at once.
  const replies = await Promise.all(
    meetings.flatMap((meeting) =>
      tokens.flatMap((token) => [vote(token, meeting), vote(token, meeting)]),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  const unexpected = replies.filter((reply) => reply.code !== 'OK' && reply.code !== 'CONFLICT')
  if (unexpected.length > 0) {
    throw new Error(`${engine}: vote storm answered ${unexpected[0].code} (${unexpected.length}×)`)
  }
  const counts = await db
    .selectFrom('councilVotes')
    .select(['meetingId', 'memberId', (eb) => eb.fn.countAll().as('count')])
    .where(
      'meetingId',
      'in',
      meetings.map((meeting) => meeting.meetingId),
    )
    .groupBy(['meetingId', 'memberId'])
    .execute()
  const expected = meetings.length * members.length
  const latencies = replies.map((reply) => reply.ms).sort((a, b) => a - b)
  return {
    engine,
    meetings: meetings.length,
    members: members.length,
    sent: replies.length,
    accepted: replies.filter((reply) => reply.code === 'OK').length,
    refusedDoubles: replies.filter((reply) => reply.code === 'CONFLICT').length,
    lost: expected - counts.length,
    doubled: counts.filter((row) => Number(row.count) > 1).length,
    seconds,
    p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
  }
}

export function stormTable(results: StormResult[]): string {
  return markdownTable(
    [
      'engine',
      'meetings',
      'members each',
      'votes sent',
      'accepted',
      'refused as doubles',
      'lost',
      'doubled',
      'seconds',
      'p99 ms',
    ],
    results.map((result) => [
      result.engine,
      String(result.meetings),
      String(result.members),
      String(result.sent),
      String(result.accepted),
      String(result.refusedDoubles),
      String(result.lost),
      String(result.doubled),
      result.seconds.toFixed(1),
      result.p99.toFixed(0),
    ]),
  )
}

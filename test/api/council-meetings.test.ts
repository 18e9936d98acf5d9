import { randomUUID } from 'node:crypto'
import JSZip from 'jszip'
import { voteChoiceLabels } from '../../types/council-rules'
import { villageDayOf } from '../../types/village-time'
import {
  engines,
  expectError,
  shilong,
  startTestApp,
  withoutDemoOnlyMembers,
  type TestApp,
} from './support/harness'

const day = 86_400_000

/** 19:30 village time (11:30 UTC), `days` village days from now. */
function eveningIn(days: number): string {
  return `${villageDayOf(new Date(Date.now() + days * day))}T11:30:00.000Z`
}

describe.each(engines)('council meetings (乡村夜话) on %s', (engine) => {
  let app: TestApp
  let chair: string
  let reviewer: string
  let members: string[]
  beforeAll(async () => {
    app = await startTestApp(engine)
    await withoutDemoOnlyMembers(app)
    chair = await app.signIn('councilChair')
    reviewer = await app.signIn('partyReviewer')
    members = [await app.signIn('councilMember')]
    for (let i = 0; i < 4; i += 1) {
      members.push(await app.newMember(shilong, ['councilMember'], `议事会成员${i + 1}`))
    }
  })
  afterEach(() => {
    app.services.now = () => new Date()
  })
  afterAll(() => app.close())

  /** An approved topic made from a fresh villager's suggestion, and that villager. */
  async function approvedTopic(title: string) {
    const author = await app.newMember(shilong, [], '提建议的村民')
    const filed = await app.call(author, 'council', 'fileSuggestion', {
      title,
      body: `${title}，请议事会商量。`,
      category: 'livelihood',
      showName: true,
    })
    const topic = await app.call(chair, 'council', 'createTopic', {
      suggestionIds: [filed.id],
      title,
      background: '村民反映',
    })
    await app.call(chair, 'council', 'submitTopic', { topicId: topic.id })
    await app.call(reviewer, 'council', 'preReview', { topicId: topic.id, outcome: 'approved' })
    return { author, topicId: topic.id, suggestionId: filed.id }
  }

  /** A meeting of these topics, on its day, with `present` of the voting members checked in. */
  async function openMeeting(topicIds: string[], present: string[]) {
    const startsAt = eveningIn(3)
    const meeting = await app.call(chair, 'council', 'scheduleMeeting', {
      topicIds,
      place: '村委会议室',
      startsAt,
      guests: [{ name: '王律师', note: '法律顾问' }],
    })
    app.services.now = () => new Date(startsAt)
    for (const token of present) {
      await app.call(token, 'council', 'checkIn', { meetingId: meeting.id })
    }
    return app.call(chair, 'council', 'openMeeting', { meetingId: meeting.id })
  }

  test('the notice period is counted in village days', async () => {
    const { topicId } = await approvedTopic('通知期')
    const tooSoon = expectError(
      await app.post(
        'council',
        {
          action: 'scheduleMeeting',
          data: { topicIds: [topicId], place: '村委会', startsAt: eveningIn(1) },
        },
        chair,
      ),
      'FAILED_PRECONDITION',
    )
    expect(tooSoon).toMatchObject({
      field: 'startsAt',
      message: expect.stringContaining('提前2天'),
    })
    // The chair sets one day's notice; the same evening is then allowed.
    const rules = await app.call(chair, 'council', 'meetingRules')
    await app.call(chair, 'council', 'saveMeetingRules', { ...rules, noticeDays: 1 })
    const meeting = await app.call(chair, 'council', 'scheduleMeeting', {
      topicIds: [topicId],
      place: '村委会',
      startsAt: eveningIn(1),
    })
    expect(meeting.status).toBe('announced')
    await app.call(chair, 'council', 'saveMeetingRules', rules)
    // A quorum below half, or a threshold of everyone, is not a rule the chair may set.
    for (const [data, field] of [
      [{ ...rules, quorum: { numerator: 1, denominator: 3 } }, 'quorum'],
      [{ ...rules, passThreshold: { numerator: 1, denominator: 1 } }, 'passThreshold'],
      [{ ...rules, noticeDays: 4 }, 'noticeDays'],
    ] as const) {
      const refused = expectError(
        await app.post('council', { action: 'saveMeetingRules', data }, chair),
        'INVALID_ARGUMENT',
      )
      expect(refused.field).toBe(field)
    }
    expect(await app.call(chair, 'council', 'meetingRules')).toEqual(rules)
  })

  test('the whole meeting: invited and told, quorum, statements in order, votes, resolution, frozen minutes', async () => {
    const { author, topicId } = await approvedTopic('修村口的路')
    const notPassing = await approvedTopic('建篮球场')
    const meeting = await app.call(chair, 'council', 'scheduleMeeting', {
      topicIds: [topicId, notPassing.topicId],
      place: '村委会议室',
      startsAt: eveningIn(3),
      guests: [{ name: '王律师', note: '法律顾问' }],
    })
    expect(meeting.invitees.filter((invitee) => !invitee.member)).toEqual([
      expect.objectContaining({ name: '王律师', guestNote: '法律顾问', checkedInAt: null }),
    ])
    // Each reader's own row, and only theirs, is marked as theirs.
    const ownRows = async (token: string) =>
      (await app.call(token, 'council', 'meeting', { meetingId: meeting.id })).invitees
        .filter((invitee) => invitee.isMe)
        .map((invitee) => invitee.name)
    expect(meeting.invitees.filter((invitee) => invitee.isMe)).toEqual([
      expect.objectContaining({ name: expect.stringMatching(/^赵德厚/), member: true }),
    ])
    expect(await ownRows(members[1])).toEqual([expect.stringMatching(/^议事会成员1（/)])
    expect(await ownRows(reviewer)).toEqual([])
    const voting = meeting.memberCount
    expect(voting).toBeGreaterThanOrEqual(members.length + 1)
    const [notice] = await app.call(members[1], 'messages', 'list', { limit: 5 })
    expect(notice).toMatchObject({
      title: '议事会议通知',
      body: expect.stringContaining('修村口的路'),
      // The notice opens the meeting's own page.
      link: `/council/pages/meeting/index?id=${meeting.id}`,
    })
    const [authorMessage] = await app.call(author, 'messages', 'list', { limit: 5 })
    expect(authorMessage.title).toBe('议题已排上议事会议：修村口的路')

    // Not before its day, and not without the quorum.
    expectError(
      await app.post('council', { action: 'openMeeting', data: { meetingId: meeting.id } }, chair),
      'FAILED_PRECONDITION',
    )
    app.services.now = () => new Date(meeting.startsAt)
    const attending = [chair, ...members]
    for (const token of attending.slice(0, meeting.quorumCount - 1)) {
      await app.call(token, 'council', 'checkIn', { meetingId: meeting.id })
    }
    const short = expectError(
      await app.post('council', { action: 'openMeeting', data: { meetingId: meeting.id } }, chair),
      'FAILED_PRECONDITION',
    )
    expect(short.message).toContain('还差1人')
    for (const token of attending.slice(meeting.quorumCount - 1)) {
      await app.call(token, 'council', 'checkIn', { meetingId: meeting.id })
    }
    const guest = meeting.invitees.find((invitee) => !invitee.member)
    await app.call(chair, 'council', 'checkIn', { meetingId: meeting.id, inviteeId: guest?.id })
    const opened = await app.call(chair, 'council', 'openMeeting', { meetingId: meeting.id })
    expect(opened).toMatchObject({ status: 'open', membersPresent: attending.length })

    // Statements in order, a guest among them.
    const speakers = opened.invitees.filter((invitee) => invitee.checkedInAt !== null)
    for (const [index, speaker] of [speakers[1], guest, speakers[0]].entries()) {
      await app.call(chair, 'council', 'recordStatement', {
        meetingId: meeting.id,
        topicId,
        inviteeId: speaker?.id ?? '',
        text: `第${index + 1}个发言`,
      })
    }
    // Votes: everyone present for the road; a single one for the court.
    for (const token of attending) {
      await app.call(token, 'council', 'vote', { meetingId: meeting.id, topicId, choice: 'for' })
    }
    await app.call(chair, 'council', 'vote', {
      meetingId: meeting.id,
      topicId: notPassing.topicId,
      choice: 'for',
    })
    // A minute later: votes are listed in the order they came, by their time.
    app.services.now = () => new Date(Date.parse(meeting.startsAt) + 60_000)
    await app.call(members[0], 'council', 'vote', {
      meetingId: meeting.id,
      topicId: notPassing.topicId,
      choice: 'abstain',
    })
    // A passed topic needs its resolution.
    expectError(
      await app.post(
        'council',
        { action: 'decideTopic', data: { meetingId: meeting.id, topicId } },
        chair,
      ),
      'INVALID_ARGUMENT',
    )
    const dueOn = villageDayOf(new Date(Date.parse(meeting.startsAt) + 30 * day))
    const decided = await app.call(chair, 'council', 'decideTopic', {
      meetingId: meeting.id,
      topicId,
      resolution: { decision: '硬化村口道路200米', executor: '村两委', dueOn },
    })
    const road = decided.agenda.find((item) => item.topicId === topicId)
    expect(road).toMatchObject({
      outcome: 'passed',
      present: attending.length,
      votes: { for: attending.length, against: 0, abstain: 0 },
      myVote: 'for',
      resolution: { executor: '村两委', dueOn, status: 'inProgress', overdue: false },
    })
    expect(road?.statements.map((s) => [s.position, s.text, s.speakerName])).toEqual([
      [1, '第1个发言', speakers[1].name],
      [2, '第2个发言', '王律师'],
      [3, '第3个发言', speakers[0].name],
    ])
    const [passedStep] = (await app.call(author, 'council', 'mySuggestions')).map((s) =>
      s.steps.at(-1),
    )
    expect(passedStep).toMatchObject({ kind: 'passed', text: expect.stringContaining('村两委') })

    // The vote is over: no more votes on it.
    expectError(
      await app.post(
        'council',
        { action: 'vote', data: { meetingId: meeting.id, topicId, choice: 'against' } },
        members[1],
      ),
      'FAILED_PRECONDITION',
    )
    // Not closed while a topic is undecided.
    expectError(
      await app.post('council', { action: 'closeMeeting', data: { meetingId: meeting.id } }, chair),
      'FAILED_PRECONDITION',
    )
    const both = await app.call(chair, 'council', 'decideTopic', {
      meetingId: meeting.id,
      topicId: notPassing.topicId,
    })
    expect(both.agenda[1]).toMatchObject({ outcome: 'notPassed', resolution: null })
    // Who voted how, in the order the votes came.
    expect(both.agenda[1].cast).toEqual([
      { name: expect.stringMatching(/^赵德厚（/), choice: 'for' },
      { name: expect.stringMatching(/^王建国（/), choice: 'abstain' },
    ])
    const closed = await app.call(chair, 'council', 'closeMeeting', { meetingId: meeting.id })
    expect(closed.status).toBe('closed')

    // Frozen: the minutes stay as they were, and nothing more is recorded.
    const late = await app.newMember(shilong, ['councilMember'], '迟到的成员')
    expect(await app.call(late, 'council', 'meeting', { meetingId: meeting.id })).toEqual({
      ...closed,
      invitees: closed.invitees.map((invitee) => ({ ...invitee, isMe: false })),
      agenda: closed.agenda.map((item) => ({ ...item, myVote: null })),
    })
    // A member's own row is still theirs in the frozen minutes.
    expect(await ownRows(members[1])).toEqual([expect.stringMatching(/^议事会成员1（/)])
    expectError(
      await app.post(
        'council',
        { action: 'vote', data: { meetingId: meeting.id, topicId, choice: 'for' } },
        members[2],
      ),
      'FAILED_PRECONDITION',
    )
    expectError(
      await app.post(
        'council',
        {
          action: 'recordStatement',
          data: { meetingId: meeting.id, topicId, inviteeId: speakers[0].id, text: '补一句' },
        },
        chair,
      ),
      'FAILED_PRECONDITION',
    )

    // The minutes as a Word document.
    const file = await app.call(members[0], 'council', 'exportMinutes', { meetingId: meeting.id })
    expect(file.fileName).toMatch(/^议事会议记录-.+\.docx$/)
    const zip = await JSZip.loadAsync(Buffer.from(file.base64, 'base64'))
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? ''
    for (const words of [
      '修村口的路',
      '第2个发言',
      '王律师',
      '硬化村口道路200米',
      '结果：未通过',
    ]) {
      expect(xml).toContain(words)
    }
    // And who voted how on each topic, every vote of it.
    const cast = closed.agenda.flatMap((item) => item.cast)
    expect(cast).toHaveLength(attending.length + 2)
    for (const vote of cast) expect(xml).toContain(`${vote.name} ${voteChoiceLabels[vote.choice]}`)
    // Villagers neither read nor export minutes.
    const villager = await app.newMember(shilong)
    expectError(
      await app.post('council', { action: 'meeting', data: { meetingId: meeting.id } }, villager),
      'PERMISSION_DENIED',
    )
  })

  test('one member voting from two phones at once: one vote, the other CONFLICT', async () => {
    const { topicId } = await approvedTopic('两部手机')
    const meeting = await openMeeting([topicId], [chair, ...members])
    const replies = await Promise.all(
      ['for', 'against', 'for'].map((choice) =>
        app.post(
          'council',
          {
            action: 'vote',
            data: { meetingId: meeting.id, topicId, choice },
            requestId: randomUUID(),
          },
          members[0],
        ),
      ),
    )
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code)).sort()
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK'])
    const after = await app.call(members[0], 'council', 'meeting', { meetingId: meeting.id })
    const cast = after.agenda[0].cast
    expect(cast).toHaveLength(1)
    expect(after.agenda[0].myVote).toBe(cast[0].choice)
  })

  test('every member voting at the same instant: each vote counted once', async () => {
    const { topicId } = await approvedTopic('同时表决')
    const voters = [chair, ...members]
    const meeting = await openMeeting([topicId], voters)
    const replies = await Promise.all(
      voters.map((token) =>
        app.post(
          'council',
          { action: 'vote', data: { meetingId: meeting.id, topicId, choice: 'for' } },
          token,
        ),
      ),
    )
    expect(replies.every((reply) => reply.body.ok)).toBe(true)
    const after = await app.call(chair, 'council', 'meeting', { meetingId: meeting.id })
    expect(after.agenda[0].votes).toEqual({ for: voters.length, against: 0, abstain: 0 })
    const rows = await app.services.db
      .selectFrom('councilVotes')
      .select('memberId')
      .where('meetingId', '=', meeting.id)
      .execute()
    expect(new Set(rows.map((row) => row.memberId)).size).toBe(voters.length)
  })

  test('votes racing the closing of the topic: each counted in the tally or refused', async () => {
    const { topicId } = await approvedTopic('抢在结束前')
    const voters = [chair, ...members]
    const meeting = await openMeeting([topicId], voters)
    const [decision, ...votes] = await Promise.all([
      app.post(
        'council',
        {
          action: 'decideTopic',
          data: {
            meetingId: meeting.id,
            topicId,
            resolution: { decision: '办', executor: '村两委', dueOn: '2099-01-01' },
          },
        },
        chair,
      ),
      ...members.map((token) =>
        app.post(
          'council',
          { action: 'vote', data: { meetingId: meeting.id, topicId, choice: 'for' } },
          token,
        ),
      ),
    ])
    expect(decision.body.ok).toBe(true)
    const accepted = votes.filter((reply) => reply.body.ok).length
    const after = await app.call(chair, 'council', 'meeting', { meetingId: meeting.id })
    // The tally written when the vote ended is exactly the votes that got in before it.
    expect(after.agenda[0].votes.for).toBe(accepted)
    const rows = await app.services.db
      .selectFrom('councilAgenda')
      .select('votesFor')
      .where('meetingId', '=', meeting.id)
      .executeTakeFirstOrThrow()
    expect(Number(rows.votesFor)).toBe(accepted)
  })

  test('a member not checked in may not vote; a villager never', async () => {
    const { topicId } = await approvedTopic('未签到')
    const meeting = await openMeeting([topicId], [chair, ...members.slice(0, 4)])
    expectError(
      await app.post(
        'council',
        { action: 'vote', data: { meetingId: meeting.id, topicId, choice: 'for' } },
        members[4],
      ),
      'FAILED_PRECONDITION',
    )
    expectError(
      await app.post(
        'council',
        { action: 'vote', data: { meetingId: meeting.id, topicId, choice: 'for' } },
        await app.newMember(shilong),
      ),
      'PERMISSION_DENIED',
    )
  })
})

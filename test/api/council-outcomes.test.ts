import { runJobs } from '../../cloud/jobs'
import { villageDayOf } from '../../types/village-time'
import {
  bailu,
  engines,
  expectError,
  shilong,
  startTestApp,
  withoutDemoOnlyMembers,
  type TestApp,
} from './support/harness'
import { uploaded } from './support/photo-upload'

const day = 86_400_000

describe.each(engines)('resolutions, close-out, rating and the public board on %s', (engine) => {
  let app: TestApp
  let chair: string
  let member: string
  let reviewer: string
  let committee: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    await withoutDemoOnlyMembers(app)
    chair = await app.signIn('councilChair')
    member = await app.signIn('councilMember')
    reviewer = await app.signIn('partyReviewer')
    committee = await app.newMember(shilong, ['villageCommittee'], '村两委干部')
  })
  afterAll(() => app.close())

  // The village's clock only moves forward here (a millisecond each time it is read, so steps
  // keep their order): meetings are days ahead, resolutions fall due. Under the 30 days a
  // session lasts.
  let clock = Date.now()
  const advanceTo = (instant: number) => {
    clock = Math.max(clock, instant)
    app.services.now = () => new Date((clock += 1))
  }

  /** A meeting `daysAhead` from now, opened on its day with every voting member present. */
  async function meetingOf(topicIds: string[], daysAhead: number) {
    const startsAt = `${villageDayOf(new Date(clock + daysAhead * day))}T11:30:00.000Z`
    const meeting = await app.call(chair, 'council', 'scheduleMeeting', {
      topicIds,
      place: '文化礼堂',
      startsAt,
    })
    advanceTo(Date.parse(startsAt))
    for (const invitee of meeting.invitees) {
      await app.call(chair, 'council', 'checkIn', { meetingId: meeting.id, inviteeId: invitee.id })
    }
    await app.call(chair, 'council', 'openMeeting', { meetingId: meeting.id })
    return meeting
  }

  /** A topic from one villager's suggestion, passed at a meeting: its resolution and author. */
  async function passedTopic(title: string, showName: boolean) {
    const author = await app.newMember(shilong, [], showName ? '愿意署名的村民' : '不署名的村民')
    const filed = await app.call(author, 'council', 'fileSuggestion', {
      title,
      body: `${title}。`,
      category: 'villageAppearance',
      showName,
    })
    const topic = await app.call(member, 'council', 'createTopic', {
      suggestionIds: [filed.id],
      title,
      background: '村民反映',
    })
    await app.call(member, 'council', 'submitTopic', { topicId: topic.id })
    await app.call(reviewer, 'council', 'preReview', { topicId: topic.id, outcome: 'approved' })
    const meeting = await meetingOf([topic.id], 3)
    const invitee = meeting.invitees.find((one) => one.name.startsWith('王建国'))
    await app.call(chair, 'council', 'recordStatement', {
      meetingId: meeting.id,
      topicId: topic.id,
      inviteeId: invitee?.id ?? '',
      text: '我赞成',
    })
    for (const token of [chair, member]) {
      await app.call(token, 'council', 'vote', {
        meetingId: meeting.id,
        topicId: topic.id,
        choice: 'for',
      })
    }
    const dueOn = villageDayOf(new Date(clock + 5 * day))
    const decided = await app.call(chair, 'council', 'decideTopic', {
      meetingId: meeting.id,
      topicId: topic.id,
      resolution: { decision: `落实：${title}`, executor: '村两委', dueOn },
    })
    await app.call(chair, 'council', 'closeMeeting', { meetingId: meeting.id })
    advanceTo(clock + 3_600_000)
    const resolution = decided.agenda[0].resolution
    if (!resolution) throw new Error(`${title} did not pass`)
    return { author, suggestionId: filed.id, topicId: topic.id, resolution }
  }

  test('the loop: 两委 report, finish; the next meeting closes it out first; the author rates once', async () => {
    const year = Number(villageDayOf(new Date(clock)).slice(0, 4))
    const before = await app.call(chair, 'council', 'figures', { year })
    const { author, suggestionId, resolution } = await passedTopic('清理村口垃圾点', false)
    // Rating before the close-out is refused.
    const rate = (data: object) =>
      app.post('council', { action: 'rateSuggestion', data: { suggestionId, ...data } }, author)
    expectError(await rate({ rating: 'satisfied' }), 'FAILED_PRECONDITION')
    // Only 两委 report progress.
    expectError(
      await app.post(
        'council',
        {
          action: 'reportProgress',
          data: { resolutionId: resolution.id, text: '已清运', finished: false },
        },
        chair,
      ),
      'PERMISSION_DENIED',
    )
    const progressed = await app.call(committee, 'council', 'reportProgress', {
      resolutionId: resolution.id,
      text: '已清运一车',
      finished: false,
    })
    expect(progressed).toMatchObject({ status: 'inProgress', progress: [{ text: '已清运一车' }] })
    const finished = await app.call(committee, 'council', 'reportProgress', {
      resolutionId: resolution.id,
      text: '全部清完，装了垃圾桶',
      finished: true,
    })
    expect(finished.status).toBe('finished')
    expectError(
      await app.post(
        'council',
        {
          action: 'reportProgress',
          data: { resolutionId: resolution.id, text: '再报', finished: true },
        },
        committee,
      ),
      'FAILED_PRECONDITION',
    )

    // The next meeting: nothing is taken up before the finished resolution is closed out.
    const next = await app.call(member, 'council', 'createTopic', {
      suggestionIds: [
        (
          await app.call(author, 'council', 'fileSuggestion', {
            title: '下一个议题',
            body: '下一个。',
            category: 'other',
            showName: false,
          })
        ).id,
      ],
      title: '下一个议题',
      background: '村民反映',
    })
    await app.call(member, 'council', 'submitTopic', { topicId: next.id })
    await app.call(reviewer, 'council', 'preReview', { topicId: next.id, outcome: 'approved' })
    const meeting = await meetingOf([next.id], 4)
    const voteFirst = expectError(
      await app.post(
        'council',
        { action: 'vote', data: { meetingId: meeting.id, topicId: next.id, choice: 'for' } },
        member,
      ),
      'FAILED_PRECONDITION',
    )
    expect(voteFirst.message).toContain('销号')
    const closed = await app.call(chair, 'council', 'closeOut', {
      meetingId: meeting.id,
      resolutionId: resolution.id,
      note: '现场看过，干净了',
    })
    expect(closed.closeOuts).toEqual([
      expect.objectContaining({
        position: 1,
        topicTitle: '清理村口垃圾点',
        note: '现场看过，干净了',
      }),
    ])
    expectError(
      await app.post(
        'council',
        { action: 'closeOut', data: { meetingId: meeting.id, resolutionId: resolution.id } },
        chair,
      ),
      'FAILED_PRECONDITION',
    )
    await app.call(member, 'council', 'vote', {
      meetingId: meeting.id,
      topicId: next.id,
      choice: 'for',
    })

    // The author's timeline, from filing to close-out; then one rating.
    const [mine] = (await app.call(author, 'council', 'mySuggestions')).filter(
      (s) => s.id === suggestionId,
    )
    expect(mine.steps.map((step) => step.kind)).toEqual([
      'filed',
      'inTopic',
      'submitted',
      'approved',
      'onAgenda',
      'passed',
      'progress',
      'finished',
      'closedOut',
    ])
    // The chair's note reaches the author's timeline.
    expect(mine.steps.at(-1)?.text).toContain('现场看过，干净了')
    const replies = await Promise.all([
      rate({ rating: 'satisfied', comment: '办得好' }),
      rate({ rating: 'dissatisfied' }),
    ])
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code)).sort()
    expect(codes).toEqual(['CONFLICT', 'OK'])
    const [rated] = (await app.call(author, 'council', 'mySuggestions')).filter(
      (s) => s.id === suggestionId,
    )
    expect(rated.rating?.rating).toMatch(/^(satisfied|dissatisfied)$/)
    expect(rated.steps.at(-1)?.kind).toBe('rated')
    // Filed without the author's name: an admin outside the council reads 匿名村民 for its filing
    // and its rating; others' entries keep their names.
    const log = await app.call(await app.signIn('admin'), 'admin', 'auditLog', { limit: 100 })
    const actorOf = (action: string, target: string) =>
      log.find((entry) => entry.action === action && entry.target === target)?.actorName
    expect(actorOf('council.rateSuggestion', '建议“清理村口垃圾点”')).toBe('匿名村民')
    expect(actorOf('council.fileSuggestion', '建议“清理村口垃圾点”')).toBe('匿名村民')
    expect(actorOf('council.reportProgress', '决议“清理村口垃圾点”')).toMatch(/^村两委干部/)
    // Someone else's suggestion is not theirs to rate.
    const other = await app.newMember(shilong)
    expectError(
      await app.post(
        'council',
        { action: 'rateSuggestion', data: { suggestionId, rating: 'satisfied' } },
        other,
      ),
      'NOT_FOUND',
    )

    // The year's figures count both suggestions, answered in time, and the close-out.
    const figures = await app.call(other, 'council', 'figures', { year })
    expect(figures).toMatchObject({
      year,
      received: before.received + 2,
      answeredWithin7Days: before.answeredWithin7Days + 2,
      resolved: before.resolved + 1,
      closedOut: before.closedOut + 1,
    })
    expect(figures.averageRating).not.toBeNull()
  })

  test('the public board: status and progress for every villager, a name only where allowed', async () => {
    const named = await passedTopic('修路灯', true)
    const unnamed = await passedTopic('调解邻里纠纷', false)
    await app.call(committee, 'council', 'reportProgress', {
      resolutionId: named.resolution.id,
      text: '路灯已买',
      finished: false,
    })
    const villager = await app.newMember(shilong)
    const board = await app.call(villager, 'council', 'board')
    const lamp = board.find((item) => item.topicId === named.topicId)
    expect(lamp).toMatchObject({
      status: 'passed',
      suggestionCount: 1,
      shownNames: ['愿意署名的村民'],
      resolution: { executor: '村两委', status: 'inProgress', progress: [{ text: '路灯已买' }] },
    })
    const dispute = board.find((item) => item.topicId === unnamed.topicId)
    expect(dispute).toMatchObject({ suggestionCount: 1, shownNames: [] })
    expect(JSON.stringify(board)).not.toContain('不署名的村民')
    // Paged newest first by a cursor.
    const last = board[board.length - 1]
    const after = await app.call(villager, 'council', 'board', {
      before: { createdAt: last.createdAt, id: last.topicId },
    })
    expect(after.map((item) => item.topicId)).not.toContain(last.topicId)
    // Another village's board is its own.
    const elsewhere = await app.newMember(bailu)
    expect(await app.call(elsewhere, 'council', 'board')).toEqual([])
  })

  test('两委 report progress with photos: on the list, the board and the author’s view; a taken or foreign photo refused', async () => {
    const { resolution, author } = await passedTopic('修村口水渠', true)
    const [first, second] = [await uploaded(app, committee), await uploaded(app, committee)]
    const reported = await app.call(committee, 'council', 'reportProgress', {
      resolutionId: resolution.id,
      text: '水渠挖好一半',
      finished: false,
      photoIds: [first.id, second.id],
    })
    const photosOf = (listed: { progress: { photos: { id: string; url: string | null }[] }[] }) =>
      listed.progress[listed.progress.length - 1].photos
    expect(photosOf(reported).map((photo) => photo.id)).toEqual([first.id, second.id])
    // The chair's list and a villager's board show them, each at an address that serves it.
    const listed = (await app.call(chair, 'council', 'resolutions')).find(
      (one) => one.id === resolution.id,
    )
    const villager = await app.newMember(shilong)
    const board = (await app.call(villager, 'council', 'board')).find(
      (item) => item.topicId === resolution.topicId,
    )
    for (const shown of [listed, board?.resolution]) {
      if (!shown) throw new Error('progress not shown')
      const photos = photosOf(shown)
      expect(photos.map((photo) => photo.id)).toEqual([first.id, second.id])
      const served = await fetch(`${app.url}${photos[0].url ?? '/none'}`)
      expect(served.status).toBe(200)
    }
    // The author follows it on their timeline: the progress step carries the report's photos.
    const [mine] = await app.call(author, 'council', 'mySuggestions')
    const steps = mine.steps.filter((step) => step.photos.length > 0)
    expect(steps.map((step) => [step.kind, step.photos.map((photo) => photo.id)])).toEqual([
      ['progress', [first.id, second.id]],
    ])
    // A photo already on a report, or someone else's, is refused and nothing of the report kept.
    const authorsPhoto = await uploaded(app, author)
    for (const photoIds of [[first.id], [authorsPhoto.id]]) {
      const refused = expectError(
        await app.post(
          'council',
          {
            action: 'reportProgress',
            data: { resolutionId: resolution.id, text: '又挖了一段', finished: true, photoIds },
          },
          committee,
        ),
        'INVALID_ARGUMENT',
      )
      expect(refused.field).toBe('photoIds')
    }
    const after = (await app.call(chair, 'council', 'resolutions')).find(
      (one) => one.id === resolution.id,
    )
    expect(after).toMatchObject({ status: 'inProgress', progress: [{ text: '水渠挖好一半' }] })
    // At most three.
    const four = await Promise.all([1, 2, 3, 4].map(() => uploaded(app, committee)))
    const tooMany = expectError(
      await app.post(
        'council',
        {
          action: 'reportProgress',
          data: {
            resolutionId: resolution.id,
            text: '照片多',
            finished: false,
            photoIds: four.map((photo) => photo.id),
          },
        },
        committee,
      ),
      'INVALID_ARGUMENT',
    )
    expect(tooMany).toMatchObject({ field: 'photoIds', message: expect.stringContaining('3') })
  })

  test('points by the village’s rules, ranked; an overdue resolution is flagged to the chair once', async () => {
    const { resolution } = await passedTopic('积分与逾期', true)
    const year = Number(villageDayOf(new Date(clock)).slice(0, 4))
    const rules = await app.call(chair, 'council', 'meetingRules')
    const ranking = await app.call(member, 'council', 'points', { year })
    const wang = ranking.find((row) => row.name.startsWith('王建国'))
    expect(wang).toBeDefined()
    expect(wang?.points).toBe(
      (wang?.attended ?? 0) * rules.points.attending +
        (wang?.statements ?? 0) * rules.points.speaking +
        (wang?.topicsPassed ?? 0) * rules.points.topicPassed,
    )
    expect(wang?.statements).toBeGreaterThanOrEqual(1)
    expect(wang?.topicsPassed).toBeGreaterThanOrEqual(1)
    expect(ranking.map((row) => row.points)).toEqual(
      [...ranking.map((row) => row.points)].sort((a, b) => b - a),
    )
    expect(ranking[0].rank).toBe(1)
    // Each reader finds their own row marked, and only theirs.
    expect(ranking.filter((row) => row.mine)).toEqual([wang])
    const byChair = await app.call(chair, 'council', 'points', { year })
    expect(byChair.filter((row) => row.mine).map((row) => row.name)).toEqual([
      expect.stringMatching(/^赵德厚/),
    ])
    // The party reviewer reads the ranking without being on it.
    const byReviewer = await app.call(reviewer, 'council', 'points', { year })
    expect(byReviewer.some((row) => row.mine)).toBe(false)

    // Past its due day and not finished: overdue, told to the chair by the job, once.
    advanceTo(Date.parse(`${resolution.dueOn}T00:00:00Z`) + 2 * day)
    const listed = await app.call(chair, 'council', 'resolutions', { status: 'inProgress' })
    expect(listed.find((one) => one.id === resolution.id)?.overdue).toBe(true)
    const first = await runJobs(app.services)
    expect(first.overdueResolutions).toMatchObject({ told: expect.any(Number) })
    const messages = await app.call(chair, 'messages', 'list', { limit: 50 })
    expect(
      messages.filter((m) => m.title === '决议逾期未办完：积分与逾期').map((m) => m.link),
    ).toEqual(['/council/pages/resolutions/index'])
    const second = await runJobs(app.services)
    expect(second.overdueResolutions).toEqual({ told: 0 })
  })

  test('村两委 is granted by invitation like any role', async () => {
    const admin = await app.signIn('admin')
    const invitation = await app.call(admin, 'admin', 'createInvitation', {
      role: 'villageCommittee',
      validDays: 7,
    })
    const cadre = await app.newMember(shilong, [], '新来的村干部')
    await app.call(cadre, 'session', 'redeemInvitation', { code: invitation.code })
    const { roles } = await app.call(cadre, 'session', 'me')
    expect(roles).toContain('villageCommittee')
    expect(Array.isArray(await app.call(cadre, 'council', 'resolutions'))).toBe(true)
  })
})

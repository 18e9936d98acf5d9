import { engines, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('the demo village’s council on %s', (engine) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp(engine)
  })
  afterAll(() => app.close())

  test('a villager follows their suggestions: one in the inbox, one passed and being mended', async () => {
    const villager = await app.signIn('villager')
    const mine = await app.call(villager, 'council', 'mySuggestions')
    expect(mine.map((s) => s.title).sort()).toEqual(['村口路灯坏了', '村里垃圾桶太少'])
    const lights = mine.find((s) => s.title === '村口路灯坏了')
    expect(lights?.steps.map((step) => step.kind)).toEqual([
      'filed',
      'inTopic',
      'approved',
      'onAgenda',
      'passed',
      'progress',
    ])
    const board = await app.call(villager, 'council', 'board')
    expect(board.map((item) => [item.title, item.status])).toEqual([
      ['村前小河清理', 'scheduled'],
      ['彩礼过高', 'rejected'],
      ['村口路灯维修', 'passed'],
    ])
    expect(board[1]).toMatchObject({ notDeliberatedReason: '村规民约已有约定', shownNames: [] })
    expect(board[2]).toMatchObject({ shownNames: ['张秀英'] })
    expect(board[2].resolution?.progress).toHaveLength(1)
  })

  test('the chair has a held meeting with frozen minutes and one announced; 李明 carries out the resolution', async () => {
    const chair = await app.signIn('councilChair')
    const meetings = await app.call(chair, 'council', 'meetings')
    expect(meetings.map((m) => m.status)).toEqual(['announced', 'closed'])
    const held = await app.call(chair, 'council', 'meeting', { meetingId: meetings[1].id })
    expect(held).toMatchObject({ memberCount: 5, membersPresent: 4, quorumCount: 4 })
    expect(held.agenda[0]).toMatchObject({
      outcome: 'passed',
      votes: { for: 4, against: 0, abstain: 0 },
      myVote: 'for',
      resolution: { executor: '村两委', status: 'inProgress' },
    })
    expect(held.agenda[0].statements.map((s) => s.speakerName)).toContain('王律师')
    expect((await app.call(chair, 'council', 'inbox')).map((s) => s.title)).toEqual([
      '村里垃圾桶太少',
    ])
    const staff = await app.signIn('staff')
    const [resolution] = await app.call(staff, 'council', 'resolutions')
    expect(resolution).toMatchObject({ topicTitle: '村口路灯维修', overdue: false })
    const year = Number(new Date().toISOString().slice(0, 4))
    const ranking = await app.call(chair, 'council', 'points', { year })
    expect(ranking.length).toBeGreaterThanOrEqual(4)
  })
})

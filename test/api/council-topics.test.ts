import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('council topics and 会前预审 on %s', (engine) => {
  let app: TestApp
  let member: string
  let reviewer: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    member = await app.signIn('councilMember')
    reviewer = await app.signIn('partyReviewer')
  })
  afterAll(() => app.close())

  async function suggestion(title: string) {
    const author = await app.newMember(shilong, [], '提建议的人')
    const filed = await app.call(author, 'council', 'fileSuggestion', {
      title,
      body: `${title}，请议事会商量。`,
      category: 'villageAppearance',
      showName: true,
    })
    return { author, id: filed.id }
  }

  async function submittedTopic(title: string) {
    const filed = await suggestion(title)
    const topic = await app.call(member, 'council', 'createTopic', {
      suggestionIds: [filed.id],
      title,
      background: '村民反映多次',
      materials: [{ item: '现场照片', ready: true }],
    })
    await app.call(member, 'council', 'submitTopic', { topicId: topic.id })
    return { ...filed, topicId: topic.id }
  }

  test('two suggestions merge into one topic; both authors see the step and get a message', async () => {
    const first = await suggestion('河边垃圾')
    const second = await suggestion('河道有垃圾')
    const topic = await app.call(member, 'council', 'createTopic', {
      suggestionIds: [first.id],
      title: '河道垃圾治理',
    })
    const merged = await app.call(member, 'council', 'addToTopic', {
      topicId: topic.id,
      suggestionIds: [second.id],
    })
    expect(merged).toMatchObject({ status: 'draft', materials: [], preReviews: [] })
    expect(merged.suggestions.map((s) => s.id).sort()).toEqual([first.id, second.id].sort())
    for (const { author, id } of [first, second]) {
      const [mine] = await app.call(author, 'council', 'mySuggestions')
      expect(mine).toMatchObject({ id, status: 'inTopic', topicId: topic.id })
      expect(mine.steps.at(-1)).toMatchObject({ kind: 'inTopic', article: null })
      const [message] = await app.call(author, 'messages', 'list', { limit: 5 })
      expect(message.title).toBe('您的建议已列为议题：河道垃圾治理')
    }
    // Taken once: the inbox no longer lists it, and a second take is refused.
    expect((await app.call(member, 'council', 'inbox')).map((s) => s.id)).not.toContain(first.id)
    expectError(
      await app.post(
        'council',
        { action: 'createTopic', data: { suggestionIds: [first.id], title: '再来一次' } },
        member,
      ),
      'CONFLICT',
    )
  })

  test('a topic is submitted only with every material ready, and edited only while a draft', async () => {
    const filed = await suggestion('修桥')
    const topic = await app.call(member, 'council', 'createTopic', {
      suggestionIds: [filed.id],
      title: '修桥',
      background: '桥面开裂',
      materials: [
        { item: '现场照片', ready: true },
        { item: '费用测算', ready: false },
      ],
    })
    const refused = expectError(
      await app.post('council', { action: 'submitTopic', data: { topicId: topic.id } }, member),
      'FAILED_PRECONDITION',
    )
    expect(refused.message).toContain('费用测算')
    // The refusal changed nothing.
    expect((await app.call(member, 'council', 'topic', { topicId: topic.id })).status).toBe('draft')
    await app.call(member, 'council', 'editTopic', {
      topicId: topic.id,
      title: '修桥',
      background: '桥面开裂',
      options: '一、村里出资；二、申请镇里项目',
      materials: [
        { item: '现场照片', ready: true },
        { item: '费用测算', ready: true },
      ],
    })
    const submitted = await app.call(member, 'council', 'submitTopic', { topicId: topic.id })
    expect(submitted.status).toBe('submitted')
    expectError(
      await app.post(
        'council',
        { action: 'editTopic', data: { topicId: topic.id, title: '改名' } },
        member,
      ),
      'FAILED_PRECONDITION',
    )
    // The party reviewer reviews; a villager and a council member may not.
    expectError(
      await app.post(
        'council',
        { action: 'preReview', data: { topicId: topic.id, outcome: 'approved' } },
        member,
      ),
      'PERMISSION_DENIED',
    )
    const approved = await app.call(reviewer, 'council', 'preReview', {
      topicId: topic.id,
      outcome: 'approved',
    })
    expect(approved.status).toBe('approved')
    const [mine] = await app.call(filed.author, 'council', 'mySuggestions')
    expect(mine.steps.map((step) => step.kind)).toEqual([
      'filed',
      'inTopic',
      'submitted',
      'approved',
    ])
  })

  test('准备不充分 sends it back to rework and submit again', async () => {
    const { topicId, author } = await submittedTopic('村口停车')
    const back = await app.call(reviewer, 'council', 'preReview', {
      topicId,
      outcome: 'insufficientPreparation',
      note: '请先征求沿街住户意见',
    })
    expect(back.status).toBe('draft')
    expect(back.preReviews).toEqual([
      expect.objectContaining({ outcome: 'insufficientPreparation', outcomeLabel: '准备不充分' }),
    ])
    const [mine] = await app.call(author, 'council', 'mySuggestions')
    expect(mine.steps.at(-1)?.text).toContain('请先征求沿街住户意见')
    const again = await app.call(member, 'council', 'submitTopic', { topicId })
    expect(again.status).toBe('submitted')
  })

  test('法律政策已有规定 says which, and ends the topic', async () => {
    const { topicId, author } = await submittedTopic('宅基地面积')
    const rejected = await app.call(reviewer, 'council', 'preReview', {
      topicId,
      outcome: 'coveredByLaw',
      law: '《土地管理法》第六十二条',
    })
    expect(rejected.status).toBe('rejected')
    expect(rejected.preReviews[0].law).toBe('《土地管理法》第六十二条')
    const [mine] = await app.call(author, 'council', 'mySuggestions')
    expect(mine.steps.at(-1)).toMatchObject({ kind: 'notDeliberated', article: null })
    expectError(
      await app.post('council', { action: 'submitTopic', data: { topicId } }, member),
      'CONFLICT',
    )
  })

  test('村规民约已有约定 links an article of the current rules, which the villager sees', async () => {
    const rules = await app.call(reviewer, 'rules', 'current')
    const versions = await app.call(reviewer, 'rules', 'versions')
    const older = versions.find((version) => !version.current)
    if (!rules || !older) throw new Error('the demo village has a current and an older version')
    const oldArticle = (await app.call(reviewer, 'rules', 'version', { versionId: older.id }))
      .chapters[0].articles[0]
    const article = rules.chapters[0].articles[0]
    const { topicId, author } = await submittedTopic('彩礼太高')
    // Exactly one reason: a reason with another's detail, or none, is not a decision.
    for (const data of [
      { topicId, outcome: 'coveredByRules' },
      { topicId, outcome: 'coveredByRules', articleId: article.id, law: '婚姻法' },
      { topicId, outcome: 'rejected' },
    ]) {
      expectError(
        await app.post('council', { action: 'preReview', data }, reviewer),
        'INVALID_ARGUMENT',
      )
    }
    // An article of an older version (or another village's) is not the rules in force.
    const stale = expectError(
      await app.post(
        'council',
        {
          action: 'preReview',
          data: { topicId, outcome: 'coveredByRules', articleId: oldArticle.id },
        },
        reviewer,
      ),
      'INVALID_ARGUMENT',
    )
    expect(stale.field).toBe('articleId')
    const rejected = await app.call(reviewer, 'council', 'preReview', {
      topicId,
      outcome: 'coveredByRules',
      articleId: article.id,
    })
    expect(rejected.preReviews[0].article).toEqual({
      id: article.id,
      number: article.number,
      text: article.text,
    })
    const [mine] = await app.call(author, 'council', 'mySuggestions')
    expect(mine.steps.at(-1)).toMatchObject({
      kind: 'notDeliberated',
      text: expect.stringContaining(`第${article.number}条`),
      article: { id: article.id, number: article.number, text: article.text },
    })
    const [message] = await app.call(author, 'messages', 'list', { limit: 5 })
    expect(message.title).toBe('会前预审结果（村规民约已有约定）：彩礼太高')
  })

  test('two reviewers deciding at once leave one decision', async () => {
    const { topicId } = await submittedTopic('同时预审')
    const second = await app.newMember(shilong, ['partyReviewer'], '第二位审核人')
    const replies = await Promise.all([
      app.post(
        'council',
        { action: 'preReview', data: { topicId, outcome: 'approved' } },
        reviewer,
      ),
      app.post(
        'council',
        { action: 'preReview', data: { topicId, outcome: 'coveredByLaw', law: '某法' } },
        second,
      ),
    ])
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code)).sort()
    expect(codes).toEqual(['CONFLICT', 'OK'])
    const topic = await app.call(member, 'council', 'topic', { topicId })
    expect(topic.preReviews).toHaveLength(1)
  })

  test('another village’s council sees none of it; a villager is refused', async () => {
    const { topicId } = await submittedTopic('本村议题')
    const elsewhere = await app.newMember(bailu, ['councilMember', 'partyReviewer'], '白鹭村')
    expect(await app.call(elsewhere, 'council', 'topics')).toEqual([])
    expectError(
      await app.post('council', { action: 'topic', data: { topicId } }, elsewhere),
      'NOT_FOUND',
    )
    expectError(
      await app.post(
        'council',
        { action: 'preReview', data: { topicId, outcome: 'approved' } },
        elsewhere,
      ),
      'NOT_FOUND',
    )
    const villager = await app.newMember(shilong)
    expectError(await app.post('council', { action: 'topics' }, villager), 'PERMISSION_DENIED')
  })
})

import { bailu, engines, expectError, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('village rules on %s', (engine) => {
  let app: TestApp
  let villager: string
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    villager = await app.signIn('villager')
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('the current version has chapters and articles numbered through the whole text', async () => {
    const rules = await app.call(villager, 'rules', 'current')
    expect(rules?.title).toBe('石龙村村规民约（2024 年修订）')
    expect(rules?.adoptedOn).toBe('2024-03-15')
    expect(rules?.current).toBe(true)
    expect(rules?.chapters.map((chapter) => chapter.title)).toContain('村风民俗')
    const numbers = rules?.chapters.flatMap((chapter) =>
      chapter.articles.map((article) => article.number),
    )
    expect(numbers).toEqual(Array.from({ length: numbers?.length ?? 0 }, (_, index) => index + 1))
  })

  test('earlier versions stay readable', async () => {
    const versions = await app.call(villager, 'rules', 'versions')
    expect(versions.map((version) => [version.versionNo, version.current])).toEqual([
      [2, true],
      [1, false],
    ])
    const old = await app.call(villager, 'rules', 'version', { versionId: versions[1].id })
    expect(old.adoptedOn).toBe('2019-03-12')
    expect(old.current).toBe(false)
    expect(old.chapters[1].articles[0].text).toContain('25 桌')
  })

  test('every article has its own address, and another village’s is not found', async () => {
    const rules = await app.call(villager, 'rules', 'current')
    const article = rules!.chapters[2].articles[0]
    const detail = await app.call(villager, 'rules', 'article', { articleId: article.id })
    expect(detail.article).toEqual(article)
    expect(detail.chapter.title).toBe('村风民俗')
    expect(detail.version.current).toBe(true)

    const outsider = await app.newMember(bailu)
    expectError(
      await app.post('rules', { action: 'article', data: { articleId: article.id } }, outsider),
      'NOT_FOUND',
      404,
    )
    expectError(
      await app.post('rules', { action: 'version', data: { versionId: rules!.id } }, outsider),
      'NOT_FOUND',
    )
    expect((await app.call(outsider, 'rules', 'current'))?.title).toBe('白鹭村村规民约')
  })

  test('only an admin publishes; the new version becomes current and is audited', async () => {
    const input = {
      basedOnVersionNo: 2,
      title: '石龙村村规民约（2026 年修订）',
      adoptedOn: '2026-11-20',
      chapters: [
        { title: '总则', articles: [{ text: '全体村民共同遵守。' }] },
        {
          title: '移风易俗',
          articles: [{ text: '红白喜事简办。' }, { text: '彩礼不超过 18000 元。' }],
        },
      ],
    }
    const staff = await app.signIn('staff')
    expectError(
      await app.post('rules', { action: 'publish', data: input }, staff),
      'PERMISSION_DENIED',
      403,
    )
    expectError(
      await app.post('rules', { action: 'publish', data: input }, villager),
      'PERMISSION_DENIED',
      403,
    )

    const summary = await app.call(admin, 'rules', 'publish', input)
    expect(summary.versionNo).toBe(3)
    const current = await app.call(villager, 'rules', 'current')
    expect(current?.id).toBe(summary.id)
    expect(current?.preamble).toBe('')
    expect(current?.chapters[1].articles.map((article) => article.number)).toEqual([2, 3])
    const versions = await app.call(villager, 'rules', 'versions')
    expect(
      versions.filter((version) => version.current).map((version) => version.versionNo),
    ).toEqual([3])

    const [entry] = await app.call(admin, 'admin', 'auditLog')
    expect(entry.action).toBe('rules.publish')
    expect(entry.actorName).toBe('刘志强')
    expect(entry.before).toEqual({ versionNo: 2 })
    expect(entry.after).toMatchObject({ versionNo: 3, articles: 3 })
  })

  test('publishes racing each other never produce two versions with one number', async () => {
    // Four admins' tabs, all editing a copy of version 3.
    const input = (n: number) => ({
      basedOnVersionNo: 3,
      title: `并发版本 ${n}`,
      adoptedOn: '2026-11-21',
      chapters: [{ title: '总则', articles: [{ text: `第 ${n} 份` }] }],
    })
    const replies = await Promise.all(
      [1, 2, 3, 4].map((n) => app.post('rules', { action: 'publish', data: input(n) }, admin)),
    )
    const published = replies.filter((reply) => reply.body.ok)
    expect(published).toHaveLength(1)
    for (const reply of replies.filter((candidate) => !candidate.body.ok)) {
      expectError(reply, 'CONFLICT', 409)
    }
    const versions = await app.call(villager, 'rules', 'versions')
    const numbers = versions.map((version) => version.versionNo)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(versions.filter((version) => version.current)).toHaveLength(1)
    // Each failed publish left nothing behind: no stray chapters or articles.
    const orphans = await app.services.db
      .selectFrom('rulesChapters')
      .leftJoin('rulesVersions', 'rulesVersions.id', 'rulesChapters.versionId')
      .select('rulesChapters.id')
      .where('rulesVersions.id', 'is', null)
      .execute()
    expect(orphans).toHaveLength(0)
    expect(versions.length).toBe(3 + published.length)
  })

  test('publishing over a version someone else published meanwhile is refused, not merged', async () => {
    const latest = (await app.call(villager, 'rules', 'versions'))[0].versionNo
    const stale = {
      basedOnVersionNo: latest - 1,
      title: '过时的副本',
      adoptedOn: '2026-11-22',
      chapters: [{ title: '总则', articles: [{ text: '旧副本' }] }],
    }
    const error = expectError(
      await app.post('rules', { action: 'publish', data: stale }, admin),
      'CONFLICT',
      409,
    )
    expect(error.field).toBe('basedOnVersionNo')
    expect(error.message).toContain(`第 ${latest} 版`)
    expect((await app.call(villager, 'rules', 'current'))?.versionNo).toBe(latest)
  })
})

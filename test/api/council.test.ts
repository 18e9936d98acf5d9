import { randomUUID } from 'node:crypto'
import type { ActionInput } from '../../types/contract'
import { fakeAppId, fakeSecret, startFakeWeChat, type FakeWeChat } from './support/fake-wechat'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'
import { uploaded } from './support/photo-upload'

/** How the 操作日志 names an uploaded photo: by the random end of its id. */
const photoOf = (photo: { id: string }) => `照片 ${photo.id.slice(-8)}`

type Draft = ActionInput<'council', 'fileSuggestion'>

const draft = (changes: Partial<Draft> = {}): Draft => ({
  title: '村口路灯坏了',
  body: '村口到小学那段路的三盏路灯坏了一个多月，晚上接孩子看不清路。',
  category: 'roadsAndTraffic',
  showName: false,
  ...changes,
})

describe.each(engines)('suggestions to the council (demo mode) on %s', (engine) => {
  let app: TestApp
  let villager: string
  let member: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    villager = await app.newMember(shilong, [], '提建议的人')
    member = await app.signIn('councilMember')
  })
  afterAll(() => app.close())

  const file = (token: string, changes: Partial<Draft> = {}) =>
    app.call(token, 'council', 'fileSuggestion', draft(changes))

  test('a villager files; it is in 我的建议 and in the council inbox with who filed it', async () => {
    const filed = await file(villager)
    expect(filed).toMatchObject({
      status: 'received',
      contentCheck: 'passed',
      filedByName: expect.stringMatching(/^提建议的人（\d+号）$/),
      steps: [{ kind: 'filed', text: '建议已提交，议事会成员会尽快处理' }],
    })
    expect((await app.call(villager, 'council', 'mySuggestions')).map((s) => s.id)).toContain(
      filed.id,
    )
    const inbox = await app.call(member, 'council', 'inbox')
    expect(inbox.find((s) => s.id === filed.id)?.filedByName).toBe(filed.filedByName)
    // The inbox is the council's: a villager is refused it.
    expectError(await app.post('council', { action: 'inbox' }, villager), 'PERMISSION_DENIED')
  })

  test('the form rules are the contract’s: a title over 40 characters names its field', async () => {
    const refused = expectError(
      await app.post(
        'council',
        { action: 'fileSuggestion', data: draft({ title: '路'.repeat(41) }) },
        villager,
      ),
      'INVALID_ARGUMENT',
    )
    expect(refused.field).toBe('title')
  })

  test('the same request sent twice files one suggestion and answers the same', async () => {
    const author = await app.newMember(shilong, [], '网不好的人')
    const body = {
      action: 'fileSuggestion',
      data: draft({ title: '重发的建议' }),
      requestId: randomUUID(),
    }
    const [first, second] = [
      await app.post('council', body, author),
      await app.post('council', body, author),
    ]
    expect(second.body).toEqual(first.body)
    expect(await app.call(author, 'council', 'mySuggestions')).toHaveLength(1)
  })

  test('a word on the village list holds it for a member, who releases it', async () => {
    const held = await file(villager, { body: '谁再往河里倒垃圾就让他去死' })
    expect(held.contentCheck).toBe('held')
    expect(held.steps[0]).toMatchObject({
      kind: 'held',
      text: expect.stringContaining('先由议事会成员看过'),
    })
    const inbox = await app.call(member, 'council', 'inbox')
    expect(inbox.find((s) => s.id === held.id)?.contentCheck).toBe('held')
    const released = await app.call(member, 'council', 'release', { suggestionId: held.id })
    expect(released.contentCheck).toBe('passed')
    expect(released.steps.map((step) => step.kind)).toEqual(['held', 'released'])
    // The author hears of it in 消息, as of any other word from the council.
    const [told] = await app.call(villager, 'messages', 'list', { limit: 5 })
    expect(told).toMatchObject({
      kind: 'council',
      title: `议事会看过了您的建议：${held.title}`,
      body: '议事会成员看过了，内容没有问题，照常处理',
      link: '/suggest/pages/mine/index',
    })
    // Releasing twice is news that someone already did.
    expectError(
      await app.post('council', { action: 'release', data: { suggestionId: held.id } }, member),
      'CONFLICT',
    )
  })

  test('an answer reaches the author in 消息; the suggestion cannot be declined after', async () => {
    const filed = await file(villager, { title: '垃圾桶太少' })
    const answered = await app.call(member, 'council', 'answer', {
      suggestionId: filed.id,
      answer: '下周在村口加两个垃圾桶。',
    })
    expect(answered.status).toBe('answered')
    expect(answered.steps.at(-1)).toMatchObject({
      kind: 'answered',
      text: '下周在村口加两个垃圾桶。',
    })
    const messages = await app.call(villager, 'messages', 'list', { limit: 50 })
    expect(messages[0]).toMatchObject({
      kind: 'council',
      title: '议事会答复了您的建议：垃圾桶太少',
      body: '下周在村口加两个垃圾桶。',
      link: '/suggest/pages/mine/index',
    })
    expectError(
      await app.post(
        'council',
        { action: 'decline', data: { suggestionId: filed.id, reason: '不需要' } },
        member,
      ),
      'CONFLICT',
    )
  })

  test('two members answering and declining at once: one outcome, the other CONFLICT', async () => {
    const filed = await file(villager, { title: '同时处理' })
    const chair = await app.signIn('councilChair')
    const replies = await Promise.all([
      app.post(
        'council',
        { action: 'answer', data: { suggestionId: filed.id, answer: '好' } },
        member,
      ),
      app.post(
        'council',
        { action: 'decline', data: { suggestionId: filed.id, reason: '不行' } },
        chair,
      ),
    ])
    const codes = replies.map((reply) => (reply.body.ok ? 'OK' : reply.body.error.code)).sort()
    expect(codes).toEqual(['CONFLICT', 'OK'])
    const [mine] = (await app.call(villager, 'council', 'mySuggestions')).filter(
      (s) => s.id === filed.id,
    )
    expect(mine.steps.filter((step) => step.kind !== 'filed')).toHaveLength(1)
  })

  test('another village’s council neither sees nor handles it', async () => {
    const filed = await file(villager, { title: '本村的事' })
    const elsewhere = await app.newMember(bailu, ['councilMember'], '白鹭村议事会成员')
    expect((await app.call(elsewhere, 'council', 'inbox')).map((s) => s.id)).not.toContain(filed.id)
    expectError(
      await app.post(
        'council',
        { action: 'answer', data: { suggestionId: filed.id, answer: '好' } },
        elsewhere,
      ),
      'NOT_FOUND',
    )
  })

  test('操作日志: who filed an anonymous suggestion shows only to an admin on the council', async () => {
    const author = await app.newMember(shilong, [], '不愿署名的人')
    const [hiddenPhoto, namedPhoto] = [await uploaded(app, author), await uploaded(app, author)]
    await file(author, { title: '匿名提的建议', showName: false, photoIds: [hiddenPhoto.id] })
    await file(author, { title: '署名提的建议', showName: true, photoIds: [namedPhoto.id] })
    const filings = async (token: string) =>
      Object.fromEntries(
        (await app.call(token, 'admin', 'auditLog', { limit: 20 }))
          .filter((entry) => ['council.fileSuggestion', 'photos.upload'].includes(entry.action))
          .map((entry) => [entry.target, [entry.actorName, entry.actorVillagerNo]]),
      )
    // An admin who holds no council role: the anonymous one's filer is hidden, number too, and so
    // is who uploaded its photo (its time would give them away).
    const adminOnly = await filings(await app.signIn('admin'))
    expect(adminOnly['建议“匿名提的建议”']).toEqual(['匿名村民', null])
    expect(adminOnly[photoOf(hiddenPhoto)]).toEqual(['匿名村民', null])
    expect(adminOnly['建议“署名提的建议”']).toEqual(['不愿署名的人', expect.any(Number)])
    expect(adminOnly[photoOf(namedPhoto)]).toEqual(['不愿署名的人', expect.any(Number)])
    // An admin who is also on the council sees who filed it, as the inbox shows it.
    const onCouncil = await filings(await app.newMember(shilong, ['admin', 'councilMember']))
    expect(onCouncil['建议“匿名提的建议”']).toEqual(['不愿署名的人', expect.any(Number)])
    expect(onCouncil[photoOf(hiddenPhoto)]).toEqual(['不愿署名的人', expect.any(Number)])
  })

  test('操作日志: a photo named as entries did while ids were wholly random stays hidden too', async () => {
    const author = await app.newMember(shilong, [], '早先匿名的人')
    const photo = await uploaded(app, author)
    await file(author, { title: '早先匿名提的建议', showName: false, photoIds: [photo.id] })
    const { id: authorId } = (await app.call(author, 'session', 'me')).user
    // Such an entry named the photo by the first characters of its id.
    const earlier = `照片 ${photo.id.slice(0, 8)}`
    await app.services.db
      .insertInto('auditLog')
      .values({
        id: randomUUID(),
        villageId: 'village-shilong',
        actorKind: 'user',
        actorId: authorId,
        action: 'photos.upload',
        target: earlier,
        beforeJson: null,
        afterJson: null,
        createdAt: new Date().toISOString(),
      })
      .execute()
    const entries = await app.call(await app.signIn('admin'), 'admin', 'auditLog', { limit: 20 })
    const named = entries.filter((entry) => [earlier, photoOf(photo)].includes(entry.target))
    expect(named.map((entry) => [entry.target, entry.actorName])).toEqual(
      expect.arrayContaining([
        [earlier, '匿名村民'],
        [photoOf(photo), '匿名村民'],
      ]),
    )
    expect(named).toHaveLength(2)
  })
})

describe.each(engines)('suggestions through WeChat’s content check on %s', (engine) => {
  let app: TestApp
  let wechat: FakeWeChat
  let member: string
  beforeAll(async () => {
    wechat = await startFakeWeChat()
    wechat.words.risky['赌博'] = 20006
    wechat.words.review['上访'] = 20001
    app = await startTestApp(engine, {
      demoMode: false,
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
    })
    member = await app.newMember(shilong, ['councilMember'], '议事会成员')
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  async function wechatVillager() {
    const token = await app.newMember(shilong, [], '微信村民')
    const { user } = await app.call(token, 'session', 'me')
    await app.services.db
      .updateTable('users')
      .set({ openid: `o-${randomUUID()}` })
      .where('id', '=', user.id)
      .execute()
    return token
  }

  test('refused text is kept for its author only, who is told why', async () => {
    const author = await wechatVillager()
    const refused = await app.call(
      author,
      'council',
      'fileSuggestion',
      draft({ body: '村里有人聚众赌博' }),
    )
    expect(refused).toMatchObject({
      contentCheck: 'refused',
      steps: [{ kind: 'refused', text: expect.stringContaining('请修改后重新提交') }],
    })
    expect((await app.call(member, 'council', 'inbox')).map((s) => s.id)).not.toContain(refused.id)
    expectError(
      await app.post(
        'council',
        { action: 'answer', data: { suggestionId: refused.id, answer: '好' } },
        member,
      ),
      'NOT_FOUND',
    )
  })

  test('WeChat unsure, or unreachable for this person: held for a member, never lost', async () => {
    const author = await wechatVillager()
    const unsure = await app.call(
      author,
      'council',
      'fileSuggestion',
      draft({ body: '想去镇里上访' }),
    )
    expect(unsure.contentCheck).toBe('held')
    // Someone without a WeChat identity (added by an admin) cannot be checked by WeChat.
    const noOpenid = await app.newMember(shilong, [], '没有微信身份的人')
    const unchecked = await app.call(noOpenid, 'council', 'fileSuggestion', draft())
    expect(unchecked.contentCheck).toBe('held')
    const inbox = await app.call(member, 'council', 'inbox')
    expect(inbox.map((s) => s.id)).toEqual(expect.arrayContaining([unsure.id, unchecked.id]))
    const passed = await app.call(await wechatVillager(), 'council', 'fileSuggestion', draft())
    expect(passed.contentCheck).toBe('passed')
  })
})

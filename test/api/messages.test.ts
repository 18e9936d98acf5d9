import { randomUUID } from 'node:crypto'
import type { RulesPublishInput } from '../../types/rules'
import {
  defaultOutboxPolicy,
  drainOutbox,
  unknownOutcome,
  type SendSubscribe,
} from '../../cloud/domain/outbox'
import { WeChatError, type SubscribeMessage } from '../../cloud/wechat/wechat'
import { fakeAppId, fakeSecret, startFakeWeChat, type FakeWeChat } from './support/fake-wechat'
import {
  bailu,
  engines,
  expectError,
  shilong,
  startTestApp,
  templates,
  type TestApp,
} from './support/harness'

const rulesTemplate = 'tmpl-rules-published'
const roleTemplate = 'tmpl-role-changed'

function rulesInput(basedOnVersionNo: number, title = '石龙村村规民约（修订）'): RulesPublishInput {
  return {
    basedOnVersionNo,
    title,
    adoptedOn: '2026-11-20',
    chapters: [{ title: '总则', articles: [{ text: '全体村民共同遵守。' }] }],
  }
}

async function publishRules(app: TestApp, admin: string) {
  const versions = await app.call(admin, 'rules', 'versions')
  const latest = Math.max(0, ...versions.map((version) => version.versionNo))
  return app.call(admin, 'rules', 'publish', rulesInput(latest))
}

async function userIdOf(app: TestApp, token: string) {
  return (await app.call(token, 'session', 'me')).user.id
}

async function messagesOf(app: TestApp, token: string) {
  return app.call(token, 'messages', 'list', { limit: 50 })
}

describe.each(engines)('messages (in-app, demo mode) on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('an invitation code and a revoked role each write one message, to that person only', async () => {
    const before = await messagesOf(app, admin)
    const person = await app.newMember(shilong, [], '新来的工作人员')
    const bystander = await app.newMember(shilong)
    const { code } = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    await app.call(person, 'session', 'redeemInvitation', { code })
    const granted = await messagesOf(app, person)
    expect(granted).toEqual([
      expect.objectContaining({
        kind: 'roleChanged',
        title: '您获得了“工作人员”身份',
        link: '/pages/me/index',
        readAt: null,
      }),
    ])

    await app.call(admin, 'admin', 'revokeRole', {
      userId: await userIdOf(app, person),
      role: 'staff',
    })
    const afterRevoke = await messagesOf(app, person)
    expect(afterRevoke.map((message) => message.title)).toEqual([
      '您的“工作人员”身份已撤销',
      '您获得了“工作人员”身份',
    ])
    expect(await messagesOf(app, bystander)).toEqual([])
    expect(await messagesOf(app, admin)).toEqual(before)
  })

  test('a refused redeem writes no message (it is in the rolled-back transaction)', async () => {
    const staff = await app.newMember(shilong, ['staff'])
    const { code } = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    expectError(
      await app.post('session', { action: 'redeemInvitation', data: { code } }, staff),
      'CONFLICT',
    )
    expect(await messagesOf(app, staff)).toEqual([])
  })

  test('new village rules: a message to every member of that village and nobody else', async () => {
    const villager = await app.newMember(shilong)
    const outsider = await app.newMember(bailu)
    const summary = await publishRules(app, admin)
    const [message] = await messagesOf(app, villager)
    expect(message).toMatchObject({
      kind: 'rulesPublished',
      title: `村规民约第 ${summary.versionNo} 版发布了`,
      link: '/pages/rules/index',
    })
    expect(await messagesOf(app, outsider)).toEqual([])
    const { count } = await app.services.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('kind', '=', 'rulesPublished')
      .executeTakeFirstOrThrow()
    const members = await app.services.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('villageId', '=', shilong)
      .executeTakeFirstOrThrow()
    expect(Number(count)).toBe(Number(members.count))
    // Demo mode: in-app only, nothing for WeChat.
    const queued = await app.services.db.selectFrom('outbox').select('id').execute()
    expect(queued).toEqual([])
    expect(await app.call(villager, 'messages', 'subscribeTemplates')).toEqual({ templateIds: [] })
  })

  test('unread count, paging by (createdAt, id), mark one and mark all read', async () => {
    const me = await app.newMember(shilong)
    const userId = await userIdOf(app, me)
    // Five messages in the same millisecond: the id tells them apart at a page boundary.
    const at = new Date().toISOString()
    await app.services.db
      .insertInto('messages')
      .values(
        [1, 2, 3, 4, 5].map((n) => ({
          id: `m-${userId}-${n}`,
          villageId: shilong,
          recipientId: userId,
          kind: 'rulesPublished',
          title: `消息 ${n}`,
          body: '',
          link: null,
          createdAt: at,
        })),
      )
      .execute()
    expect(await app.call(me, 'messages', 'unreadCount')).toEqual({ unread: 5 })
    const first = await app.call(me, 'messages', 'list', { limit: 2 })
    const last = first[first.length - 1]
    const second = await app.call(me, 'messages', 'list', {
      limit: 10,
      before: { createdAt: last.createdAt, id: last.id },
    })
    expect([...first, ...second].map((message) => message.title)).toEqual([
      '消息 5',
      '消息 4',
      '消息 3',
      '消息 2',
      '消息 1',
    ])
    expect(await app.call(me, 'messages', 'markRead', { messageId: first[0].id })).toEqual({
      unread: 4,
    })
    // Marking it again changes nothing.
    expect(await app.call(me, 'messages', 'markRead', { messageId: first[0].id })).toEqual({
      unread: 4,
    })
    const [read] = await app.call(me, 'messages', 'list', { limit: 1 })
    expect(read.readAt).not.toBeNull()
    expect(await app.call(me, 'messages', 'markRead', { all: true })).toEqual({ unread: 0 })
  })

  test('a villager reads and marks only their own messages', async () => {
    const owner = await app.newMember(shilong)
    const other = await app.newMember(shilong)
    await publishRules(app, admin)
    const [mine] = await messagesOf(app, owner)
    const othersBefore = await app.call(other, 'messages', 'unreadCount')
    expectError(
      await app.post('messages', { action: 'markRead', data: { messageId: mine.id } }, other),
      'NOT_FOUND',
    )
    await app.call(other, 'messages', 'markRead', { all: true })
    expect((await messagesOf(app, owner))[0].readAt).toBeNull()
    expect((await messagesOf(app, other)).map((message) => message.id)).not.toContain(mine.id)
    expect(othersBefore.unread).toBeGreaterThan(0)
    expectError(await app.post('messages', { action: 'list' }, null), 'UNAUTHENTICATED', 401)
    // An identity in the payload is not obeyed: a payload takes no keys beyond its contract.
    const forged = await app.post(
      'messages',
      { action: 'list', data: { limit: 50, userId: await userIdOf(app, owner) } },
      other,
    )
    expect(expectError(forged, 'INVALID_ARGUMENT', 400).message).toBe('有多余的内容：userId')
  })
})

/** A stand-in for WeChat's subscribeMessage.send that records what it was asked to send. */
function recordingSender(answer: (message: SubscribeMessage) => Promise<void> = async () => {}) {
  const sent: SubscribeMessage[] = []
  const send: SendSubscribe = async (message) => {
    sent.push(message)
    await answer(message)
  }
  return { sent, send }
}

const wechatError = (errcode: number) => new WeChatError(errcode, `errcode ${errcode}`)

describe.each(engines)('subscribe messages through the outbox on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine, {
      demoMode: false,
      wxTemplates: templates({ rulesPublished: rulesTemplate, roleChanged: roleTemplate }),
      wxMiniprogramState: 'trial',
    })
    admin = await app.newMember(shilong, ['admin'], '管理员')
  })
  afterAll(() => app.close())

  const drain = (send: SendSubscribe, at = new Date(), policy = defaultOutboxPolicy) =>
    drainOutbox(app.services.db, app.services.config, () => at, send, policy)

  /** A villager signed in through WeChat (with an openid), who accepted `grants` sends. */
  async function wechatVillager(grants: Partial<Record<string, boolean>> = {}) {
    const token = await app.newMember(shilong, [], '微信村民')
    const userId = await userIdOf(app, token)
    const openid = `o-${randomUUID()}`
    await app.services.db.updateTable('users').set({ openid }).where('id', '=', userId).execute()
    const results = Object.entries(grants).map(([templateId, accepted]) => ({
      templateId,
      accepted: Boolean(accepted),
    }))
    if (results.length) await app.call(token, 'messages', 'recordSubscription', { results })
    return { token, userId, openid }
  }

  async function grantsOf(userId: string) {
    const rows = await app.services.db
      .selectFrom('subscriptionGrants')
      .select(['templateId', 'remaining'])
      .where('userId', '=', userId)
      .orderBy('templateId')
      .execute()
    return Object.fromEntries(rows.map((row) => [row.templateId, Number(row.remaining)]))
  }

  async function outboxOf(userId: string) {
    return app.services.db
      .selectFrom('outbox')
      .innerJoin('messages', 'messages.id', 'outbox.messageId')
      .selectAll('outbox')
      .where('messages.recipientId', '=', userId)
      .orderBy('outbox.createdAt')
      .execute()
  }

  /** Clears what earlier tests left (waiting rows, unused grants): each test sees only its own. */
  async function settleEverything() {
    await app.services.db
      .updateTable('outbox')
      .set({ status: 'skipped' })
      .where('status', 'in', ['waiting', 'sending'])
      .execute()
    await app.services.db.updateTable('subscriptionGrants').set({ remaining: 0 }).execute()
  }

  test('asks for the configured templates; records accepted ones, ignores rejected and unknown ones', async () => {
    const { token, userId } = await wechatVillager()
    expect(await app.call(token, 'messages', 'subscribeTemplates')).toEqual({
      templateIds: [rulesTemplate, roleTemplate],
    })
    // One kind's alone, as a booking asks; a kind without a template has nothing to ask.
    expect(
      await app.call(token, 'messages', 'subscribeTemplates', { kind: 'roleChanged' }),
    ).toEqual({ templateIds: [roleTemplate] })
    expect(
      await app.call(token, 'messages', 'subscribeTemplates', { kind: 'appointment' }),
    ).toEqual({ templateIds: [] })
    const answer = await app.call(token, 'messages', 'recordSubscription', {
      results: [
        { templateId: rulesTemplate, accepted: true },
        { templateId: roleTemplate, accepted: false },
        { templateId: 'someone-elses-template', accepted: true },
      ],
    })
    expect(answer).toEqual({ recorded: 1 })
    // Each acceptance is one more send.
    await app.call(token, 'messages', 'recordSubscription', {
      results: [{ templateId: rulesTemplate, accepted: true }],
    })
    expect(await grantsOf(userId)).toEqual({ [rulesTemplate]: 2 })
    expectError(
      await app.post(
        'messages',
        {
          action: 'recordSubscription',
          data: {
            results: [1, 2, 3, 4].map(() => ({ templateId: rulesTemplate, accepted: true })),
          },
        },
        token,
      ),
      'INVALID_ARGUMENT',
    )
  })

  test('one accepted send is used by one message; with none left it stays in-app only', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    const without = await wechatVillager()
    await publishRules(app, admin)
    expect(await grantsOf(villager.userId)).toEqual({ [rulesTemplate]: 0 })
    expect(await outboxOf(villager.userId)).toHaveLength(1)
    expect(await outboxOf(without.userId)).toEqual([])

    const { sent, send } = recordingSender()
    const report = await drain(send)
    expect(report).toMatchObject({ sent: 1, failed: 0, retried: 0 })
    expect(sent).toEqual([
      {
        touser: villager.openid,
        templateId: rulesTemplate,
        page: 'pages/rules/index',
        data: {
          thing1: expect.stringMatching(/^村规民约第 \d+ 版发布了$/),
          time2: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/),
          thing3: expect.stringContaining('石龙村村规民约'),
        },
        miniprogramState: 'trial',
      },
    ])
    expect(await outboxOf(villager.userId)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 1, lastError: null }),
    ])

    // The second publish finds no grant left: in-app 消息 only.
    await publishRules(app, admin)
    expect(await outboxOf(villager.userId)).toHaveLength(1)
    expect(await messagesOf(app, villager.token)).toHaveLength(2)
    expect((await drain(send)).sent).toBe(0)
    expect(sent).toHaveLength(1)
  })

  test('a role message uses the role template; the rules grant is left alone', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [roleTemplate]: true, [rulesTemplate]: true })
    const { code } = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    await app.call(villager.token, 'session', 'redeemInvitation', { code })
    expect(await grantsOf(villager.userId)).toEqual({ [roleTemplate]: 0, [rulesTemplate]: 1 })
    const { sent, send } = recordingSender()
    await drain(send)
    expect(sent).toEqual([
      expect.objectContaining({
        templateId: roleTemplate,
        page: 'pages/me/index',
        touser: villager.openid,
      }),
    ])
  })

  test('43101 (no send left at WeChat) fails at once with the reason and is never retried', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    await publishRules(app, admin)
    const refusing = recordingSender(() => Promise.reject(wechatError(43101)))
    expect(await drain(refusing.send)).toMatchObject({ failed: 1, retried: 0 })
    const [row] = await outboxOf(villager.userId)
    expect(row.status).toBe('failed')
    expect(row.lastError).toContain('订阅次数')
    const later = new Date(Date.now() + 86400_000)
    expect((await drain(refusing.send, later)).failed).toBe(0)
    expect(refusing.sent).toHaveLength(1)
  })

  test('45009 (rate limited) is retried with exponential backoff, then given up', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    await publishRules(app, admin)
    const policy = { ...defaultOutboxPolicy, maxAttempts: 3, baseDelayMs: 60_000 }
    const busy = recordingSender(() => Promise.reject(wechatError(45009)))
    const start = Date.now()
    const at = (ms: number) => new Date(start + ms)

    expect(await drain(busy.send, at(0), policy)).toMatchObject({ retried: 1 })
    let [row] = await outboxOf(villager.userId)
    expect(row).toMatchObject({ status: 'waiting', attempts: 1, claimToken: null })
    expect(row.lastError).toContain('45009')
    expect(row.nextAttemptAt).toBe(at(60_000).toISOString())
    // Not due yet: not sent again.
    await drain(busy.send, at(59_000), policy)
    expect(busy.sent).toHaveLength(1)

    await drain(busy.send, at(60_000), policy)
    ;[row] = await outboxOf(villager.userId)
    expect(row).toMatchObject({ status: 'waiting', attempts: 2 })
    // Twice as long the second time.
    expect(row.nextAttemptAt).toBe(at(60_000 + 120_000).toISOString())

    expect(await drain(busy.send, at(180_000), policy)).toMatchObject({ failed: 1 })
    ;[row] = await outboxOf(villager.userId)
    expect(row).toMatchObject({ status: 'failed', attempts: 3 })
    expect(row.lastError).toMatch(/试了 3 次/)
    await drain(busy.send, at(10 * 3600_000), policy)
    expect(busy.sent).toHaveLength(3)
  })

  test('two drains at once send every message exactly once', async () => {
    await settleEverything()
    const villagers = await Promise.all(
      Array.from({ length: 8 }, () => wechatVillager({ [rulesTemplate]: true })),
    )
    await publishRules(app, admin)
    // A sender that yields, so the two runs interleave between claim and settle.
    const { sent, send } = recordingSender(() => new Promise((resolve) => setTimeout(resolve, 5)))
    const reports = await Promise.all([drain(send), drain(send), drain(send)])
    expect(reports.reduce((total, report) => total + report.sent, 0)).toBe(8)
    expect(sent.map((message) => message.touser).sort()).toEqual(
      villagers.map((villager) => villager.openid).sort(),
    )
  })

  test('a run that dies between claim and send: the message is given up, never sent twice', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    await publishRules(app, admin)
    const start = Date.now()
    // The first run claims the row and then hangs inside the send (a killed process looks the
    // same to the database: a row in `sending` that nobody settles).
    let finishHungSend: () => void = () => {}
    const hung = recordingSender(
      () => new Promise<void>((resolve) => (finishHungSend = () => resolve())),
    )
    const dying = drain(hung.send, new Date(start))
    await waitFor(async () => (await outboxOf(villager.userId))[0]?.status === 'sending')
    expect(hung.sent).toHaveLength(1)

    // A second run soon after leaves the claim alone: its owner may still be working.
    const second = recordingSender()
    expect(await drain(second.send, new Date(start + 60_000))).toMatchObject({
      sent: 0,
      abandoned: 0,
    })
    // Once the claim is stale, it is settled as failed, not sent again.
    const later = new Date(start + defaultOutboxPolicy.claimTimeoutMs + 1)
    expect(await drain(second.send, later)).toMatchObject({ sent: 0, abandoned: 1 })
    expect(second.sent).toEqual([])
    let [row] = await outboxOf(villager.userId)
    expect(row).toMatchObject({ status: 'failed', lastError: unknownOutcome, attempts: 1 })
    await drain(second.send, new Date(start + 86400_000))
    expect(second.sent).toEqual([])

    // If the hung run does get WeChat's answer in the end, the row records the truth.
    finishHungSend()
    await dying
    ;[row] = await outboxOf(villager.userId)
    expect(row.status).toBe('sent')
    expect(hung.sent).toHaveLength(1)
  })

  test('no answer from WeChat (-1) is retried; each retry is claimed by one run only', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    await publishRules(app, admin)
    const offline = recordingSender(() =>
      Promise.reject(WeChatError.network('subscribeMessage.send', new Error('ECONNRESET'))),
    )
    await drain(offline.send)
    const [row] = await outboxOf(villager.userId)
    expect(row).toMatchObject({ status: 'waiting', attempts: 1 })
    const ok = recordingSender()
    const later = new Date(Date.now() + 3600_000)
    await Promise.all([drain(ok.send, later), drain(ok.send, later)])
    expect(ok.sent).toHaveLength(1)
    expect((await outboxOf(villager.userId))[0]).toMatchObject({ status: 'sent', attempts: 2 })
  })

  test('a sender that throws something other than a WeChat answer is not retried', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    await publishRules(app, admin)
    const buggy = recordingSender(() => Promise.reject(new TypeError('oops')))
    expect(await drain(buggy.send)).toMatchObject({ failed: 1, retried: 0 })
    const [row] = await outboxOf(villager.userId)
    expect(row.status).toBe('failed')
    expect(row.lastError).toContain('为免重复不再发送')
    await drain(buggy.send, new Date(Date.now() + 86400_000))
    expect(buggy.sent).toHaveLength(1)
  })

  test('a message whose template is no longer configured is skipped, not sent', async () => {
    await settleEverything()
    const villager = await wechatVillager({ [rulesTemplate]: true })
    await publishRules(app, admin)
    const { sent, send } = recordingSender()
    const report = await drainOutbox(
      app.services.db,
      {
        ...app.services.config,
        wxTemplates: templates({ roleChanged: roleTemplate }),
      },
      () => new Date(),
      send,
    )
    expect(report.skipped).toBe(1)
    expect(sent).toEqual([])
    expect((await outboxOf(villager.userId))[0].status).toBe('skipped')
  })

  test('the admin sees the village outbox with reasons; nobody else does', async () => {
    const list = await app.call(admin, 'admin', 'outbox')
    expect(list.length).toBeGreaterThan(0)
    expect(list.map((entry) => entry.status)).toEqual(
      expect.arrayContaining(['sent', 'failed', 'skipped']),
    )
    const failed = await app.call(admin, 'admin', 'outbox', { status: 'failed' })
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.every((entry) => entry.status === 'failed' && entry.lastError)).toBe(true)
    expect(failed[0]).toMatchObject({ recipientName: '微信村民', kind: 'rulesPublished' })

    const otherAdmin = await app.newMember(bailu, ['admin'])
    expect(await app.call(otherAdmin, 'admin', 'outbox')).toEqual([])
    const villager = await app.newMember(shilong)
    expectError(await app.post('admin', { action: 'outbox' }, villager), 'PERMISSION_DENIED', 403)
  })
})

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe.each(engines)('the gateway drains the outbox to (fake) WeChat on %s', (engine) => {
  let app: TestApp
  let fake: FakeWeChat
  beforeAll(async () => {
    fake = await startFakeWeChat()
    app = await startTestApp(engine, {
      demoMode: false,
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: fake.base,
      wxTemplates: templates({ rulesPublished: rulesTemplate }),
      // Asked for here: the jobs run on the gateway's own interval, every 50 ms.
      jobIntervalSeconds: 0.05,
    })
  })
  afterAll(async () => {
    await app.close()
    await fake.close()
  })

  test('consented villagers get the WeChat message once, cut to its limits; a refusal is kept with its reason', async () => {
    const admin = await app.newMember(shilong, ['admin'])
    const villagers = []
    for (const openid of [`o-${randomUUID()}`, `o-${randomUUID()}`]) {
      const token = await app.newMember(shilong)
      const userId = await userIdOf(app, token)
      await app.services.db.updateTable('users').set({ openid }).where('id', '=', userId).execute()
      await app.call(token, 'messages', 'recordSubscription', {
        results: [{ templateId: rulesTemplate, accepted: true }],
      })
      villagers.push({ token, userId, openid })
    }
    const [willing, refusing] = villagers
    // WeChat no longer holds this one's acceptance (e.g. withdrawn in WeChat's settings).
    fake.refuseConsent(refusing.openid)
    const versions = await app.call(admin, 'rules', 'versions')
    const latest = Math.max(0, ...versions.map((version) => version.versionNo))
    // A title that makes the thing3 value far longer than WeChat's 20 characters.
    await app.call(
      admin,
      'rules',
      'publish',
      rulesInput(latest, '石龙村村规民约（二〇二六年十一月村民代表大会修订版）'),
    )

    const statusOf = async (userId: string) =>
      (
        await app.services.db
          .selectFrom('outbox')
          .innerJoin('messages', 'messages.id', 'outbox.messageId')
          .select(['outbox.status', 'outbox.lastError'])
          .where('messages.recipientId', '=', userId)
          .executeTakeFirst()
      )?.status
    await waitFor(async () => (await statusOf(willing.userId)) === 'sent')
    await waitFor(async () => (await statusOf(refusing.userId)) === 'failed')

    expect(fake.messages).toEqual([
      expect.objectContaining({ touser: willing.openid, templateId: rulesTemplate }),
    ])
    const { thing3 } = fake.messages[0].data
    expect(Array.from(thing3)).toHaveLength(20)
    expect(thing3.endsWith('…')).toBe(true)

    const admins = await app.call(admin, 'admin', 'outbox', { status: 'failed' })
    expect(admins[0].lastError).toContain('订阅次数')
    // Later runs of the interval send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(fake.messages).toHaveLength(1)
  })
})

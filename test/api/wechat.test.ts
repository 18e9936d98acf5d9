import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../../cloud/core/errors'
import { createHttpsWeChat } from '../../cloud/wechat/https-wechat'
import { WeChatError, type SubscribeMessage, type WeChat } from '../../cloud/wechat/wechat'
import {
  fakeAppId,
  fakeCodeImage,
  fakeSecret,
  startFakeWeChat,
  type FakeWeChat,
} from './support/fake-wechat'

// The gateway's WeChat (HTTPS, own access token) against a local server that answers as WeChat.

let fake: FakeWeChat
let clock: number
let wechat: WeChat

const message = (overrides: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
  touser: 'openid-1',
  templateId: 'tmpl-reply',
  page: 'pages/index/index',
  data: { thing1: '村口路灯坏了', phrase2: '已受理', time3: '2026年11月28日 15:01' },
  miniprogramState: 'formal',
  ...overrides,
})

/** The WeChatError a call fails with (fails the test if it succeeds or throws anything else). */
async function refusal(call: Promise<unknown>): Promise<WeChatError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(WeChatError)
  return error as WeChatError
}

const tokenRequests = () => fake.requestsTo('/cgi-bin/stable_token')

beforeEach(async () => {
  fake = await startFakeWeChat()
  clock = Date.now()
  wechat = createHttpsWeChat(
    { wxAppId: fakeAppId, wxSecret: fakeSecret, wxApiBase: fake.base },
    { now: () => clock },
  )
})
afterEach(() => fake.close())

describe('access token', () => {
  test('one stable_token request serves many concurrent calls', async () => {
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        wechat.sendSubscribeMessage(message({ touser: `o${i}` })),
      ),
      wechat.msgSecCheck({ content: '你好', openid: 'openid-1', scene: 2 }),
    ])
    await wechat.mediaCheckAsync({
      mediaUrl: 'https://x/1.jpg',
      mediaType: 2,
      openid: 'o',
      scene: 3,
    })
    expect(tokenRequests().map((request) => request.body)).toEqual([
      {
        grant_type: 'client_credential',
        appid: fakeAppId,
        secret: fakeSecret,
        force_refresh: false,
      },
    ])
    const used = fake.requests
      .filter((request) => request.path !== '/cgi-bin/stable_token')
      .map((request) => request.query.access_token)
    expect(used).toHaveLength(7)
    expect(new Set(used)).toEqual(new Set(['token-1']))
    expect(fake.messages).toHaveLength(5)
  })

  test('is fetched again shortly before expires_in runs out, without a refused call', async () => {
    await wechat.sendSubscribeMessage(message())
    clock += 7200_000 - 60_000 // a minute before WeChat's end of the token
    fake.expireTokens()
    await wechat.sendSubscribeMessage(message())
    expect(tokenRequests().map((request) => request.body.force_refresh)).toEqual([false, false])
    const sends = fake.requestsTo('/cgi-bin/message/subscribe/send')
    expect(sends.map((request) => request.query.access_token)).toEqual(['token-1', 'token-2'])
    expect(fake.messages).toHaveLength(2)
  })

  test('a token WeChat calls invalid (40001) is force-refreshed once and the call retried once', async () => {
    await wechat.sendSubscribeMessage(message())
    fake.invalidateTokens()
    // Three callers meet the invalid token at once: one forced refresh serves them all.
    await Promise.all(
      [1, 2, 3].map(() => wechat.msgSecCheck({ content: '好', openid: 'o', scene: 2 })),
    )
    expect(tokenRequests().map((request) => request.body.force_refresh)).toEqual([false, true])
    const checks = fake
      .requestsTo('/wxa/msg_sec_check')
      .map((request) => request.query.access_token)
    expect(checks).toEqual(['token-1', 'token-1', 'token-1', 'token-2', 'token-2', 'token-2'])
  })

  test('an expired token (42001) is refreshed and the call retried', async () => {
    await wechat.sendSubscribeMessage(message())
    fake.expireTokens()
    await wechat.sendSubscribeMessage(message())
    expect(tokenRequests().map((request) => request.body.force_refresh)).toEqual([false, true])
    expect(fake.messages).toHaveLength(2)
  })

  test('refused again after the refresh: no second retry, the error is not retryable', async () => {
    fake.failNext('/wxa/media_check_async', 40001, 40001)
    const error = await refusal(
      wechat.mediaCheckAsync({ mediaUrl: 'https://x/1.jpg', mediaType: 2, openid: 'o', scene: 3 }),
    )
    expect(error.errcode).toBe(40001)
    expect(error.retryable).toBe(false)
    expect(fake.requestsTo('/wxa/media_check_async')).toHaveLength(2)
    expect(tokenRequests()).toHaveLength(2)
  })

  test('without WX_APPID/WX_SECRET a server call is refused before reaching WeChat', async () => {
    const unconfigured = createHttpsWeChat({ wxAppId: null, wxSecret: null, wxApiBase: fake.base })
    const error = await refusal(unconfigured.sendSubscribeMessage(message()))
    expect(error.retryable).toBe(false)
    // Signing in keeps its villager-facing answer.
    await expect(unconfigured.code2Session('good-1')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '服务器还没有配置微信登录，请联系村里管理员',
    })
    expect(fake.requests).toEqual([])
  })
})

describe('subscribe messages', () => {
  test('sent as WeChat expects, values cut to their limits', async () => {
    await wechat.sendSubscribeMessage(
      message({
        data: { thing1: '关于村口道路年久失修、雨天积水严重、老人出行不便的建议', name2: '张秀英' },
        miniprogramState: 'trial',
      }),
    )
    const [request] = fake.requestsTo('/cgi-bin/message/subscribe/send')
    expect(request.body).toMatchObject({
      touser: 'openid-1',
      template_id: 'tmpl-reply',
      page: 'pages/index/index',
      miniprogram_state: 'trial',
      lang: 'zh_CN',
    })
    expect(fake.messages[0].data).toEqual({
      thing1: '关于村口道路年久失修、雨天积水严重、老…', // 19 characters and the ellipsis
      name2: '张秀英',
    })
  })

  test('WeChat refusals: 43101 and 47003 are final, 45009 and -1 retryable', async () => {
    fake.refuseConsent('openid-9')
    const noConsent = await refusal(wechat.sendSubscribeMessage(message({ touser: 'openid-9' })))
    expect(noConsent).toMatchObject({ errcode: 43101, retryable: false })

    // A phrase is Chinese only: cutting cannot fix it, WeChat refuses the data.
    const badData = await refusal(wechat.sendSubscribeMessage(message({ data: { phrase1: 'OK' } })))
    expect(badData).toMatchObject({ errcode: 47003, retryable: false })

    fake.failNext('/cgi-bin/message/subscribe/send', 45009, -1)
    const limited = await refusal(wechat.sendSubscribeMessage(message()))
    expect(limited).toMatchObject({ errcode: 45009, retryable: true })
    const busy = await refusal(wechat.sendSubscribeMessage(message()))
    expect(busy).toMatchObject({ errcode: -1, retryable: true })

    expect(fake.messages).toEqual([])
    await wechat.sendSubscribeMessage(message())
    expect(fake.messages).toHaveLength(1)
  })
})

describe('content security', () => {
  test('msgSecCheck version 2 answers pass, review or risky with the label', async () => {
    fake.words.risky['赌博'] = 20006
    fake.words.review['加微信'] = 10001
    const check = (content: string) =>
      wechat.msgSecCheck({ content, openid: 'openid-1', scene: 3, title: '建议' })
    expect(await check('村口的路灯坏了')).toEqual({ suggest: 'pass', label: 100 })
    expect(await check('有事加微信聊')).toEqual({ suggest: 'review', label: 10001 })
    expect(await check('晚上来赌博')).toEqual({ suggest: 'risky', label: 20006 })
    expect(fake.requestsTo('/wxa/msg_sec_check')[0].body).toEqual({
      content: '村口的路灯坏了',
      version: 2,
      scene: 3,
      openid: 'openid-1',
      title: '建议',
    })
  })

  test('text over 2,500 characters is checked in parts and the worst verdict wins', async () => {
    fake.words.review['加微信'] = 10001
    const verdict = await wechat.msgSecCheck({
      content: '好'.repeat(2600) + '加微信',
      openid: 'openid-1',
      scene: 2,
    })
    expect(verdict).toEqual({ suggest: 'review', label: 10001 })
    const parts = fake.requestsTo('/wxa/msg_sec_check').map((r) => String(r.body.content).length)
    expect(parts).toEqual([2500, 103])
  })

  test('mediaCheckAsync answers a trace id at once', async () => {
    const first = await wechat.mediaCheckAsync({
      mediaUrl: 'https://example.com/a.jpg',
      mediaType: 2,
      openid: 'openid-1',
      scene: 3,
    })
    const second = await wechat.mediaCheckAsync({
      mediaUrl: 'https://example.com/b.mp3',
      mediaType: 1,
      openid: 'openid-1',
      scene: 3,
    })
    expect(first.traceId).not.toBe(second.traceId)
    expect(fake.requestsTo('/wxa/media_check_async')[0].body).toEqual({
      media_url: 'https://example.com/a.jpg',
      media_type: 2,
      version: 2,
      scene: 3,
      openid: 'openid-1',
    })
  })
})

describe('小程序码', () => {
  const code = (scene: string, page = 'pages/index/index') =>
    wechat.getUnlimitedCode({ scene, page, checkPath: true, envVersion: 'release', width: 430 })

  test('answers the image bytes', async () => {
    const image = await code('v=village-shilong')
    expect(image.equals(fakeCodeImage)).toBe(true)
    expect(image.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect(fake.requestsTo('/wxa/getwxacodeunlimit')[0].body).toEqual({
      scene: 'v=village-shilong',
      page: 'pages/index/index',
      check_path: true,
      env_version: 'release',
      width: 430,
    })
  })

  test("WeChat's JSON refusal becomes a WeChatError, not an image", async () => {
    expect(await refusal(code('v=' + 'x'.repeat(31)))).toMatchObject({ errcode: 40169 })
    expect(await refusal(code('v=石龙村'))).toMatchObject({ errcode: 40169, retryable: false })
    expect(await refusal(code('v=1', '/pages/index/index'))).toMatchObject({ errcode: 41030 })
    fake.failNext('/wxa/getwxacodeunlimit', 45009)
    expect(await refusal(code('v=1'))).toMatchObject({ errcode: 45009, retryable: true })
  })
})

describe('network failures are retryable', () => {
  test('nobody listening', async () => {
    const closedBase = fake.base
    await fake.close()
    fake = await startFakeWeChat() // for afterEach
    const offline = createHttpsWeChat({
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: closedBase,
    })
    expect(await refusal(offline.sendSubscribeMessage(message()))).toMatchObject({
      errcode: -1,
      retryable: true,
    })
    // Signing in says so in Chinese.
    await expect(offline.code2Session('good-1')).rejects.toEqual(
      new AppError('INTERNAL', '暂时连不上微信，请稍后再试'),
    )
  })

  test('an answer that never comes times out', async () => {
    const silent = http.createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const slow = createHttpsWeChat(
        {
          wxAppId: fakeAppId,
          wxSecret: fakeSecret,
          wxApiBase: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        },
        { timeoutMs: 200 },
      )
      const started = Date.now()
      const error = await refusal(slow.msgSecCheck({ content: '好', openid: 'openid-1', scene: 2 }))
      expect(error.retryable).toBe(true)
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      silent.closeAllConnections()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})

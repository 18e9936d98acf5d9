import {
  cloudOpenapiPermissions,
  createCloudWeChat,
  type CloudOpenApi,
} from '../../cloud/wechat/cloud-wechat'
import { WeChatError } from '../../cloud/wechat/wechat'

// The cloud function's WeChat against a stand-in for wx-server-sdk's `cloud.openapi`, which
// takes camelCase arguments, answers camelCase and throws `{ errCode, errMsg }` on a refusal.

interface Call {
  api: string
  data: Record<string, unknown>
}

function stubOpenApi(answer: (call: Call) => unknown) {
  const calls: Call[] = []
  const group = (name: string) =>
    new Proxy(
      {},
      {
        get: (_, method) => async (data: Record<string, unknown>) => {
          const call = { api: `${name}.${String(method)}`, data }
          calls.push(call)
          return answer(call)
        },
      },
    )
  const openapi = new Proxy({}, { get: (_, name) => group(String(name)) }) as CloudOpenApi
  return { openapi, calls }
}

const png = Buffer.from('89504e470d0a1a0a', 'hex')

function answers({ api, data }: Call): unknown {
  switch (api) {
    case 'security.msgSecCheck':
      return String(data.content).includes('赌博')
        ? { errCode: 0, result: { suggest: 'risky', label: 20006 }, traceId: 't' }
        : { errCode: 0, result: { suggest: 'pass', label: 100 }, traceId: 't' }
    case 'security.mediaCheckAsync':
      return { errCode: 0, traceId: 'trace-1' }
    case 'wxacode.getUnlimited':
      return { errCode: 0, contentType: 'image/png', buffer: png }
    default:
      return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
  }
}

test('calls exactly the openapi it declares (config.json permissions), with WeChat’s arguments', async () => {
  const { openapi, calls } = stubOpenApi(answers)
  const wechat = createCloudWeChat(openapi)
  await wechat.sendSubscribeMessage({
    touser: 'openid-1',
    templateId: 'tmpl',
    page: 'pages/index/index',
    data: { thing1: '一二三四五六七八九十一二三四五六七八九十一', time2: '2026年11月28日 15:01' },
    miniprogramState: 'developer',
  })
  expect(await wechat.msgSecCheck({ content: '路灯坏了', openid: 'o', scene: 2 })).toEqual({
    suggest: 'pass',
    label: 100,
  })
  expect(
    await wechat.msgSecCheck({ content: '来赌博', openid: 'o', scene: 3, title: 't' }),
  ).toEqual({
    suggest: 'risky',
    label: 20006,
  })
  expect(
    await wechat.mediaCheckAsync({
      mediaUrl: 'https://x/a.jpg',
      mediaType: 2,
      openid: 'o',
      scene: 3,
    }),
  ).toEqual({ traceId: 'trace-1' })
  const image = await wechat.getUnlimitedCode({
    scene: 'v=1',
    page: 'pages/index/index',
    checkPath: false,
    envVersion: 'develop',
  })
  expect(image.equals(png)).toBe(true)

  expect(new Set(calls.map((call) => call.api))).toEqual(new Set(cloudOpenapiPermissions))
  expect(calls[0].data).toEqual({
    touser: 'openid-1',
    templateId: 'tmpl',
    page: 'pages/index/index',
    data: {
      thing1: { value: '一二三四五六七八九十一二三四五六七八九…' },
      time2: { value: '2026年11月28日 15:01' },
    },
    miniprogramState: 'developer',
    lang: 'zh_CN',
  })
  expect(calls[2].data).toEqual({
    content: '来赌博',
    version: 2,
    scene: 3,
    openid: 'o',
    title: 't',
  })
  expect(calls[3].data).toEqual({
    mediaUrl: 'https://x/a.jpg',
    mediaType: 2,
    version: 2,
    scene: 3,
    openid: 'o',
  })
  expect(calls[4].data).toEqual({
    scene: 'v=1',
    page: 'pages/index/index',
    checkPath: false,
    envVersion: 'develop',
  })
})

test('what the SDK throws becomes a WeChatError, retryable only when busy, limited or offline', async () => {
  const thrown: unknown[] = [
    { errCode: 43101, errMsg: 'user refuse to accept the msg' },
    { errCode: 45009, errMsg: 'reach max api minute-freq limit' },
    { errCode: -1, errMsg: 'system error' },
    new Error('socket hang up'),
  ]
  const { openapi } = stubOpenApi(() => Promise.reject(thrown.shift()))
  const wechat = createCloudWeChat(openapi)
  const attempt = () =>
    wechat
      .sendSubscribeMessage({
        touser: 'o',
        templateId: 't',
        page: 'pages/index/index',
        data: {},
        miniprogramState: 'formal',
      })
      .then(
        () => null,
        (error: unknown) => error,
      )
  const results = [await attempt(), await attempt(), await attempt(), await attempt()]
  for (const error of results) expect(error).toBeInstanceOf(WeChatError)
  expect(results.map((error) => (error as WeChatError).errcode)).toEqual([43101, 45009, -1, -1])
  expect(results.map((error) => (error as WeChatError).retryable)).toEqual([
    false,
    true,
    true,
    true,
  ])
})

test('code2Session is not for the cloud function: callers come from getWXContext', async () => {
  const { openapi, calls } = stubOpenApi(answers)
  await expect(createCloudWeChat(openapi).code2Session('code')).rejects.toThrow(/getWXContext/)
  expect(calls).toEqual([])
})

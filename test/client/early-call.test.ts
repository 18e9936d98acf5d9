import Taro from '@tarojs/taro'
import { call } from '../../src/services/api'
import { setToken } from '../../src/services/session-store'

/**
 * H5: index.html's page-chunks script sends the first page's call before the app runs and
 * leaves its XMLHttpRequest on window.vhEarlyCall (config/first-page-chunks-plugin.ts).
 */
let request: jest.SpyInstance
const taroEnv = process.env.TARO_ENV

beforeEach(() => {
  process.env.TARO_ENV = 'h5'
  request = jest.spyOn(Taro, 'request')
})
afterEach(() => {
  process.env.TARO_ENV = taroEnv
  delete window.vhEarlyCall
  jest.restoreAllMocks()
})

const rules = { title: '石龙村村规民约', chapters: [] }

/** An early call already answered (readyState DONE) with this status, body and ETag. */
function earlyCall(token: string, status: number, body: unknown, etag?: string) {
  const xhr = {
    readyState: XMLHttpRequest.DONE,
    status,
    responseText: status ? JSON.stringify(body) : '',
    getResponseHeader: (name: string) => (name.toLowerCase() === 'etag' ? (etag ?? null) : null),
  }
  window.vhEarlyCall = { call: 'rules.current', token, xhr: xhr as unknown as XMLHttpRequest }
}

test("the page's first call takes the early answer, once, keeping its ETag", async () => {
  setToken('tok-1')
  earlyCall('tok-1', 200, { ok: true, data: rules }, '"v3"')
  await expect(call('rules', 'current')).resolves.toEqual(rules)
  expect(request).not.toHaveBeenCalled()
  expect(window.vhEarlyCall).toBeUndefined()

  // Asked again (the villager comes back to the tab): a request of its own, with the tag.
  request.mockResolvedValue({ statusCode: 304, data: '', header: {} } as never)
  await expect(call('rules', 'current')).resolves.toEqual(rules)
  expect(request).toHaveBeenCalledTimes(1)
  expect(request.mock.calls[0][0].header['If-None-Match']).toBe('"v3"')
})

test('an early call that got no answer is sent again the usual way', async () => {
  setToken('tok-1')
  earlyCall('tok-1', 0, null)
  request.mockResolvedValue({
    statusCode: 200,
    data: { ok: true, data: rules },
    header: {},
  } as never)
  await expect(call('rules', 'current')).resolves.toEqual(rules)
  expect(request).toHaveBeenCalledTimes(1)
})

test('an early call is not taken for another session or another call', async () => {
  setToken('tok-2')
  earlyCall('tok-1', 200, { ok: true, data: { title: '别人的' } })
  request.mockResolvedValue({
    statusCode: 200,
    data: { ok: true, data: rules },
    header: {},
  } as never)
  await expect(call('rules', 'current')).resolves.toEqual(rules)
  setToken('tok-1')
  await expect(call('rules', 'versions')).resolves.toEqual(rules)
  expect(request).toHaveBeenCalledTimes(2)
  expect(window.vhEarlyCall?.call).toBe('rules.current')
})

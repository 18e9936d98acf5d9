import Taro from '@tarojs/taro'
import { ApiCallError, call } from '../../src/services/api'
import { getToken, setToken } from '../../src/services/session-store'

let request: jest.SpyInstance
let reLaunch: jest.SpyInstance

beforeEach(() => {
  request = jest.spyOn(Taro, 'request')
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockImplementation(() => Promise.resolve() as never)
})
afterEach(() => jest.restoreAllMocks())

const answer = (data: unknown) => request.mockResolvedValue({ statusCode: 200, data } as never)

test('sends the envelope to /api/<function> with the bearer token and returns the data', async () => {
  setToken('tok-1')
  answer({ ok: true, data: [] })
  await expect(call('rules', 'versions')).resolves.toEqual([])
  const options = request.mock.calls[0][0]
  expect(options.url).toBe('/api/rules')
  expect(options.method).toBe('POST')
  expect(options.header.Authorization).toBe('Bearer tok-1')
  expect(options.data).toMatchObject({ action: 'versions' })
  expect(typeof options.data.requestId).toBe('string')
})

test('an ended session clears the token and goes back to sign-in', async () => {
  setToken('tok-old')
  answer({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  await expect(call('session', 'me')).rejects.toMatchObject({
    code: 'UNAUTHENTICATED',
    message: '请先登录',
  })
  expect(getToken()).toBe('')
  expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' })
})

test('a user without a village is sent to pick one, keeping the session', async () => {
  setToken('tok-new')
  answer({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: '请先选择您所在的村', field: 'villageId' },
  })
  await expect(call('rules', 'current')).rejects.toBeInstanceOf(ApiCallError)
  expect(getToken()).toBe('tok-new')
  expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' })
})

test('other errors stay with the page that asked, with their field', async () => {
  answer({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '不能为空', field: 'title' } })
  await expect(
    call('rules', 'publish', {
      basedOnVersionNo: 0,
      title: '',
      adoptedOn: '2025-01-01',
      chapters: [],
    }),
  ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'title' })
  expect(reLaunch).not.toHaveBeenCalled()
})

test('no answer, or something that is not an envelope, is told in plain words', async () => {
  request.mockRejectedValue(new Error('timeout'))
  await expect(call('rules', 'current')).rejects.toMatchObject({
    code: 'NETWORK',
    message: '网络不太好，请检查网络后再试',
  })
  answer('<html>502 Bad Gateway</html>')
  await expect(call('rules', 'current')).rejects.toMatchObject({ code: 'INTERNAL' })
})

test('request ids are random, one per call', async () => {
  answer({ ok: true, data: [] })
  await call('rules', 'versions')
  await call('rules', 'versions')
  const [first, second] = request.mock.calls.map((args) => args[0].data.requestId as string)
  expect(first).not.toBe(second)
  // Random, not a counter: long enough that one person's calls never meet.
  expect(first.replace(/-/g, '').length).toBeGreaterThanOrEqual(32)
})

test('a changing call that got no answer is sent once more under the same request id', async () => {
  request
    .mockRejectedValueOnce(new Error('timeout'))
    .mockResolvedValueOnce({ statusCode: 200, data: { ok: true, data: { status: 'revoked' } } })
  await expect(call('admin', 'revokeInvitation', { invitationId: 'i1' })).resolves.toEqual({
    status: 'revoked',
  })
  expect(request).toHaveBeenCalledTimes(2)
  const [first, second] = request.mock.calls.map((args) => args[0].data)
  expect(second).toEqual(first)
  expect(typeof first.requestId).toBe('string')
})

test('the retry is bounded: a changing call with no answer twice fails in plain words', async () => {
  request.mockRejectedValue(new Error('timeout'))
  await expect(call('admin', 'revokeInvitation', { invitationId: 'i1' })).rejects.toMatchObject({
    code: 'NETWORK',
  })
  expect(request).toHaveBeenCalledTimes(2)
})

test('a read with no answer is sent once more, then its page offers 重试', async () => {
  request.mockRejectedValue(new Error('timeout'))
  await expect(call('rules', 'versions')).rejects.toMatchObject({ code: 'NETWORK' })
  expect(request).toHaveBeenCalledTimes(2)
  request.mockReset()
  request
    .mockRejectedValueOnce(new Error('timeout'))
    .mockResolvedValueOnce({ statusCode: 200, data: { ok: true, data: [] } })
  await expect(call('rules', 'versions')).resolves.toEqual([])
})

test('an error answer is not retried', async () => {
  answer({
    ok: false,
    error: { code: 'FAILED_PRECONDITION', message: '这个邀请码已经用过或已作废' },
  })
  await expect(call('admin', 'revokeInvitation', { invitationId: 'i1' })).rejects.toMatchObject({
    code: 'FAILED_PRECONDITION',
  })
  expect(request).toHaveBeenCalledTimes(1)
})

test('without Web Crypto (older WeChat engines) request ids are still random', async () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
  try {
    answer({ ok: true, data: [] })
    await call('rules', 'versions')
    await call('rules', 'versions')
  } finally {
    if (original) Object.defineProperty(globalThis, 'crypto', original)
    else delete (globalThis as { crypto?: unknown }).crypto
  }
  const [first, second] = request.mock.calls.map((args) => args[0].data.requestId as string)
  expect(first).toMatch(/^[0-9a-f]{32}$/)
  expect(second).toMatch(/^[0-9a-f]{32}$/)
  expect(first).not.toBe(second)
})

describe('answers with an entity tag (rules.current, rules.version over the gateway)', () => {
  const chapters = { id: 'ver-7', title: '石龙村村规民约', chapters: [] }
  const tagged = (etag: string, data: unknown) =>
    request.mockResolvedValueOnce({ statusCode: 200, header: { ETag: etag }, data } as never)
  const notModified = (etag: string) =>
    request.mockResolvedValueOnce({ statusCode: 304, header: { etag }, data: null } as never)
  const sentTag = (n: number) => request.mock.calls[n][0].header['If-None-Match'] as unknown

  test('are kept and asked for again with If-None-Match; a 304 gives the kept answer', async () => {
    tagged('"rules-ver-7"', { ok: true, data: chapters })
    await expect(call('rules', 'version', { versionId: 'ver-7' })).resolves.toEqual(chapters)
    expect(sentTag(0)).toBeUndefined()

    notModified('"rules-ver-7"')
    await expect(call('rules', 'version', { versionId: 'ver-7' })).resolves.toEqual(chapters)
    expect(sentTag(1)).toBe('"rules-ver-7"')

    // A new version published: a full answer, kept under its own tag from then on.
    const next = { ...chapters, id: 'ver-8' }
    tagged('"rules-ver-8"', { ok: true, data: next })
    await expect(call('rules', 'version', { versionId: 'ver-7' })).resolves.toEqual(next)
    notModified('"rules-ver-8"')
    await expect(call('rules', 'version', { versionId: 'ver-7' })).resolves.toEqual(next)
    expect(sentTag(3)).toBe('"rules-ver-8"')
  })

  test('are kept per call: another input, or an untagged answer, sends no tag', async () => {
    tagged('"rules-ver-1"', { ok: true, data: chapters })
    await call('rules', 'version', { versionId: 'ver-1' })
    answer({ ok: true, data: chapters })
    await call('rules', 'version', { versionId: 'ver-2' })
    await call('rules', 'versions')
    await call('rules', 'versions')
    expect([sentTag(1), sentTag(2), sentTag(3)]).toEqual([undefined, undefined, undefined])
  })

  test('an error answer drops the kept one', async () => {
    tagged('"rules-ver-3"', { ok: true, data: chapters })
    await call('rules', 'version', { versionId: 'ver-3' })
    request.mockResolvedValueOnce({
      statusCode: 403,
      data: { ok: false, error: { code: 'PERMISSION_DENIED', message: '没有权限' } },
    } as never)
    await expect(call('rules', 'version', { versionId: 'ver-3' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    answer({ ok: true, data: chapters })
    await call('rules', 'version', { versionId: 'ver-3' })
    expect(sentTag(1)).toBe('"rules-ver-3"')
    expect(sentTag(2)).toBeUndefined()
  })
})

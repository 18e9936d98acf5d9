import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for WeChat's server API (api.weixin.qq.com), answering as WeChat does,
 * error codes included. Point `wxApiBase` at `base`. Code `good-N` signs in as `openid-N`.
 */

export const fakeAppId = 'wx-test-app'
export const fakeSecret = 'test-secret'

/** A 1×1 PNG: what getwxacodeunlimit answers in place of a real 小程序码. */
export const fakeCodeImage = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

export interface FakeRequest {
  path: string
  query: Record<string, string>
  body: Record<string, unknown>
}

export interface SentMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, string>
  miniprogramState: string
}

interface Token {
  value: string
  expiresAt: number
  invalid: boolean
}

// WeChat's limits on subscribe-message values, by the key's type prefix.
const valueRules: Record<string, (value: string) => boolean> = {
  thing: (value) => Array.from(value).length <= 20,
  phrase: (value) => /^[\u4e00-\u9fff]{1,5}$/.test(value),
  name: (value) => /^[\u4e00-\u9fff]{1,10}$/.test(value) || /^[\x20-\x7e]{1,20}$/.test(value),
  character_string: (value) => /^[\x20-\x7e]{1,32}$/.test(value),
  number: (value) => /^\d{1,32}$/.test(value),
  phone_number: (value) => /^[\d+\-() ]{1,17}$/.test(value),
  time: (value) => /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2})?(~.+)?$/.test(value),
  date: (value) => /^\d{4}年\d{1,2}月\d{1,2}日(~.+)?$/.test(value),
}

// getwxacodeunlimit's scene: visible characters from this set only, at most 32.
const sceneCharacters = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

/** A media check WeChat accepted: its verdict is pushed later (see `pushToGateway`). */
export interface MediaCheck {
  traceId: string
  mediaUrl: string
  openid: string
}

/**
 * Sends what WeChat's 消息推送 sends (明文模式, JSON) to a gateway's push endpoint, signed with
 * `token` as WeChat signs: sha1 of the sorted token, timestamp and nonce.
 */
export async function pushToGateway(
  gatewayUrl: string,
  token: string,
  event: Record<string, unknown> | null,
  query: Record<string, string> = {},
): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = String(Math.floor(Math.random() * 1e9))
  const signature = createHash('sha1')
    .update([token, timestamp, nonce].sort().join(''))
    .digest('hex')
  const search = new URLSearchParams({ signature, timestamp, nonce, ...query })
  return fetch(`${gatewayUrl}/api/wechat/push?${search}`, {
    method: event ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    ...(event ? { body: JSON.stringify(event) } : {}),
  })
}

/** WeChat's `wxa_media_check` push for a check, as its documentation shows it. */
export function mediaCheckEvent(
  traceId: string,
  suggest: 'pass' | 'review' | 'risky',
  label = 100,
) {
  return {
    ToUserName: 'gh_fake',
    FromUserName: 'openid-system',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: fakeAppId,
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
  }
}

export interface FakeWeChat {
  base: string
  /** Media checks started, in order. */
  mediaChecks: MediaCheck[]
  /** Every request, in order. */
  requests: FakeRequest[]
  /** Subscribe messages WeChat accepted. */
  messages: SentMessage[]
  requestsTo(path: string): FakeRequest[]
  /** Lifetime of the next tokens issued (expires_in). */
  tokenLifetimeSeconds: number
  /** Every issued token expires now: calls with one get 42001. */
  expireTokens(): void
  /** Every issued token becomes invalid (40001), yet a non-forced stable_token still returns it. */
  invalidateTokens(): void
  /** This user accepted no (more) sends of this template: 43101. */
  refuseConsent(openid: string, templateId?: string): void
  /** The next calls to `path` fail with these errcodes in turn (-1 busy, 45009 rate-limited …). */
  failNext(path: string, ...errcodes: number[]): void
  /** Words in content that make msg_sec_check answer `risky` / `review` with a label. */
  words: { risky: Record<string, number>; review: Record<string, number> }
  /** Pages of the released version (for check_path). */
  releasedPages: Set<string>
  close(): Promise<void>
}

export async function startFakeWeChat(): Promise<FakeWeChat> {
  const requests: FakeRequest[] = []
  const messages: SentMessage[] = []
  const tokens: Token[] = []
  const refused = new Set<string>()
  const failures = new Map<string, number[]>()
  let issued = 0
  let traces = 0

  // One object, so what a test sets on it (tokenLifetimeSeconds, words …) is what the server reads.
  const fake: FakeWeChat = {
    base: '',
    close: async () => {},
    requests,
    messages,
    mediaChecks: [],
    requestsTo: (path) => requests.filter((request) => request.path === path),
    tokenLifetimeSeconds: 7200,
    expireTokens() {
      for (const token of tokens) token.expiresAt = 0
    },
    invalidateTokens() {
      for (const token of tokens) token.invalid = true
    },
    refuseConsent(openid, templateId = '*') {
      refused.add(`${openid}|${templateId}`)
    },
    failNext(path, ...errcodes) {
      failures.set(path, [...(failures.get(path) ?? []), ...errcodes])
    },
    words: { risky: {}, review: {} },
    releasedPages: new Set(['pages/index/index']),
  }

  function issueToken(): Token {
    issued += 1
    const token = {
      value: `token-${issued}`,
      expiresAt: Date.now() + fake.tokenLifetimeSeconds * 1000,
      invalid: false,
    }
    tokens.push(token)
    return token
  }

  function stableToken(body: Record<string, unknown>) {
    if (body.grant_type !== 'client_credential')
      return { errcode: 40002, errmsg: 'invalid grant_type' }
    if (body.appid !== fakeAppId) return { errcode: 40013, errmsg: 'invalid appid' }
    if (body.secret !== fakeSecret) return { errcode: 40125, errmsg: 'invalid appsecret' }
    // The stable endpoint hands out the current token while it lasts, unless forced.
    const current = tokens.at(-1)
    const token =
      body.force_refresh !== true && current && current.expiresAt > Date.now()
        ? current
        : issueToken()
    if (body.force_refresh === true) {
      for (const old of tokens) if (old !== token) old.invalid = true
    }
    return {
      access_token: token.value,
      expires_in: Math.max(0, Math.round((token.expiresAt - Date.now()) / 1000)),
    }
  }

  /** The access_token check every API does first: null when the token is good. */
  function tokenError(query: Record<string, string>) {
    const token = tokens.find((candidate) => candidate.value === query.access_token)
    if (!token || token.invalid) return { errcode: 40001, errmsg: 'invalid credential' }
    if (token.expiresAt <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' }
    return null
  }

  function subscribeSend(body: Record<string, unknown>) {
    const touser = String(body.touser ?? '')
    const templateId = String(body.template_id ?? '')
    if (!touser) return { errcode: 40003, errmsg: 'invalid openid' }
    if (refused.has(`${touser}|*`) || refused.has(`${touser}|${templateId}`)) {
      return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    }
    const data: Record<string, string> = {}
    for (const [key, entry] of Object.entries((body.data ?? {}) as Record<string, unknown>)) {
      const value = (entry as { value?: unknown })?.value
      const rule = valueRules[key.replace(/\d+$/, '')]
      if (typeof value !== 'string' || (rule && !rule(value))) {
        return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` }
      }
      data[key] = value
    }
    if (!['developer', 'trial', 'formal'].includes(String(body.miniprogram_state))) {
      return { errcode: 47003, errmsg: 'argument invalid! miniprogram_state invalid' }
    }
    messages.push({
      touser,
      templateId,
      page: String(body.page ?? ''),
      data,
      miniprogramState: String(body.miniprogram_state),
    })
    return { errcode: 0, errmsg: 'ok', msgid: messages.length }
  }

  function msgSecCheck(body: Record<string, unknown>) {
    if (body.version !== 2 || !body.openid || ![1, 2, 3, 4].includes(Number(body.scene))) {
      return { errcode: 40097, errmsg: 'invalid args' }
    }
    const content = String(body.content ?? '')
    const hit = (list: Record<string, number>) =>
      Object.entries(list).find(([word]) => content.includes(word))
    const risky = hit(fake.words.risky)
    const review = hit(fake.words.review)
    const [suggest, label] = risky
      ? ['risky', risky[1]]
      : review
        ? ['review', review[1]]
        : ['pass', 100]
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      trace_id: `text-${requests.length}`,
    }
  }

  function mediaCheckAsync(body: Record<string, unknown>) {
    if (body.version !== 2 || !body.openid || ![1, 2].includes(Number(body.media_type))) {
      return { errcode: 40097, errmsg: 'invalid args' }
    }
    traces += 1
    const traceId = `trace-${traces}`
    fake.mediaChecks.push({
      traceId,
      mediaUrl: String(body.media_url ?? ''),
      openid: String(body.openid),
    })
    return { errcode: 0, errmsg: 'ok', trace_id: traceId }
  }

  /** 云存储 temporary links: every file of environment `env-1` exists. */
  function batchDownloadFile(body: Record<string, unknown>) {
    const files = (body.file_list ?? []) as Array<{ fileid?: string; max_age?: number }>
    return {
      errcode: 0,
      errmsg: 'ok',
      file_list: files.map(({ fileid = '' }) => {
        const found = body.env === 'env-1' && fileid.startsWith('cloud://env-1.')
        return found
          ? { fileid, download_url: `https://tcb.example/${fileid.slice(8)}`, status: 0 }
          : { fileid, download_url: '', status: 1, errmsg: 'file not found' }
      }),
    }
  }

  function unlimitedCode(body: Record<string, unknown>) {
    const scene = String(body.scene ?? '')
    if (!sceneCharacters.test(scene)) {
      return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' }
    }
    const page = String(body.page ?? '')
    const checkPath = body.check_path !== false
    if (
      page.startsWith('/') ||
      page.includes('?') ||
      (checkPath && !fake.releasedPages.has(page))
    ) {
      return { errcode: 41030, errmsg: 'invalid page hint' }
    }
    return null
  }

  const answerJson = (res: http.ServerResponse, reply: unknown) => {
    res.setHeader('content-type', 'application/json; charset=utf-8')
    res.end(JSON.stringify(reply))
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const text = Buffer.concat(chunks).toString('utf8')
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>
      const query = Object.fromEntries(url.searchParams)
      requests.push({ path: url.pathname, query, body })

      if (url.pathname === '/sns/jscode2session') {
        const code = query.js_code ?? ''
        const ok =
          query.appid === fakeAppId && query.secret === fakeSecret && code.startsWith('good-')
        return answerJson(
          res,
          ok
            ? { openid: `openid-${code.slice(5)}`, session_key: 'SECRET-SESSION-KEY' }
            : { errcode: 40029, errmsg: 'invalid code' },
        )
      }
      if (url.pathname === '/cgi-bin/stable_token') return answerJson(res, stableToken(body))

      const handler = {
        '/cgi-bin/message/subscribe/send': subscribeSend,
        '/wxa/msg_sec_check': msgSecCheck,
        '/wxa/media_check_async': mediaCheckAsync,
        '/wxa/getwxacodeunlimit': unlimitedCode,
        '/tcb/batchdownloadfile': batchDownloadFile,
      }[url.pathname]
      if (!handler) {
        res.statusCode = 404
        return res.end()
      }
      const refusal = tokenError(query)
      if (refusal) return answerJson(res, refusal)
      const failure = failures.get(url.pathname)?.shift()
      if (failure !== undefined) {
        return answerJson(res, { errcode: failure, errmsg: `injected failure ${failure}` })
      }
      const reply = handler(body)
      if (reply) return answerJson(res, reply)
      res.setHeader('content-type', 'image/png')
      res.end(fakeCodeImage)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  fake.close = () => new Promise((done) => server.close(() => done()))
  return fake
}

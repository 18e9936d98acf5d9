import type { Config } from '../config'
import { AppError } from '../core/errors'
import { toTemplateData } from './subscribe-data'
import { checkTextInParts, WeChatError, type WeChat } from './wechat'

interface WxReply {
  errcode?: number
  errmsg?: string
  [field: string]: unknown
}

type Answer = { json: WxReply } | { bytes: Buffer }

interface Options {
  /** Milliseconds per request. */
  timeoutMs?: number
  /** The clock the token cache runs on; injectable so tests can let a token expire. */
  now?: () => number
}

/** The token's "expired" (42001) and "invalid" (40001, e.g. replaced by a forced refresh). */
const tokenRejected = new Set([40001, 42001])
/** Fetch a new token this long before WeChat says the old one ends. */
const tokenMarginMs = 5 * 60_000

/**
 * WeChat over HTTPS, for the gateway: our own access token from the stable endpoint (so several
 * gateway processes do not invalidate each other's), cached in this process.
 */
export function createHttpsWeChat(
  config: Pick<Config, 'wxAppId' | 'wxSecret' | 'wxApiBase'>,
  options: Options = {},
): WeChat {
  const timeoutMs = options.timeoutMs ?? 8000
  const now = options.now ?? Date.now

  type Query = Record<string, string>

  async function request(api: string, path: string, init: RequestInit, query: Query = {}) {
    const url = new URL(path, config.wxApiBase)
    url.search = new URLSearchParams(query).toString()
    let response: Response
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
    } catch (error) {
      throw WeChatError.network(api, error)
    }
    return response
  }

  /** POSTs JSON; answers the JSON reply, or the bytes when WeChat sends an image instead. */
  async function post(
    api: string,
    path: string,
    body: unknown,
    query: Query = {},
  ): Promise<Answer> {
    const response = await request(
      api,
      path,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
      query,
    )
    try {
      // getwxacodeunlimit answers an image, or JSON when it refuses: only the type tells.
      if (/^image\//.test(response.headers.get('content-type') ?? '')) {
        return { bytes: Buffer.from(await response.arrayBuffer()) }
      }
      return { json: (await response.json()) as WxReply }
    } catch (error) {
      throw WeChatError.network(api, error)
    }
  }

  let token: { value: string; renewAt: number } | null = null
  let fetching: Promise<string> | null = null

  function fetchToken(forceRefresh: boolean): Promise<string> {
    // One request for everyone who needs a token meanwhile.
    fetching ??= (async () => {
      if (!config.wxAppId || !config.wxSecret) {
        throw new WeChatError(41002, 'WX_APPID and WX_SECRET are not configured')
      }
      const answer = await post('stable_token', '/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: config.wxAppId,
        secret: config.wxSecret,
        force_refresh: forceRefresh,
      })
      const reply = 'json' in answer ? answer.json : {}
      if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
        throw new WeChatError(reply.errcode ?? -1, `stable_token: ${reply.errmsg ?? 'no token'}`)
      }
      const lifetimeMs = reply.expires_in * 1000
      token = {
        value: reply.access_token,
        renewAt: now() + lifetimeMs - Math.min(tokenMarginMs, lifetimeMs / 2),
      }
      return token.value
    })().finally(() => {
      fetching = null
    })
    return fetching
  }

  function currentToken(): Promise<string> {
    if (token && now() < token.renewAt) return Promise.resolve(token.value)
    return fetchToken(false)
  }

  /** After WeChat refused `rejected`: a forced new token, unless another caller already got one. */
  function replaceToken(rejected: string): Promise<string> {
    if (token && token.value !== rejected) return Promise.resolve(token.value)
    token = null
    return fetchToken(true)
  }

  /** An API call with the access token: refreshed once and retried once when WeChat refuses it. */
  async function call(api: string, path: string, body: unknown): Promise<Answer> {
    const used = await currentToken()
    let answer = await post(api, path, body, { access_token: used })
    if ('json' in answer && tokenRejected.has(answer.json.errcode ?? 0)) {
      const fresh = await replaceToken(used)
      answer = await post(api, path, body, { access_token: fresh })
    }
    if ('json' in answer && answer.json.errcode) {
      throw new WeChatError(answer.json.errcode, `${api}: ${answer.json.errmsg ?? ''}`)
    }
    return answer
  }

  async function callJson(api: string, path: string, body: unknown): Promise<WxReply> {
    const answer = await call(api, path, body)
    if (!('json' in answer)) throw new WeChatError(-1, `${api}: unexpected binary answer`)
    return answer.json
  }

  return {
    async code2Session(code) {
      if (!config.wxAppId || !config.wxSecret) {
        throw new AppError('FAILED_PRECONDITION', '服务器还没有配置微信登录，请联系村里管理员')
      }
      let reply: WxReply
      try {
        const response = await request(
          'jscode2session',
          '/sns/jscode2session',
          {},
          {
            appid: config.wxAppId,
            secret: config.wxSecret,
            js_code: code,
            grant_type: 'authorization_code',
          },
        )
        reply = (await response.json()) as WxReply
      } catch {
        throw new AppError('INTERNAL', '暂时连不上微信，请稍后再试')
      }
      if (typeof reply.openid !== 'string' || typeof reply.session_key !== 'string') {
        // 40029 (bad code) and 40163 (code used) mean: log in again. Not UNAUTHENTICATED, which
        // tells a client its session ended; here the sign-in itself failed and says so.
        throw new AppError('FAILED_PRECONDITION', '微信登录没有成功，请再试一次', 'code')
      }
      return {
        // session_key is left behind: nothing here decrypts data WeChat signs with it.
        openid: reply.openid,
        ...(typeof reply.unionid === 'string' ? { unionid: reply.unionid } : {}),
      }
    },

    async sendSubscribeMessage(message) {
      await callJson('subscribeMessage.send', '/cgi-bin/message/subscribe/send', {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: toTemplateData(message.data),
        miniprogram_state: message.miniprogramState,
        lang: 'zh_CN',
      })
    },

    msgSecCheck({ content, openid, scene, title }) {
      return checkTextInParts(content, async (part) => {
        const reply = await callJson('security.msgSecCheck', '/wxa/msg_sec_check', {
          content: part,
          version: 2,
          scene,
          openid,
          ...(title === undefined ? {} : { title }),
        })
        const result = reply.result as { suggest?: string; label?: number } | undefined
        if (
          result?.suggest !== 'pass' &&
          result?.suggest !== 'review' &&
          result?.suggest !== 'risky'
        ) {
          throw new WeChatError(-1, `security.msgSecCheck: no verdict in ${JSON.stringify(reply)}`)
        }
        return { suggest: result.suggest, label: Number(result.label ?? 0) }
      })
    },

    async mediaCheckAsync({ mediaUrl, mediaType, openid, scene }) {
      const reply = await callJson('security.mediaCheckAsync', '/wxa/media_check_async', {
        media_url: mediaUrl,
        media_type: mediaType,
        version: 2,
        scene,
        openid,
      })
      if (typeof reply.trace_id !== 'string') {
        throw new WeChatError(-1, 'security.mediaCheckAsync: no trace_id')
      }
      return { traceId: reply.trace_id }
    },

    async cloudFileUrls(fileIds, maxAgeSeconds) {
      const urls = new Map<string, string>()
      if (fileIds.length === 0) return urls
      // A fileID names its environment: cloud://<env>.<bucket>/<path>.
      const env = /^cloud:\/\/([^.]+)\./.exec(fileIds[0])?.[1] ?? ''
      const reply = await callJson('tcb.batchDownloadFile', '/tcb/batchdownloadfile', {
        env,
        file_list: fileIds.map((fileid) => ({ fileid, max_age: maxAgeSeconds })),
      })
      const files = (reply.file_list ?? []) as Array<{
        fileid?: string
        download_url?: string
        status?: number
      }>
      for (const file of files) {
        if (file.status === 0 && file.fileid && file.download_url) {
          urls.set(file.fileid, file.download_url)
        }
      }
      return urls
    },

    async getUnlimitedCode({ scene, page, checkPath, envVersion, width }) {
      const answer = await call('wxacode.getUnlimited', '/wxa/getwxacodeunlimit', {
        scene,
        page,
        check_path: checkPath,
        env_version: envVersion,
        ...(width === undefined ? {} : { width }),
      })
      if (!('bytes' in answer)) throw new WeChatError(-1, 'wxacode.getUnlimited: no image')
      return answer.bytes
    },
  }
}

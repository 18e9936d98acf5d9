/**
 * The one way the server talks to WeChat. Two implementations: over HTTPS with our own access
 * token (the gateway, ./https-wechat.ts) and through wx-server-sdk's `cloud.openapi` (the cloud
 * function, ./cloud-wechat.ts). Handlers reach it as `services.wechat`.
 */

export type MiniprogramState = 'developer' | 'trial' | 'formal'
/** The build a 小程序码 opens (getUnlimited's env_version). */
export type CodeEnvVersion = 'release' | 'trial' | 'develop'

export interface SubscribeMessage {
  touser: string
  templateId: string
  /** The page a tap on the message opens, without a leading slash, query allowed. */
  page: string
  /** Template keys (`thing1`, `time2` …) to plain values; values over a key's limit are cut. */
  data: Record<string, string>
  miniprogramState: MiniprogramState
}

export type TextCheckVerdict = { suggest: 'pass' | 'review' | 'risky'; label: number }

export interface WeChat {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>
  /** 内容安全 version 2. Content over WeChat's 2,500 characters a call is checked in parts. */
  msgSecCheck(input: {
    content: string
    openid: string
    scene: 1 | 2 | 3 | 4
    title?: string
  }): Promise<TextCheckVerdict>
  /** The verdict arrives later as a `wxa_media_check` push with the same trace id. */
  mediaCheckAsync(input: {
    mediaUrl: string
    mediaType: 1 | 2
    openid: string
    scene: 1 | 2 | 3 | 4
  }): Promise<{ traceId: string }>
  /**
   * Short-lived https addresses of files in 云存储 (cloud fileIDs), for WeChat's media check and
   * for showing a photo to those who may see it. A file WeChat could not find has no entry.
   */
  cloudFileUrls(fileIds: readonly string[], maxAgeSeconds: number): Promise<Map<string, string>>
  /** A 小程序码 image (PNG bytes). */
  getUnlimitedCode(input: {
    scene: string
    page: string
    checkPath: boolean
    envVersion: CodeEnvVersion
    width?: number
  }): Promise<Buffer>
}

/** WeChat's "system busy" and "rate limited": the only refusals worth trying again. */
const retryableErrcodes = new Set([-1, 45009])

/**
 * A refusal from WeChat: errcode as WeChat sent it; retryable only for busy/rate-limit (-1,
 * 45009) and network failures. A network failure (no answer, a timeout, an HTTP error status)
 * carries errcode -1, WeChat's own "busy, try later".
 */
export class WeChatError extends Error {
  readonly retryable: boolean

  constructor(
    readonly errcode: number,
    message: string,
    retryable = retryableErrcodes.has(errcode),
  ) {
    super(`WeChat ${errcode}: ${message}`)
    this.name = 'WeChatError'
    this.retryable = retryable
  }

  static network(api: string, cause: unknown): WeChatError {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return new WeChatError(-1, `${api} unreachable (${reason})`, true)
  }
}

/** WeChat's limit of characters per msgSecCheck call. */
export const textCheckLimit = 2500

const severity = { pass: 0, review: 1, risky: 2 } as const

/**
 * Checks text of any length with a checker that takes at most `textCheckLimit` characters:
 * part by part, one after another (WeChat rate-limits), and the worst verdict wins.
 */
export async function checkTextInParts(
  content: string,
  checkPart: (part: string) => Promise<TextCheckVerdict>,
): Promise<TextCheckVerdict> {
  const chars = Array.from(content)
  let worst: TextCheckVerdict | null = null
  for (let start = 0; start < chars.length || worst === null; start += textCheckLimit) {
    const verdict = await checkPart(chars.slice(start, start + textCheckLimit).join(''))
    if (worst === null || severity[verdict.suggest] > severity[worst.suggest]) worst = verdict
    if (worst.suggest === 'risky') break
  }
  return worst
}

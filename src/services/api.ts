import Taro from '@tarojs/taro'
import type { ApiResponse, ErrorCode } from '../../types/api'
import type { FieldError } from '../../types/validation'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../types/contract'
import { takeEarlyAnswer } from './early-call'
import { requestTimeoutMs } from './request-timeout'
import { clearToken, getToken } from './session-store'

/** `NETWORK` is the client's own: the request never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

export class ApiCallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Chosen at build time (TARO_APP_API_TRANSPORT), never by editing code. */
const transport = process.env.TARO_APP_API_TRANSPORT === 'cloud' ? 'cloud' : 'http'
const apiBase = process.env.TARO_APP_API_BASE || ''
/** The single deployed cloud function that hosts every API function. */
const cloudFunctionName = 'api'

let cloudReady = false
function ensureCloud() {
  if (cloudReady) return
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  cloudReady = true
}

export const usesCloudTransport = transport === 'cloud'

/**
 * A random id for one logical call. The server keeps a change's answer under it (per caller), so
 * it must not repeat across app restarts as a counter would. The mini-program has no Web Crypto;
 * 128 bits from Math.random are plenty to tell one person's calls apart.
 */
export function newRequestId(): string {
  // `typeof` guards: older WeChat JS engines have neither `crypto` nor `globalThis`.
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID()
  }
  return Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0'),
  ).join('')
}

/** One call as sent: the action, its input, and the id the server keeps a change's answer under. */
interface Envelope {
  action: string
  data: unknown
  requestId: string
}

/**
 * Answers the gateway gave with an entity tag (a published rules version: rules.current,
 * rules.version), by call. The tag goes back as If-None-Match, so an unchanged answer comes as a
 * bodiless 304 and the kept one is used. The tag stands for the answer's content, made after the
 * call's access checks, so a kept answer is only ever reused when the server says it is the same.
 * In memory only: a few small answers, for as long as the page is open.
 */
const taggedAnswers = new Map<string, { etag: string; body: ApiResponse<unknown> }>()

function headerValue(headers: Record<string, string> | undefined, name: string): string | null {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name)
  return key ? String(headers?.[key]) : null
}

/**
 * Sends one call, and once more if no answer came. A change's answer may have been lost after the
 * change was made: the same requestId makes the server answer it again rather than do it twice.
 * A read is harmless to send again, and on weak village 4G a second try often gets through. (The
 * contract could tell reads from changes, but its schemas would bring zod and every schema into
 * the main package, which has a budget.)
 */
async function sendWithRetry(fn: FunctionName, envelope: Envelope): Promise<ApiResponse<unknown>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send(fn, envelope)
    } catch (error) {
      if (error instanceof ApiCallError || attempt >= 2) throw error
    }
  }
}

async function send(fn: FunctionName, envelope: Envelope): Promise<ApiResponse<unknown>> {
  if (transport === 'cloud') {
    ensureCloud()
    const result = await Taro.cloud.callFunction({
      name: cloudFunctionName,
      data: { function: fn, ...envelope },
    })
    return checkEnvelope(result.result)
  }
  const token = getToken()
  const key = `${fn}.${envelope.action} ${JSON.stringify(envelope.data ?? null)}`
  const kept = taggedAnswers.get(key)
  // The page's first call may be on its way already (H5, see early-call.ts).
  const early =
    kept || envelope.data != null ? null : takeEarlyAnswer(`${fn}.${envelope.action}`, token)
  const response =
    (early && (await early)) ||
    (await Taro.request({
      url: `${apiBase}/api/${fn}`,
      method: 'POST',
      data: envelope,
      timeout: requestTimeoutMs,
      header: {
        'content-type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(kept ? { 'If-None-Match': kept.etag } : {}),
      },
    }))
  if (response.statusCode === 304 && kept) return kept.body
  const body = checkEnvelope(response.data)
  const etag = headerValue(response.header, 'etag')
  if (etag && body.ok) taggedAnswers.set(key, { etag, body })
  else taggedAnswers.delete(key)
  return body
}

/** Sign-in and, the first time, picking one's village (the `account` subpackage). */
export const SIGN_IN_PAGE = '/account/pages/sign-in/index'
let redirect: Promise<void> = Promise.resolve()

/** Sends the villager to sign-in, forgetting the session; settles once sign-in is shown. */
export function goToSignIn(): Promise<void> {
  clearToken()
  redirect = Taro.reLaunch({ url: SIGN_IN_PAGE }).then(
    () => undefined,
    () => undefined,
  )
  return redirect
}

/** The latest trip to sign-in: a page waits for it rather than flash 请先登录 on its way out. */
export function signInRedirect(): Promise<void> {
  return redirect
}

/** Anything but an API envelope (a proxy's error page, an empty cloud result) is an outage. */
function checkEnvelope(body: unknown): ApiResponse<unknown> {
  if (!body || typeof body !== 'object' || !('ok' in body)) {
    throw new ApiCallError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  return body as ApiResponse<unknown>
}

/**
 * Calls one action of one API function. Resolves with its data, or rejects with an
 * ApiCallError whose message can be shown to the villager as is.
 */
export function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  ...data: undefined extends ActionInput<F, A> ? [ActionInput<F, A>?] : [ActionInput<F, A>]
): Promise<ActionOutput<F, A>> {
  return callWithRequestId(newRequestId(), fn, action, data[0] as ActionInput<F, A>)
}

/**
 * `call` under a requestId the caller keeps (with a draft, say): sent again after the app was
 * closed or the network lost, the server answers the first send rather than change twice.
 */
export async function callWithRequestId<F extends FunctionName, A extends ActionName<F>>(
  requestId: string,
  fn: F,
  action: A,
  data: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  let response: ApiResponse<unknown>
  try {
    response = await sendWithRetry(fn, { action, data, requestId })
  } catch (error) {
    if (error instanceof ApiCallError) throw error
    throw new ApiCallError('NETWORK', '网络不太好，请检查网络后再试')
  }
  if (response.ok) return response.data as ActionOutput<F, A>
  const { code, message, field } = response.error
  if (code === 'UNAUTHENTICATED' && !usesCloudTransport) {
    // The session is gone (expired or signed out elsewhere): start again at sign-in.
    void goToSignIn()
  } else if (code === 'FAILED_PRECONDITION' && field === 'villageId') {
    // Signed in but no village chosen yet (e.g. opened a shared link first): sign-in shows
    // the village picker, with the link's village preselected.
    Taro.reLaunch({ url: SIGN_IN_PAGE })
  }
  throw new ApiCallError(code, message, field)
}

/** What a form shows for a failed call: the API's message at its field, or a plain fallback. */
export function fieldErrorOf(caught: unknown, fallback: string): FieldError {
  return caught instanceof ApiCallError
    ? { field: caught.field ?? '', message: caught.message }
    : { field: '', message: fallback }
}

/**
 * H5: the first page's first API call, sent by index.html's page-chunks script while the app's
 * scripts were still downloading (config/first-page-chunks-plugin.ts). api.ts takes its answer
 * instead of sending the same call again.
 */
interface EarlyCall {
  /** `fn.action`; the call had no input. */
  call: string
  /** The session token it was sent with. */
  token: string
  xhr: XMLHttpRequest
}

/** What api.ts reads from a Taro.request answer. */
export interface EarlyAnswer {
  statusCode: number
  data: unknown
  header: Record<string, string>
}

declare global {
  interface Window {
    vhEarlyCall?: EarlyCall
  }
}

function answerOf(xhr: XMLHttpRequest): EarlyAnswer | null {
  // 0: no answer came (network lost, aborted): the call is sent again the usual way.
  if (xhr.status === 0) return null
  let data: unknown = xhr.responseText
  try {
    data = JSON.parse(xhr.responseText)
  } catch {
    // Not JSON (a proxy's error page): left as text, as Taro.request does.
  }
  const etag = xhr.getResponseHeader('etag')
  return { statusCode: xhr.status, data, header: etag ? { etag } : {} }
}

/**
 * The early answer to `fn.action` without input, sent with `token`, if there is one: taken once
 * (a later call is a new question). Resolves null when that request got no answer.
 */
export function takeEarlyAnswer(call: string, token: string): Promise<EarlyAnswer | null> | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null
  const early = window.vhEarlyCall
  if (!early || early.call !== call || early.token !== token) return null
  delete window.vhEarlyCall
  const { xhr } = early
  if (xhr.readyState === XMLHttpRequest.DONE) return Promise.resolve(answerOf(xhr))
  return new Promise((resolve) => {
    xhr.addEventListener('loadend', () => resolve(answerOf(xhr)))
  })
}

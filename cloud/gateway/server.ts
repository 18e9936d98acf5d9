import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'
import type { ApiResponse, ErrorCode } from '../../types/api'
import type { Services } from '../core/context'
import { answer, type Answer } from '../core/dispatch'
import { answerBody } from '../core/kept-answers'
import { handlers } from '../functions'
import { runJobs, startJobTimer } from '../jobs'
import { createPhotoRoutes } from './photo-routes'
import { securityHeaders } from './security-headers'
import { createStaticHandler, pickEncoding, plainAnswer, type Encoding } from './static-files'

/** 1 MB is far more than the largest rules text; anything bigger is refused unread. */
const maxBodyBytes = 1024 * 1024

/** How long a caller may take to send its request; past that Node answers 408 and closes. */
export interface RequestLimits {
  /** Until the last header line has arrived. */
  headersTimeoutMs: number
  /** Until the whole request, body included, has arrived. */
  requestTimeoutMs: number
  /** How often Node looks for requests past these limits (its own default, 30 s, is too coarse). */
  timeoutCheckMs: number
}

/**
 * Node's own defaults (a request may take 5 minutes) let a few idle sockets that declared a body
 * and never sent it hold the server. Even the largest body (1 MB) arrives in 30 s at 300 kbit/s,
 * a weak village 4G link.
 */
export const defaultRequestLimits: RequestLimits = {
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 30_000,
  timeoutCheckMs: 1_000,
}

const httpStatus: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FAILED_PRECONDITION: 412,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
}

const jsonType = 'application/json; charset=utf-8'

/**
 * Answers below this stay as they are: most fit one network packet, and compressing them would
 * cost the server CPU for nothing. Above it (the rules' chapters, a long list) the bytes saved
 * are what a villager on weak 4G waits for.
 */
const compressFromBytes = 1400

/** Fast settings: made on every request, so a fraction of a millisecond, not the smallest output. */
const compressAnswer: Record<Encoding, (body: Buffer) => Buffer> = {
  br: (body) =>
    zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => zlib.gzipSync(body, { level: 4 }),
}

/**
 * A kept answer's bytes (core/kept-answers.ts) are the same object every time they are sent:
 * compressed once per encoding, as they were serialized once, not again on every request.
 */
const keptCompressed = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>()

function compressed(body: Buffer | string, bytes: Buffer, encoding: Encoding): Buffer {
  if (typeof body === 'string') return compressAnswer[encoding](bytes)
  let kept = keptCompressed.get(body)
  if (!kept) keptCompressed.set(body, (kept = {}))
  return (kept[encoding] ??= compressAnswer[encoding](bytes))
}

/** Writes a JSON answer, compressed when it is large enough and the caller accepts it. */
function writeJson(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: http.OutgoingHttpHeaders,
  body: Buffer | string,
) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  const encoding = bytes.length >= compressFromBytes ? pickEncoding(req) : undefined
  const vary = bytes.length >= compressFromBytes ? { vary: 'accept-encoding' } : {}
  if (!encoding) {
    res.writeHead(status, { ...headers, ...vary, 'content-type': jsonType })
    return res.end(bytes)
  }
  res.writeHead(status, {
    ...headers,
    ...vary,
    'content-type': jsonType,
    'content-encoding': encoding,
  })
  res.end(compressed(body, bytes, encoding))
}

function send(req: http.IncomingMessage, res: http.ServerResponse, response: ApiResponse<unknown>) {
  const status = response.ok ? 200 : httpStatus[response.error.code]
  writeJson(req, res, status, { 'cache-control': 'no-store' }, answerBody(response))
}

/**
 * An answer with an entity tag may be kept by the caller, who asks again with If-None-Match
 * (on our POST calls too: the tag stands for the answer to this call, made after every access
 * check). `private, no-cache`: kept only by that caller, and never used without asking.
 */
function sendAnswer(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { response, etag }: Answer,
) {
  if (!etag) return send(req, res, response)
  const headers = { etag, 'cache-control': 'private, no-cache' }
  const held = String(req.headers['if-none-match'] ?? '')
  if (held.split(',').some((tag) => tag.trim() === etag)) {
    res.writeHead(304, headers)
    return res.end()
  }
  writeJson(req, res, 200, headers, answerBody(response))
}

const invalid = (message: string, field?: string): ApiResponse<never> => ({
  ok: false,
  error: { code: 'INVALID_ARGUMENT', message, ...(field ? { field } : {}) },
})

type Body = { kind: 'read'; text: string } | { kind: 'tooLarge' } | { kind: 'gone' }

function readBody(req: http.IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    // An oversized body is drained and dropped, so the caller still gets an answer in words.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    req.on('end', () =>
      resolve(
        size > maxBodyBytes
          ? { kind: 'tooLarge' }
          : { kind: 'read', text: Buffer.concat(chunks).toString('utf8') },
      ),
    )
    // The caller hung up, or Node answered 408 because the body did not come in time: nobody
    // is left to answer, and it is no fault of ours worth a log line.
    req.on('error', () => resolve({ kind: 'gone' }))
  })
}

/** The request target, or null when it is no URL at all (`//[`). */
function requestUrl(req: http.IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost')
  } catch {
    return null
  }
}

const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}…（共 ${text.length} 字）` : text

/** Where the request came from, for rate limits: the proxy's word for it only when trusted. */
function callerAddress(req: http.IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '') : ''
  const last = forwarded.split(',').pop()?.trim()
  return (last || req.socket.remoteAddress || '').slice(0, 64) || null
}

/** The local HTTP gateway: `POST /api/<function>` with a bearer token, and the H5 app. */
export function createGateway(
  services: Services,
  limits: RequestLimits = defaultRequestLimits,
): http.Server {
  const { staticDir } = services.config
  const serveStatic = staticDir && fs.existsSync(staticDir) ? createStaticHandler(staticDir) : null

  const photoRoutes = createPhotoRoutes(services, send)

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = requestUrl(req)
    if (url === null) return plainAnswer(res, 400, '网址不对')
    const { pathname } = url
    if (await photoRoutes(req, res, url, callerAddress(req, services.config.trustProxy))) return
    const match = /^\/api\/([A-Za-z0-9_-]{1,40})\/?$/.exec(pathname)
    if (pathname.startsWith('/api/')) {
      if (!match) return send(req, res, invalid('没有这项功能', 'function'))
      if (req.method !== 'POST') return send(req, res, invalid('请用 POST 调用接口'))
      const raw = await readBody(req)
      if (raw.kind === 'gone') return
      if (raw.kind === 'tooLarge') return send(req, res, invalid('提交的内容太多了'))
      let body: unknown
      try {
        body = raw.text === '' ? undefined : JSON.parse(raw.text)
      } catch {
        return send(req, res, invalid('请求的格式不对，不是 JSON'))
      }
      const header = String(req.headers.authorization ?? '')
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null
      const credentials = { kind: 'token' as const, token }
      const address = callerAddress(req, services.config.trustProxy)
      return sendAnswer(
        req,
        res,
        await answer(services, handlers, match[1], body, credentials, 'http', address),
      )
    }
    if (serveStatic && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStatic(req, res, pathname)
    }
    plainAnswer(res, 404, '没有这个页面')
  }

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    (req, res) => {
      for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value)
      // Nothing one request does may take the server down for everyone else.
      handle(req, res).catch((error: unknown) => {
        // Clipped: the URL is the caller's, and an error message may quote it (or a path) whole.
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
        console.error(`[gateway] ${req.method} ${clip(req.url ?? '', 200)}: ${clip(detail, 2000)}`)
        if (!res.headersSent) {
          send(req, res, {
            ok: false,
            error: { code: 'INTERNAL', message: '服务出了点问题，请稍后再试' },
          })
        } else {
          res.destroy()
        }
      })
    },
  )
  // The scheduled jobs (the outbox drain) run while the gateway serves. Several gateways may
  // share one database: every job is safe to run from more than one process at once.
  const { jobIntervalSeconds } = services.config
  if (jobIntervalSeconds > 0) {
    server.once('listening', () => {
      const stop = startJobTimer(() => runJobs(services), jobIntervalSeconds * 1000)
      server.once('close', stop)
    })
  }
  return server
}

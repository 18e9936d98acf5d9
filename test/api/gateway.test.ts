import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { createGateway, defaultRequestLimits } from '../../cloud/gateway/server'
import { expectError, startTestApp, type TestApp } from './support/harness'

interface RawReply {
  /** Everything the server wrote, as text. */
  text: string
  /** The status of the first answer, or null when the server wrote none. */
  status: number | null
  /** Whether the server closed the connection before `waitMs` ran out. */
  closed: boolean
  elapsedMs: number
}

/**
 * Writes bytes to the server as they are, which fetch would refuse to send (a declared body that
 * never comes, a target that is no URL, an unknown method), and waits for the server to answer
 * and close, or for `waitMs`.
 */
function raw(url: string, request: string | Buffer, waitMs = 3000): Promise<RawReply> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const chunks: Buffer[] = []
    const socket = net.connect(Number(port), hostname, () => socket.write(request))
    const finish = (closed: boolean) => {
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('utf8')
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]
      resolve({
        text,
        status: status ? Number(status) : null,
        closed,
        elapsedMs: Date.now() - started,
      })
    }
    const timer = setTimeout(() => finish(false), waitMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('close', () => finish(true))
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may hang up on a hostile request while it is still being written.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish(true)
      else reject(error)
    })
  })
}

/** Everything written to the console while `run` runs, one string per call. */
async function logged(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = []
  const spies = (['error', 'warn', 'log'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '))
    }),
  )
  try {
    await run()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return lines
}

/** Nothing a caller sends may fill the log: no long line, no stack trace. */
function expectQuietLog(lines: string[]) {
  for (const line of lines) {
    expect(line.length).toBeLessThan(2500)
    expect(line).not.toMatch(/\n\s+at /)
  }
}

// Protocol-level behaviour of the gateway itself; the store behind it does not matter here.
describe('the gateway serving the H5 build', () => {
  let app: TestApp
  let dir: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'village-hall-static-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>村民之家</title>')
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'js', 'app.js'), 'console.log("村民之家")\n'.repeat(50))
    fs.writeFileSync(
      path.join(dir, 'js', 'app.0123abcd.js'),
      'console.log("村规民约")\n'.repeat(50),
    )
    // A relative STATIC_DIR, as someone might configure it.
    app = await startTestApp('sqlite', { staticDir: path.relative(process.cwd(), dir) })
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const get = (urlPath: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${urlPath}`, { headers })

  /** An answer as it travelled: node:http, unlike fetch, does not undo the compression. */
  const getRaw = (urlPath: string, acceptEncoding: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${app.url}${urlPath}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
        })
        .on('error', reject)
    })

  test('serves assets with their type, brotli or gzip as the phone accepts', async () => {
    const text = 'console.log("村民之家")\n'.repeat(50)
    const cases: [string, string | undefined, (body: Buffer) => Buffer][] = [
      ['gzip, deflate, br', 'br', (body) => zlib.brotliDecompressSync(body)],
      ['gzip', 'gzip', (body) => zlib.gunzipSync(body)],
      ['br;q=0, gzip', 'gzip', (body) => zlib.gunzipSync(body)],
      ['identity', undefined, (body) => body],
    ]
    for (const [accept, encoding, decode] of cases) {
      // Twice: the second answer is the one kept from the first.
      for (let round = 0; round < 2; round += 1) {
        const { headers, body } = await getRaw('/js/app.js', accept)
        expect(headers['content-type']).toContain('text/javascript')
        expect(headers.vary).toBe('accept-encoding')
        expect(headers['content-encoding']).toBe(encoding)
        expect(decode(body).toString()).toBe(text)
        if (encoding) expect(body.length).toBeLessThan(Buffer.byteLength(text) / 5)
      }
    }
  })

  /** A raw API call, as it travelled (see getRaw). */
  const postRaw = (fn: string, body: unknown, token: string, acceptEncoding: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const request = http.request(
          `${app.url}/api/${fn}`,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'accept-encoding': acceptEncoding,
            },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            )
          },
        )
        request.on('error', reject)
        request.end(JSON.stringify(body))
      },
    )

  test('compresses a large API answer as the phone accepts, leaves a small one as it is', async () => {
    const token = await app.signIn('villager')
    const plain = await postRaw('rules', { action: 'current' }, token, 'identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.length).toBeGreaterThan(1400)
    const cases: [string, string, (body: Buffer) => Buffer][] = [
      ['gzip, deflate, br', 'br', (body) => zlib.brotliDecompressSync(body)],
      ['gzip', 'gzip', (body) => zlib.gunzipSync(body)],
    ]
    for (const [accept, encoding, decode] of cases) {
      const { status, headers, body } = await postRaw('rules', { action: 'current' }, token, accept)
      expect(status).toBe(200)
      expect(headers['content-encoding']).toBe(encoding)
      expect(headers.vary).toBe('accept-encoding')
      expect(body.length).toBeLessThan(plain.body.length * 0.75)
      expect(JSON.parse(decode(body).toString())).toEqual(JSON.parse(plain.body.toString()))
    }
    // An error answer is a few dozen bytes: sent as is, whatever the phone accepts.
    const small = await postRaw('rules', { action: 'nothing' }, token, 'gzip, deflate, br')
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(small.body.toString())).toMatchObject({ ok: false })
  })

  test('a kept answer (a 14-day availability window) is compressed once, then sent as it was', async () => {
    const token = await app.signIn('villager')
    const ask = () =>
      postRaw(
        'serviceCenter',
        { action: 'availability', data: { serviceId: 'village-shilong-service-residence' } },
        token,
        'br',
      )
    const first = await ask()
    const compress = jest.spyOn(zlib, 'brotliCompressSync')
    try {
      const again = await ask()
      expect(again.headers['content-encoding']).toBe('br')
      expect(again.body.equals(first.body)).toBe(true)
      expect(compress).not.toHaveBeenCalled()
    } finally {
      compress.mockRestore()
    }
    const answer = JSON.parse(zlib.brotliDecompressSync(first.body).toString())
    expect(answer.ok).toBe(true)
    expect(answer.data.length).toBeGreaterThan(0)
  })

  test('hashed assets are cached for a year, other files briefly, index.html never', async () => {
    const hashed = await get('/js/app.0123abcd.js')
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await hashed.text()).toContain('村规民约')
    expect((await get('/js/app.js')).headers.get('cache-control')).toBe('public, max-age=3600')
    expect((await get('/index.html')).headers.get('cache-control')).toBe('no-cache')
  })

  test('any other path is the app itself, and index.html is never cached', async () => {
    for (const route of ['/pages/rules/index', `/${'a'.repeat(255)}`]) {
      const response = await get(route)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toContain('<title>村民之家</title>')
    }
  })

  test('no path leaves the build folder', async () => {
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/js/..%2f..%2f']) {
      const response = await get(attempt)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>村民之家</title>')
    }
  })

  test('a path no file could have is a plain 404, and the log stays quiet', async () => {
    const attempts = [
      `/${'a'.repeat(256)}`, // one name over the file system's limit
      `/js/${'b'.repeat(300)}.js`,
      `/${'a/'.repeat(1500)}`, // deep nesting
      `/${'%E4%B8%AD'.repeat(86)}`, // 86 characters, but 258 bytes
      `/${'x%2F'.repeat(2000)}`, // slashes in disguise
      `/${'%'.repeat(300)}`,
      '/index.html/below-a-file',
      '/%E0%A4%A', // broken percent-encoding
      '/js/%00',
    ]
    const lines = await logged(async () => {
      for (const attempt of attempts) {
        const response = await get(attempt)
        expect({ attempt: attempt.slice(0, 40), status: response.status }).toEqual({
          attempt: attempt.slice(0, 40),
          status: 404,
        })
        expect(response.headers.get('content-type')).toContain('text/plain')
        expect(await response.text()).toBe('没有这个页面')
      }
    })
    expectQuietLog(lines)
    const still = await app.post('session', { action: 'listTowns' })
    expect(still.body.ok).toBe(true)
  })

  test('a request target that is no URL at all is a plain 400', async () => {
    for (const target of ['//[', '//a:b@', '//300.1.1.1/x']) {
      const reply = await raw(
        app.url,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      )
      expect(reply.status).toBe(400)
      expect(reply.text).toContain('网址不对')
    }
  })

  test('HTML, assets, API answers and refusals all carry the security headers', async () => {
    const answers = [
      await get('/'),
      await get('/js/app.js'),
      await get(`/${'a'.repeat(300)}`),
      await fetch(`${app.url}/api/session`, { method: 'POST', body: '{"action":"listTowns"}' }),
      await fetch(`${app.url}/api/session`, { method: 'POST', body: 'not json' }),
      await fetch(`${app.url}/api/session`),
    ]
    for (const response of answers) {
      const csp = new Map(
        (response.headers.get('content-security-policy') ?? '')
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...sources]) => [name, sources]),
      )
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('script-src')).toContain("'self'")
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
      expect(csp.get('script-src')).not.toContain("'unsafe-eval'")
      expect(csp.get('connect-src')).toEqual(["'self'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
    for (const api of answers.slice(3)) expect(api.headers.get('cache-control')).toBe('no-store')
  })
})

describe('the gateway facing hostile requests', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp('sqlite')
  })
  afterAll(() => app.close())

  /** A gateway of the same services with short limits, so a test need not wait 30 s. */
  async function withShortLimits(run: (url: string) => Promise<void>) {
    const server = createGateway(app.services, {
      headersTimeoutMs: 300,
      requestTimeoutMs: 500,
      timeoutCheckMs: 50,
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }

  test('the server has timeouts of its own, far below Node’s five minutes', () => {
    const server = createGateway(app.services)
    expect(server.headersTimeout).toBe(defaultRequestLimits.headersTimeoutMs)
    expect(server.requestTimeout).toBe(defaultRequestLimits.requestTimeoutMs)
    expect(server.requestTimeout).toBeLessThanOrEqual(60_000)
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout)
  })

  test('a declared body that never arrives is answered 408 and closed in time', async () => {
    const lines = await logged(() =>
      withShortLimits(async (url) => {
        const head = 'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
        for (const request of [
          `${head}Content-Length: 100\r\n\r\n`, // no body at all
          `${head}Content-Length: 100\r\n\r\n{"action":`, // a body that stops halfway
        ]) {
          const reply = await raw(url, request)
          expect(reply.closed).toBe(true)
          expect(reply.elapsedMs).toBeLessThan(2000)
          expect(reply.status).toBe(408)
        }
        // Other callers were never held up.
        const still = await fetch(`${url}/api/session`, {
          method: 'POST',
          body: '{"action":"listTowns"}',
        })
        expect(still.status).toBe(200)
      }),
    )
    expectQuietLog(lines)
    expect(lines).toEqual([])
  })

  test('headers that never finish are cut off in time', async () => {
    await withShortLimits(async (url) => {
      const reply = await raw(url, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ')
      expect(reply.closed).toBe(true)
      expect(reply.elapsedMs).toBeLessThan(2000)
      expect(reply.status).toBe(408)
    })
  })

  test('unknown and unexpected methods get a plain 4xx', async () => {
    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const reply = await fetch(`${app.url}/api/session`, { method })
      expect(reply.status).toBe(400)
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe(
        'INVALID_ARGUMENT',
      )
    }
    const deleteHome = await fetch(`${app.url}/`, { method: 'DELETE' })
    expect(deleteHome.status).toBe(404)
    for (const method of ['BREW', 'GET\u0000', 'P OST']) {
      const reply = await raw(app.url, `${method} /api/session HTTP/1.1\r\nHost: x\r\n\r\n`)
      expect(reply.status).toBeGreaterThanOrEqual(400)
      expect(reply.status).toBeLessThan(500)
    }
  })

  test('malformed, odd and oversized bodies are answered in the envelope, never a 500', async () => {
    const bodies: BodyInit[] = [
      '{',
      '['.repeat(100_000),
      '['.repeat(50_000) + ']'.repeat(50_000),
      'null',
      '"listTowns"',
      '{"action":"listTowns","__proto__":{"polluted":true}}',
      new Uint8Array([0xff, 0xfe, 0x7b, 0x00]),
    ]
    for (const body of bodies) {
      const response = await fetch(`${app.url}/api/session`, { method: 'POST', body })
      expect(response.status).toBeLessThan(500)
      const envelope = (await response.json()) as { ok: boolean }
      expect(typeof envelope.ok).toBe('boolean')
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const huge = await app.post(
      'session',
      `{"action":"listTowns","x":"${'x'.repeat(1024 * 1024)}"}`,
    )
    expect(expectError(huge, 'INVALID_ARGUMENT', 400).message).toBe('提交的内容太多了')
  })

  test('a huge header or URL is refused with 431, not a 500', async () => {
    for (const request of [
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      `POST /api/session HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'t'.repeat(20_000)}\r\n\r\n`,
      `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]) {
      const reply = await raw(app.url, request)
      expect(reply.status).toBe(431)
    }
    const still = await app.post('session', { action: 'listTowns' })
    expect(still.body.ok).toBe(true)
  })
})

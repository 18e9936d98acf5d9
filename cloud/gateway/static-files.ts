import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Negotiator from 'negotiator'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}
const compressible = new Set(['.html', '.js', '.css', '.json', '.svg'])

/** Best first: brotli is ~15% smaller than gzip on the bundles; identity when neither is accepted. */
const encodings = ['br', 'gzip'] as const
export type Encoding = (typeof encodings)[number]

/** Built names carry a content hash (`js/app.11db98c7.js`, see config/index.ts): never changed. */
const hashedName = /\.[0-9a-f]{8,}\.[a-z0-9]+$/

const compress: Record<Encoding, (body: Buffer) => Buffer> = {
  // Done once per file, so the slowest, smallest setting costs nothing per request.
  br: (body) =>
    zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
}

/**
 * No file of the build has a path this long or a name this many bytes (Linux's NAME_MAX); a
 * longer one is refused before it reaches the file system, which would throw ENAMETOOLONG.
 */
const maxPathChars = 1024
const maxNameBytes = 255

/** A short answer in words, for what is not the app and not the API. */
export function plainAnswer(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}

type Found = { kind: 'file'; file: string } | { kind: 'none' } | { kind: 'impossible' }

/** Our smallest encoding the phone accepts at all (q > 0), whatever its own order of preference. */
export function pickEncoding(req: IncomingMessage): Encoding | undefined {
  const accepted = new Negotiator(req).encodings([...encodings])
  return encodings.find((encoding) => accepted.includes(encoding))
}

/** How long a phone may keep a file without asking again. */
function cacheControl(file: string): string {
  // index.html names the current hashed files, so it is asked for again each time.
  if (path.basename(file) === 'index.html') return 'no-cache'
  if (hashedName.test(path.basename(file))) return 'public, max-age=31536000, immutable'
  return 'public, max-age=3600'
}

/**
 * Serves the H5 build. Text is compressed once per file (brotli and gzip, chosen by the phone's
 * Accept-Encoding) and kept in memory: on weak village 4G the bundle's size is what a villager
 * waits for. Unknown paths get index.html (the app routes).
 */
export function createStaticHandler(staticDir: string) {
  // Absolute once, so the containment check below holds for a relative STATIC_DIR too.
  const root = path.resolve(staticDir)
  const cache = new Map<
    string,
    {
      body: Buffer
      compressed: Partial<Record<Encoding, Buffer>> | null
      type: string
      cacheControl: string
      mtimeMs: number
    }
  >()

  function load(file: string) {
    // Keyed on the file's mtime too, so a rebuild while the server runs is picked up.
    const { mtimeMs } = fs.statSync(file)
    let entry = cache.get(file)
    if (!entry || entry.mtimeMs !== mtimeMs) {
      const body = fs.readFileSync(file)
      const ext = path.extname(file)
      entry = {
        body,
        // Each encoding is made on its first request, then kept.
        compressed: compressible.has(ext) ? {} : null,
        type: contentTypes[ext] ?? 'application/octet-stream',
        cacheControl: cacheControl(file),
        mtimeMs,
      }
      cache.set(file, entry)
    }
    return entry
  }

  /**
   * The file a URL path names inside root; `none` when it could name one but does not (the app
   * routes it); `impossible` when no file could ever have that path (malformed, too long, below a
   * file, outside root).
   */
  function find(urlPath: string): Found {
    if (urlPath.length > maxPathChars) return { kind: 'impossible' }
    let decoded: string
    try {
      decoded = decodeURIComponent(urlPath)
    } catch {
      return { kind: 'impossible' }
    }
    if (decoded.includes('\0')) return { kind: 'impossible' }
    if (decoded.split('/').some((name) => Buffer.byteLength(name) > maxNameBytes)) {
      return { kind: 'impossible' }
    }
    const file = path.join(root, path.normalize(decoded))
    if (!file.startsWith(root + path.sep)) return { kind: 'impossible' }
    try {
      return fs.statSync(file, { throwIfNoEntry: false })?.isFile()
        ? { kind: 'file', file }
        : { kind: 'none' }
    } catch {
      // ENOTDIR (a path below a file), ELOOP, EACCES, ENAMETOOLONG under a deep STATIC_DIR.
      return { kind: 'impossible' }
    }
  }

  return (req: IncomingMessage, res: ServerResponse, urlPath: string) => {
    const found = find(urlPath)
    if (found.kind === 'impossible') return plainAnswer(res, 404, '没有这个页面')
    const file = found.kind === 'file' ? found.file : path.join(root, 'index.html')
    let entry: ReturnType<typeof load>
    try {
      entry = load(file)
    } catch {
      // No build yet, or a rebuild removed the file between the check and the read.
      return plainAnswer(
        res,
        404,
        '页面暂时打不开：H5 页面还没有构建好（npm run build:h5），请稍后刷新',
      )
    }
    const { compressed } = entry
    const encoding = compressed ? pickEncoding(req) : undefined
    const body =
      compressed && encoding
        ? (compressed[encoding] ??= compress[encoding](entry.body))
        : entry.body
    res.writeHead(200, {
      'content-type': entry.type,
      'cache-control': entry.cacheControl,
      // A shared cache must not hand a brotli answer to a phone that asked for gzip.
      ...(compressed ? { vary: 'accept-encoding' } : {}),
      ...(encoding ? { 'content-encoding': encoding } : {}),
    })
    res.end(body)
  }
}

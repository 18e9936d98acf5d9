import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'

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

/**
 * Serves the H5 build. Text is gzipped once and kept in memory: on weak village 4G the
 * bundle's size is what a villager waits for. Unknown paths get index.html (the app routes).
 */
export function createStaticHandler(staticDir: string) {
  // Absolute once, so the containment check below holds for a relative STATIC_DIR too.
  const root = path.resolve(staticDir)
  const cache = new Map<
    string,
    { body: Buffer; gzip: Buffer | null; type: string; mtimeMs: number }
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
        gzip: compressible.has(ext) ? zlib.gzipSync(body) : null,
        type: contentTypes[ext] ?? 'application/octet-stream',
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
    const useGzip = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    res.writeHead(200, {
      'content-type': entry.type,
      // index.html must be re-read so a new build is picked up; hashed assets never change.
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=604800',
      ...(useGzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    })
    res.end(useGzip ? entry.gzip : entry.body)
  }
}

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

  /** The file a URL path names inside root, or null when it names none (the app routes it). */
  function resolve(urlPath: string): string | null {
    let decoded: string
    try {
      decoded = decodeURIComponent(urlPath)
    } catch {
      return null
    }
    const file = path.join(root, path.normalize(decoded))
    if (!file.startsWith(root + path.sep) || file.includes('\0')) return null
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const file =
      resolve(new URL(req.url ?? '/', 'http://x').pathname) ?? path.join(root, 'index.html')
    let entry: ReturnType<typeof load>
    try {
      entry = load(file)
    } catch {
      // No build yet, or a rebuild removed the file between the check and the read.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('页面暂时打不开：H5 页面还没有构建好（npm run build:h5），请稍后刷新')
      return
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

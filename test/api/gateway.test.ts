import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { startTestApp, type TestApp } from './support/harness'

// The gateway's static side (the H5 app); the store behind it does not matter here.
describe('the gateway serving the H5 build', () => {
  let app: TestApp
  let dir: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'village-hall-static-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>村民之家</title>')
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'js', 'app.js'), 'console.log("村民之家")\n'.repeat(50))
    // A relative STATIC_DIR, as someone might configure it.
    app = await startTestApp('sqlite', { staticDir: path.relative(process.cwd(), dir) })
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const get = (urlPath: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${urlPath}`, { headers })

  test('serves assets with their type, gzipped when the phone accepts it', async () => {
    const response = await get('/js/app.js', { 'accept-encoding': 'gzip' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/javascript')
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(await response.text()).toContain('村民之家')
    const raw = await fetch(`${app.url}/js/app.js`, { headers: { 'accept-encoding': 'identity' } })
    expect(raw.headers.get('content-encoding')).toBeNull()
    expect(zlib.gzipSync(Buffer.from(await raw.text())).length).toBeGreaterThan(0)
  })

  test('any other path is the app itself, and index.html is never cached', async () => {
    const response = await get('/pages/rules/index')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(await response.text()).toContain('<title>村民之家</title>')
  })

  test('no path leaves the build folder, and a malformed one does not stop the server', async () => {
    for (const attempt of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%E0%A4%A',
      '/js/%00',
    ]) {
      const response = await get(attempt)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>村民之家</title>')
    }
    const still = await app.post('session', { action: 'listTowns' })
    expect(still.body.ok).toBe(true)
  })
})

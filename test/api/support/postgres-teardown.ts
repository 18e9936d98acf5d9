import type { RunningPostgres } from '../../../scripts/embedded-postgres'

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __villageHallPostgres?: RunningPostgres }).__villageHallPostgres
  await server?.stop()
}

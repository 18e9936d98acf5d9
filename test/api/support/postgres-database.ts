import { randomUUID } from 'node:crypto'
import { Client } from 'pg'

/**
 * A fresh, empty database in the PostgreSQL server jest's globalSetup started, so test files
 * never see each other's rows. Fails loudly outside that setup rather than skipping.
 */
export async function createPostgresDatabase(): Promise<{
  url: string
  drop: () => Promise<void>
}> {
  const adminUrl = process.env.TEST_POSTGRES_URL
  if (!adminUrl) {
    throw new Error(
      'TEST_POSTGRES_URL is not set: run the tests through jest, whose globalSetup starts PostgreSQL',
    )
  }
  const name = `vh_${randomUUID().replace(/-/g, '')}`
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

import type { Config } from './config'
import type { Services } from './core/context'
import { createWxApi } from './gateway/wx-api'
import { migrateToLatest, openDb } from './store/db'
import { seedDemoIfEmpty } from './seed/seed-demo'

/** Opens and migrates the store and, if asked, seeds the demo village into an empty one. */
export async function startServices(config: Config): Promise<Services & { seeded: boolean }> {
  const { db, engine } = await openDb(config)
  await migrateToLatest(db)
  const now = () => new Date()
  const seeded = config.seedDemo ? await seedDemoIfEmpty(db, now()) : false
  return { db, engine, config, wx: createWxApi(config), now, seeded }
}

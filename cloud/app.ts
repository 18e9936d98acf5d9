import type { Config } from './config'
import type { Services } from './core/context'
import { createWxApi } from './gateway/wx-api'
import { migrateToLatest, openDb } from './store/db'
import { seedDemoIfEmpty } from './seed/seed-demo'
import { isUniqueViolation } from './core/errors'

/** Opens and migrates the store and, if asked, seeds the demo village into an empty one. */
export async function startServices(config: Config): Promise<Services & { seeded: boolean }> {
  const { db, engine } = await openDb(config)
  await migrateToLatest(db)
  const now = () => new Date()
  let seeded = false
  if (config.seedDemo) {
    try {
      seeded = await seedDemoIfEmpty(db, now())
    } catch (error) {
      // Another instance starting at the same moment seeded it first: that is the same result.
      if (!isUniqueViolation(error)) throw error
    }
  }
  return { db, engine, config, wx: createWxApi(config), now, seeded }
}

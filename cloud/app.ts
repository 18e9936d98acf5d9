import type { Config } from './config'
import type { Services } from './core/context'
import type { WeChat } from './wechat/wechat'
import { migrateToLatest, openDb } from './store/db'
import { seedDemoIfAbsent } from './seed/seed-demo'
import { isUniqueViolation } from './core/errors'

/**
 * Opens and migrates the store and, if asked, seeds the demo village when it is absent. WeChat
 * comes from the entry point: over HTTPS for the gateway, `cloud.openapi` in the cloud function.
 */
export async function startServices(
  config: Config,
  wechat: WeChat,
): Promise<Services & { seeded: boolean }> {
  const { db, engine } = await openDb(config)
  await migrateToLatest(db)
  const now = () => new Date()
  let seeded = false
  if (config.seedDemo) {
    try {
      seeded = await seedDemoIfAbsent(db, now())
    } catch (error) {
      // Another instance starting at the same moment seeded it first: that is the same result.
      if (!isUniqueViolation(error)) throw error
    }
  }
  return { db, engine, config, wechat, now, seeded }
}

import { isUniqueViolation } from '../core/errors'
import { randomCode } from './invitation-code'

/**
 * Every village has a short code, carried by its QR code (`v=<code>`). WeChat allows a 小程序码
 * scene of 32 characters, too few for a UUID after `v=`; 6 characters from the unambiguous
 * alphabet give 887 million codes, so one cannot find a village by trying codes at random.
 */
export const villageCodeLength = 6

export function newVillageCode(): string {
  return randomCode(villageCodeLength)
}

/** The 小程序码 scene that names a village; the mini-program reads it back as `v`. */
export function villageScene(code: string): string {
  return `v=${code}`
}

/**
 * Runs `write` (which draws its own fresh random codes) again when a unique index refuses it:
 * two random codes clashing is rare but possible, and the database, not a prior read, decides.
 * `write` must be a whole transaction: on PostgreSQL a failed statement ends the transaction.
 */
export async function retryOnCodeClash<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write()
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= attempts) throw error
    }
  }
}

import type { Db } from '../store/db'
import { AppError } from '../core/errors'
import { runPrepared } from '../store/prepared'

/** At most `max` counted attempts per key in each window of `windowSeconds`. */
export interface RateRule {
  /** Names the counter, e.g. `session.redeemInvitation:caller`. */
  bucket: string
  max: number
  windowSeconds: number
}

function windowOf(rule: RateRule, now: Date) {
  const length = rule.windowSeconds * 1000
  const start = Math.floor(now.getTime() / length) * length
  return { start: new Date(start).toISOString(), end: start + length }
}

/**
 * Counts one attempt against the rule and refuses it, with a plain message saying when to try
 * again, once the window holds more than `max`. The count is one atomic upsert in the database
 * (not a read and a write), so concurrent attempts from many processes can't all slip under the
 * limit. Fixed windows allow a burst of up to twice `max` around a window's edge; for these
 * limits (guessing codes, signing in) that is far below what would matter.
 *
 * Returns an undo that takes the attempt back, for rules that count only failures. Run it where a
 * refused request does not roll it back, for the attempt must still count: on the root
 * connection, or in a change's transaction before the change's savepoint (core/change.ts).
 */
export async function countAttempt(
  db: Db,
  rule: RateRule,
  key: string,
  now: Date,
): Promise<() => Promise<void>> {
  const window = windowOf(rule, now)
  // Every limited call counts here first: compiled once (store/prepared.ts).
  const [row] = await runPrepared(
    db,
    'count attempt',
    (bucket, counted, windowStart) =>
      db
        .insertInto('rateLimits')
        .values({ bucket, key: counted, windowStart, hits: 1 })
        .onConflict((oc) =>
          oc
            .columns(['bucket', 'key', 'windowStart'])
            .doUpdateSet((eb) => ({ hits: eb('rateLimits.hits', '+', 1) })),
        )
        .returning('hits'),
    [rule.bucket, key, window.start],
  )
  if (Number(row.hits) > rule.max) {
    const minutes = Math.max(1, Math.ceil((window.end - now.getTime()) / 60_000))
    throw new AppError('RESOURCE_EXHAUSTED', `尝试的次数太多了，请 ${minutes} 分钟后再试`)
  }
  return async () => {
    await db
      .updateTable('rateLimits')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('bucket', '=', rule.bucket)
      .where('key', '=', key)
      .where('windowStart', '=', window.start)
      .execute()
  }
}

/** Counters of windows that ended more than a day ago tell nothing any more. */
export async function removeOldRateCounters(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('rateLimits')
    .where('windowStart', '<', new Date(now.getTime() - 2 * 86400_000).toISOString())
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

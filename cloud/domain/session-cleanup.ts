import type { Db } from '../store/db'

/** How long a change's answer is kept for a repeated request (see core/change.ts). */
const replayKeptMs = 86400_000

/**
 * Deletes what sign-in and the one mutation path leave behind once it can no longer be used:
 * sessions past their expiry (resolveUser already refuses them) and kept answers older than a
 * day (a client retries within seconds). Returns how many rows of each went. Safe to run at any
 * time and from several places at once: each row goes in one DELETE, whoever runs it.
 */
export async function cleanUpSessions(
  db: Db,
  now: Date,
): Promise<{ sessions: number; requestReplays: number }> {
  const sessions = await db
    .deleteFrom('sessions')
    .where('expiresAt', '<=', now.toISOString())
    .executeTakeFirst()
  const replays = await db
    .deleteFrom('requestReplays')
    .where('createdAt', '<', new Date(now.getTime() - replayKeptMs).toISOString())
    .executeTakeFirst()
  return {
    sessions: Number(sessions.numDeletedRows),
    requestReplays: Number(replays.numDeletedRows),
  }
}

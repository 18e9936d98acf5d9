import type { Services } from '../core/context'
import { remindTomorrow } from '../domain/appointment-reminders'
import { tellOverdue } from '../domain/council-outcomes'
import { drainOutbox, type SendSubscribe } from '../domain/outbox'
import { restartPhotoChecks } from '../domain/photos'
import { removeOldRateCounters } from '../domain/rate-limit'
import { cleanUpSessions } from '../domain/session-cleanup'

/**
 * The scheduled jobs, in one place for both ways they are started: the gateway's interval
 * and the cloud function's timer trigger. Each job is safe to run from several processes at
 * once; a job that throws is logged and does not stop the others.
 */
export async function runJobs(services: Services) {
  const send: SendSubscribe = (message) => services.wechat.sendSubscribeMessage(message)
  const jobs = {
    outbox: () => drainOutbox(services.db, services.config, services.now, send),
    rateCounters: () => removeOldRateCounters(services.db, services.now()),
    sessions: () => cleanUpSessions(services.db, services.now()),
    appointmentReminders: () => remindTomorrow(services.db, services.config, services.now()),
    overdueResolutions: () => tellOverdue(services.db, services.config, services.now()),
    photoChecks: () => restartPhotoChecks(services),
  }
  const results: Record<string, unknown> = {}
  for (const [name, job] of Object.entries(jobs)) {
    try {
      results[name] = await job()
    } catch (error) {
      console.error(`[jobs] ${name}`, error)
      results[name] = { error: String(error) }
    }
  }
  return results
}

/**
 * Runs `run` every `intervalMs` until the returned stop is called. A run still going when the
 * next is due is not doubled; the timer does not keep the process alive on its own.
 */
export function startJobTimer(run: () => Promise<unknown>, intervalMs: number): () => void {
  let running: Promise<unknown> | null = null
  const timer = setInterval(() => {
    if (running) return
    running = run()
      .catch((error: unknown) => console.error('[jobs]', error))
      .finally(() => {
        running = null
      })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

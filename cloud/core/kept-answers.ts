import type { ApiResponse } from '../../types/api'

/**
 * Answers a handler keeps and hands out again unchanged (the 党群服务中心's availability, kept
 * while nothing it depends on changes): the bytes of their success envelope are made on their
 * first send and reused, since serializing a 14-day window costs more than finding it in memory.
 * Keyed by the answer object itself, so an answer no longer kept is forgotten with it.
 */
const envelopes = new WeakMap<object, Buffer | null>()

/** Marks `data` as a kept answer, never changed after this: its envelope is serialized once. */
export function keepAnswer<T extends object>(data: T): T {
  if (!envelopes.has(data)) envelopes.set(data, null)
  return data
}

/** The body of an answer as the gateway sends it: the kept bytes for a kept answer. */
export function answerBody(response: ApiResponse<unknown>): Buffer | string {
  const { data } = response as { data?: unknown }
  if (!response.ok || typeof data !== 'object' || data === null || !envelopes.has(data)) {
    return JSON.stringify(response)
  }
  let bytes = envelopes.get(data)
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(response))
    envelopes.set(data, bytes)
  }
  return bytes
}

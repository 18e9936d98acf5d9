import { PostgresAdapter } from 'kysely'
import * as postgres from 'kysely/helpers/postgres'
import * as sqlite from 'kysely/helpers/sqlite'
import type { Db } from './db'

/** Kysely's helpers that nest a subquery as a JSON object or list, in the store's own dialect. */
export const jsonHelpers = (db: Db) =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? { jsonObjectFrom: postgres.jsonObjectFrom, jsonArrayFrom: postgres.jsonArrayFrom }
    : { jsonObjectFrom: sqlite.jsonObjectFrom, jsonArrayFrom: sqlite.jsonArrayFrom }

const camelCase = (name: string) =>
  name.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase())

/**
 * A JSON value as the engine returns it, with camelCase keys as every other row has them. On
 * SQLite it is text, and so is a list nested in it; the object's own keys are the columns' names
 * (snake_case), while a nested list's objects are keyed as selected (camelCase) by Kysely's
 * helper: so only the top level is renamed, and each nested list is parsed by its reader. On
 * PostgreSQL it is parsed already, the CamelCasePlugin having renamed every key.
 */
export function parsedJson<T>(value: unknown): T {
  if (typeof value !== 'string') return value as T
  const parsed: unknown = JSON.parse(value)
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return parsed as T
  const renamed: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(parsed)) renamed[camelCase(key)] = item
  return renamed as T
}

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
 * A JSON value as the engine returns it, with camelCase keys as every other row has them: text
 * on SQLite (also a list nested in an object, which SQLite passes on as text), its object keys
 * as the columns are named (snake_case); parsed on PostgreSQL, where the CamelCasePlugin has
 * renamed the keys already.
 */
export const parsedJson = <T>(value: unknown): T =>
  (typeof value === 'string'
    ? JSON.parse(value, (_key, item: unknown) =>
        item && typeof item === 'object' && !Array.isArray(item)
          ? Object.fromEntries(Object.entries(item).map(([key, inner]) => [camelCase(key), inner]))
          : item,
      )
    : value) as T

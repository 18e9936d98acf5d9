import type { CompiledQuery, Compilable, DialectAdapter, Insertable } from 'kysely'
import type { Db } from './db'
import type { Database } from './schema'

/** A value no caller sends: where the n-th value goes in a query compiled once. */
const placeholder = (index: number) => `\u0000prepared:${index}`
const placeholderPattern = /^\u0000prepared:(\d+)$/

/**
 * A query compiled once, and where each of its parameters comes from: the index of the caller's
 * value, or null for a value the query itself holds (a literal Kysely made a parameter).
 */
interface Prepared {
  query: CompiledQuery
  sources: readonly (number | null)[]
}

/** Per dialect (a transaction shares its store's), per query name. */
const compiledQueries = new WeakMap<DialectAdapter, Map<string, Prepared>>()

/** The texts of the queries compiled here, and the name each goes by as a server statement. */
const statementNames = new Map<string, string>()

/**
 * The name under which PostgreSQL may keep a query parsed and planned on each connection: only
 * the few queries compiled here have one, so their number stays fixed (db.ts).
 */
export const statementName = (text: string) => statementNames.get(text)

/**
 * Runs a query that Kysely builds and compiles once per dialect, with these values. Building and
 * compiling a query through Kysely costs more than SQLite answering it (issue 9's calibration),
 * so the queries every call makes (the caller's identity) are built once at their first use:
 * `build` gets a stand-in for each value and must use each one as a plain parameter (in `where`,
 * `on`, `values`), never in `sql.raw` or as a name.
 */
export async function runPrepared<R>(
  db: Db,
  name: string,
  build: (...values: string[]) => Compilable<R>,
  values: readonly unknown[],
): Promise<R[]> {
  const { adapter } = db.getExecutor()
  let queries = compiledQueries.get(adapter)
  if (!queries) compiledQueries.set(adapter, (queries = new Map()))
  let prepared = queries.get(name)
  if (!prepared) {
    const query = build(...values.map((_, index) => placeholder(index))).compile()
    const sources = query.parameters.map((parameter) => {
      const index = typeof parameter === 'string' ? placeholderPattern.exec(parameter)?.[1] : null
      return index == null ? null : Number(index)
    })
    queries.set(name, (prepared = { query, sources }))
    // Another store of the same dialect (a second app in one process) compiles the same text.
    if (!statementNames.has(query.sql)) {
      statementNames.set(query.sql, `prepared_${statementNames.size + 1}`)
    }
  }
  const { query, sources } = prepared
  // Looked up once at compile time: a booking runs a dozen of these.
  const parameters = sources.map((source, index) =>
    source === null ? query.parameters[index] : values[source],
  )
  const { rows } = await db.executeQuery<R>({ ...query, parameters })
  return rows
}

/** More rows than this go through Kysely as built: each row count is a statement of its own. */
const maxPreparedRows = 4

/**
 * Inserts a few rows of one shape (the same columns set), compiled once per table, columns and
 * row count (`runPrepared`): what a booking writes (its appointment, its events, its message).
 * More rows, or rows of different shapes, are inserted as Kysely builds them.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return
  const fields = rows.map((row) =>
    Object.entries(row as Record<string, unknown>).filter(([, value]) => value !== undefined),
  )
  const columns = fields[0].map(([column]) => column)
  const sameShape = fields.every(
    (entries) =>
      entries.length === columns.length &&
      entries.every(([column], index) => column === columns[index]),
  )
  if (rows.length > maxPreparedRows || !sameShape) {
    await db
      .insertInto(table)
      .values(rows as never)
      .execute()
    return
  }
  const rowsOf = (values: readonly string[]) =>
    rows.map((_, row) =>
      Object.fromEntries(
        columns.map((column, index) => [column, values[row * columns.length + index]]),
      ),
    )
  await runPrepared(
    db,
    `insert ${rows.length} into ${table} (${columns.join(', ')})`,
    (...values) => db.insertInto(table).values(rowsOf(values) as never),
    fields.flatMap((entries) => entries.map(([, value]) => value)),
  )
}

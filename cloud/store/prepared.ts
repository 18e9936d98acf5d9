import type { CompiledQuery, Compilable, DialectAdapter } from 'kysely'
import type { Db } from './db'

/** A value no caller sends: where the n-th value goes in a query compiled once. */
const placeholder = (index: number) => `\u0000prepared:${index}`
const placeholderPattern = /^\u0000prepared:(\d+)$/

/** Per dialect (a transaction shares its store's), per query name. */
const compiledQueries = new WeakMap<DialectAdapter, Map<string, CompiledQuery>>()

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
  let compiled = queries.get(name) as CompiledQuery<R> | undefined
  if (!compiled) {
    compiled = build(...values.map((_, index) => placeholder(index))).compile()
    queries.set(name, compiled)
    // Another store of the same dialect (a second app in one process) compiles the same text.
    if (!statementNames.has(compiled.sql)) {
      statementNames.set(compiled.sql, `prepared_${statementNames.size + 1}`)
    }
  }
  const parameters = compiled.parameters.map((parameter) => {
    const index = typeof parameter === 'string' ? placeholderPattern.exec(parameter)?.[1] : null
    return index == null ? parameter : values[Number(index)]
  })
  const { rows } = await db.executeQuery<R>({ ...compiled, parameters })
  return rows
}

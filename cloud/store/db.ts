import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
} from 'kysely'
import type { Pool } from 'pg'
import { statementName } from './prepared'
import type SQLite from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config'
import { migrationProvider } from './migrations'
import type { Database } from './schema'

export type Db = Kysely<Database>
export type Engine = 'sqlite' | 'postgres'

/** Opens the store: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'databasePoolMax' | 'databaseIdleMs' | 'sqlitePath'>,
): Promise<{
  db: Db
  engine: Engine
}> {
  const plugins = [new CamelCasePlugin()]
  if (config.databaseUrl) {
    const { Pool } = await import('pg')
    const pool = new Pool({
      connectionString: config.databaseUrl,
      max: config.databasePoolMax,
      idleTimeoutMillis: config.databaseIdleMs,
    })
    // A connection waiting in the pool can be ended by the server (a restart, a failover, an
    // administrator, a dropped database). pg removes it from the pool and emits 'error'; with no
    // listener that event would end the whole process, so note it and let the next query open a
    // fresh connection.
    pool.on('error', (error) =>
      console.error('[store] PostgreSQL ended an idle connection:', error.message),
    )
    return {
      db: new Kysely<Database>({
        dialect: new PostgresDialect({ pool: withNamedStatements(pool) }),
        plugins,
      }),
      engine: 'postgres',
    }
  }
  // Loaded lazily: the cloud function bundle runs on PostgreSQL and ships no native SQLite.
  const { default: SQLite } = await import('better-sqlite3')
  if (config.sqlitePath !== ':memory:') {
    fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true })
  }
  const database = new SQLite(config.sqlitePath)
  database.pragma('journal_mode = WAL')
  // Copy the WAL back into the database every 10,000 pages (about 40 MB) instead of SQLite's
  // 1,000: the copy runs inside a commit, so under a booking load (group commits of many
  // changes, core/change.ts) it came every second commit; the pages written over and over (the
  // indexes' leaves) are copied once per checkpoint. Commits still wait for the disk
  // (`synchronous = FULL`, SQLite's default, kept: README, Benchmark).
  database.pragma('wal_autocheckpoint = 10000')
  database.pragma('foreign_keys = ON')
  // Every change of a group commit runs in a savepoint (core/change.ts), and SQLite keeps what a
  // savepoint may have to undo in a temporary journal: in memory rather than in a temporary file,
  // each write of a booking costs a microsecond or two less. Nothing large is sorted or kept in
  // temporary tables.
  database.pragma('temp_store = MEMORY')
  // A second process (a migration, a backup) may hold the lock briefly: wait, don't fail.
  // Several gateway processes should share PostgreSQL, not this file.
  database.pragma('busy_timeout = 5000')
  return {
    db: new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
      plugins,
    }),
    engine: 'sqlite',
  }
}

/**
 * The pool, sending the queries compiled once (store/prepared.ts) as named statements: each
 * connection then parses and plans them once, not on every call. Only those few: every other
 * query text (an IN list of any length) would leave a statement behind on the server. They name
 * their columns (no `select *`), so a later migration adding a column leaves them valid; one that
 * drops or retypes a column they read means restarting the servers, as any such release does.
 */
function withNamedStatements(pool: Pool): PostgresPool {
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect()
      return {
        release: (destroy?: boolean) => client.release(destroy),
        // A query text and its values, or a cursor (Kysely's streams) passed on as it is.
        query: ((text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' ? statementName(text) : undefined
          if (name) return client.query({ name, text: text as string, values })
          return (client.query as (...args: unknown[]) => unknown).call(client, text, values)
        }) as unknown as PostgresPoolClient['query'],
      }
    },
  }
}

/** Enough for every query the code writes; a query text past them only pushes out the oldest. */
const maxKeptStatements = 500

/**
 * better-sqlite3 with each query text compiled once. Kysely prepares a statement for every query,
 * which was the gateway's largest single cost on the read path (issue 9). A kept statement stays
 * right after a schema change: SQLite recompiles it itself. One connection, taken in turn
 * (Kysely's mutex), so a statement is never in use twice at once.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close: () => database.close(),
    prepare(text) {
      let statement = statements.get(text)
      if (!statement) {
        statement = database.prepare(text)
        if (statements.size >= maxKeptStatements) {
          statements.delete(statements.keys().next().value as string)
        }
        statements.set(text, statement)
      }
      return statement
    },
  }
}

export async function migrateToLatest(db: Db): Promise<void> {
  // Migration numbers are handed out to branches in advance and land on main in any order (0006
  // before 0005): a store already past a higher number must still run a lower one that arrives
  // later, which works because each migration touches its own tables and columns.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error ?? '')}`)
  }
}

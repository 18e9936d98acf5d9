import type { Measurement } from './load'

/** One row of the results: a case on one server, measured in the same run as bare Node. */
export interface Row {
  case: string
  server: string
  measurement: Measurement
  /** Bare Node's requests per second for the same case in the same run. */
  bareRequestsPerSecond: number
  /** The server process's resident set size after the case, in bytes. */
  rss: number
}

/** One p99 of a list query at a number of rows. */
export interface ListRow {
  engine: string
  rows: number
  query: string
  /** How many entries one answer held: a page, or the whole list when it does not page. */
  answerItems: number
  measurement: Measurement
}

/** What the booking load left in one store, counted from the rows after the run. */
export interface BookingRow {
  engine: string
  /** Appointments holding a place. */
  held: number
  /** Slots with at least one place taken. */
  slots: number
  /** Slots holding more appointments than the service's capacity, or than their counter says. */
  overbooked: number
}

/** The server's throughput as a share of bare Node's: 1 is as fast as bare Node. */
export function ratioToBare(requestsPerSecond: number, bareRequestsPerSecond: number): number {
  return bareRequestsPerSecond > 0 ? requestsPerSecond / bareRequestsPerSecond : 0
}

const fixed = (value: number, digits: number) => value.toFixed(digits)
/** A latency, or plainly none when no request finished within the run (autocannon says 0). */
const latency = (measurement: Measurement, value: number) =>
  measurement.completed > 0 ? fixed(value, 1) : 'none finished'
const mebibytes = (bytes: number) => `${fixed(bytes / 1024 / 1024, 0)} MB`
const thousands = (rows: number) =>
  rows >= 1_000_000 ? `${rows / 1_000_000} M` : rows >= 1000 ? `${rows / 1000} k` : String(rows)

/** A Markdown table; it reads as well on a terminal as in docs/benchmarks.md. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** The errors, and beside them the refusals the case expects (a full slot), when there were any. */
const errorsCell = (measurement: Measurement) =>
  measurement.refused > 0
    ? `${measurement.errors} (+${measurement.refused} slot full)`
    : String(measurement.errors)

export function loadTable(rows: Row[]): string {
  return markdownTable(
    ['case', 'server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'vs bare Node', 'RSS'],
    rows.map((row) => [
      row.case,
      row.server,
      fixed(row.measurement.requestsPerSecond, 0),
      latency(row.measurement, row.measurement.p50),
      latency(row.measurement, row.measurement.p99),
      errorsCell(row.measurement),
      `${fixed(ratioToBare(row.measurement.requestsPerSecond, row.bareRequestsPerSecond), 2)}×`,
      mebibytes(row.rss),
    ]),
  )
}

export function listTable(rows: ListRow[]): string {
  return markdownTable(
    ['engine', 'rows', 'query', 'items per answer', 'req/s', 'p99 ms', 'errors'],
    rows.map((row) => [
      row.engine,
      thousands(row.rows),
      row.query,
      String(row.answerItems),
      fixed(row.measurement.requestsPerSecond, 1),
      latency(row.measurement, row.measurement.p99),
      String(row.measurement.errors),
    ]),
  )
}

export function bookingTable(rows: BookingRow[]): string {
  return markdownTable(
    ['after the booking load', 'appointments holding a place', 'slots taken', 'overbooked slots'],
    rows.map((row) => [row.engine, String(row.held), String(row.slots), String(row.overbooked)]),
  )
}

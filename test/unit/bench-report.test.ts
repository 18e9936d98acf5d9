import {
  bookingTable,
  listTable,
  loadTable,
  markdownTable,
  ratioToBare,
} from '../../scripts/bench/report'

const measurement = {
  completed: 5001,
  requestsPerSecond: 2500.4,
  p50: 12.345,
  p99: 80,
  errors: 3,
  refused: 0,
}

describe('the benchmark report', () => {
  it('gives throughput as a share of bare Node measured in the same run', () => {
    expect(ratioToBare(2500, 10000)).toBe(0.25)
    expect(ratioToBare(10000, 10000)).toBe(1)
    // A bare run that served nothing cannot be divided by: no ratio rather than Infinity.
    expect(ratioToBare(100, 0)).toBe(0)
  })

  it('lays out a Markdown table with a separator row', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |')
  })

  it('writes one row per case and server with rounded figures, the ratio and the memory', () => {
    const table = loadTable([
      {
        case: 'rules.current',
        server: 'gateway, sqlite',
        measurement,
        bareRequestsPerSecond: 10001.6,
        rss: 150 * 1024 * 1024,
      },
    ])
    expect(table.split('\n')[2]).toBe(
      '| rules.current | gateway, sqlite | 2500 | 12.3 | 80.0 | 3 | 0.25× | 150 MB |',
    )
  })

  it('counts the refusals a case expects (a full slot) apart from the errors', () => {
    const table = loadTable([
      {
        case: 'serviceCenter.book',
        server: 'gateway, sqlite',
        measurement: { ...measurement, errors: 0, refused: 42 },
        bareRequestsPerSecond: 10001.6,
        rss: 150 * 1024 * 1024,
      },
    ])
    expect(table.split('\n')[2]).toContain('| 0 (+42 slot full) |')
  })

  it('reports what the booking load left: places held and overbooked slots', () => {
    const table = bookingTable([{ engine: 'sqlite', held: 3000, slots: 30, overbooked: 0 }])
    expect(table.split('\n')[2]).toBe('| sqlite | 3000 | 30 | 0 |')
  })

  it('names the village size in thousands and millions', () => {
    const row = (rows: number) => ({
      engine: 'postgres',
      rows,
      query: 'admin.listVillagers',
      answerItems: rows,
      measurement,
    })
    const lines = listTable([row(10_000), row(1_000_000)]).split('\n')
    expect(lines[2]).toBe('| postgres | 10 k | admin.listVillagers | 10000 | 2500.4 | 80.0 | 3 |')
    expect(lines[3]).toContain('| 1 M |')
  })

  it('says so when no request finished within the run instead of a latency of 0', () => {
    const none = { completed: 0, requestsPerSecond: 0, p50: 0, p99: 0, errors: 0, refused: 0 }
    const table = listTable([
      { engine: 'sqlite', rows: 1_000_000, query: 'q', answerItems: 1, measurement: none },
    ])
    expect(table.split('\n')[2]).toBe('| sqlite | 1 M | q | 1 | 0.0 | none finished | 0 |')
  })
})

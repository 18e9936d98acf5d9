import { Client } from 'pg'
import { startTestApp, type TestApp } from './support/harness'

// PostgreSQL only: SQLite has no connections to lose.
describe('PostgreSQL ending pooled connections', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp('postgres')
  })
  afterAll(() => app.close())

  test('a restart or an administrator ending idle connections does not take the gateway down', async () => {
    const villager = await app.signIn('villager')
    // Several calls at once leave several idle connections in the pool.
    await Promise.all(Array.from({ length: 4 }, () => app.call(villager, 'session', 'me')))
    const noted = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const admin = new Client({ connectionString: app.services.config.databaseUrl ?? '' })
    await admin.connect()
    const { rows } = await admin.query<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    )
    await admin.end()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((row) => row.ended)).toBe(true)
    // pg reports each ended connection as an 'error' on the pool once its socket closes.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(noted).toHaveBeenCalledWith(
      '[store] PostgreSQL ended an idle connection:',
      expect.stringContaining('terminating connection'),
    )
    noted.mockRestore()
    const me = await app.call(villager, 'session', 'me')
    expect(me.user.displayName).toBeTruthy()
  })
})

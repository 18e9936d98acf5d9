import { readConfig } from '../../cloud/config'

describe('WX_MINIPROGRAM_STATE', () => {
  const read = (value?: string) =>
    readConfig({ WX_MINIPROGRAM_STATE: value } as NodeJS.ProcessEnv).wxMiniprogramState

  test('subscribe messages open the released mini-program unless told otherwise', () => {
    expect(read()).toBe('formal')
    expect(read('trial')).toBe('trial')
    expect(read('developer')).toBe('developer')
  })

  test('a misspelt value stops the server at start instead of failing every send', () => {
    expect(() => read('release')).toThrow(/WX_MINIPROGRAM_STATE/)
  })
})

describe('the PostgreSQL pool settings', () => {
  const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv

  it('keep a cloud-function instance to a small pool and let the gateway have more', () => {
    expect(readConfig(env({}), 'cloudFunction').databasePoolMax).toBe(2)
    expect(readConfig(env({})).databasePoolMax).toBe(10)
  })

  it('follow DATABASE_POOL_MAX and DATABASE_IDLE_SECONDS when set', () => {
    const config = readConfig(
      env({ DATABASE_POOL_MAX: '4', DATABASE_IDLE_SECONDS: '3' }),
      'cloudFunction',
    )
    expect(config.databasePoolMax).toBe(4)
    expect(config.databaseIdleMs).toBe(3000)
  })

  it('close idle connections after 10 seconds by default', () => {
    expect(readConfig(env({})).databaseIdleMs).toBe(10_000)
  })
})

describe('subscribe templates and the job interval', () => {
  const read = (env: Record<string, string>) => readConfig(env as NodeJS.ProcessEnv)

  test('a message kind without a template id stays in-app only', () => {
    expect(read({}).wxTemplates).toEqual({
      rulesPublished: null,
      roleChanged: null,
      ceremonyFiling: null,
      council: null,
      appointment: null,
    })
    expect(
      read({
        WX_TEMPLATE_RULES_PUBLISHED: 'tmpl-a',
        WX_TEMPLATE_ROLE_CHANGED: 'tmpl-b',
        WX_TEMPLATE_APPOINTMENT: 'tmpl-c',
      }).wxTemplates,
    ).toEqual({
      rulesPublished: 'tmpl-a',
      roleChanged: 'tmpl-b',
      ceremonyFiling: null,
      council: null,
      appointment: 'tmpl-c',
    })
  })

  test('the gateway runs the jobs every minute unless told otherwise; 0 turns them off', () => {
    expect(read({}).jobIntervalSeconds).toBe(60)
    expect(read({ JOB_INTERVAL_SECONDS: '300' }).jobIntervalSeconds).toBe(300)
    expect(read({ JOB_INTERVAL_SECONDS: '0' }).jobIntervalSeconds).toBe(0)
    expect(() => read({ JOB_INTERVAL_SECONDS: 'five' })).toThrow(/JOB_INTERVAL_SECONDS/)
  })
})

describe('village QR codes', () => {
  test('the 小程序码 opens the released mini-program unless told otherwise', () => {
    expect(readConfig({} as NodeJS.ProcessEnv).wxCodeEnvVersion).toBe('release')
    expect(readConfig({ WX_CODE_ENV_VERSION: 'trial' } as NodeJS.ProcessEnv).wxCodeEnvVersion).toBe(
      'trial',
    )
    expect(() => readConfig({ WX_CODE_ENV_VERSION: 'formal' } as NodeJS.ProcessEnv)).toThrow(
      /WX_CODE_ENV_VERSION/,
    )
  })

  test('PUBLIC_URL is checked and kept without its trailing slash; a demo links to this machine', () => {
    const read = (env: Record<string, string>) => readConfig(env as NodeJS.ProcessEnv).publicUrl
    expect(read({ PUBLIC_URL: 'https://cun.example.cn/h5/' })).toBe('https://cun.example.cn/h5')
    expect(read({})).toBeNull()
    expect(read({ DEMO_MODE: '1', PORT: '8080' })).toBe('http://localhost:8080')
    expect(() => read({ PUBLIC_URL: 'cun.example.cn' })).toThrow(/PUBLIC_URL/)
    expect(() => read({ PUBLIC_URL: 'https://cun.example.cn/?a=1' })).toThrow(/PUBLIC_URL/)
  })
})

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

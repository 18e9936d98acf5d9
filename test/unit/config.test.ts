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

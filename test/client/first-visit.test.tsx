import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '../../src/pages/home'
import MePage from '../../src/pages/me'
import SignInPage from '../../src/account/pages/sign-in'
import { resetMeForTests } from '../../src/services/me'
import { setToken } from '../../src/services/session-store'

const router = { params: {} as Record<string, string> }
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { ...actual, __esModule: true, useRouter: () => router }
})

const me = {
  user: { id: 'u1', displayName: '张秀英' },
  village: { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
  roles: ['villager'],
  demo: true,
}
const personas = [
  { key: 'villager', displayName: '张秀英', roles: ['villager'], villageName: '石龙村' },
]

/** The gateway as the phone meets it: every HTTP call is counted, by function and action. */
let request: jest.SpyInstance
let reLaunch: jest.SpyInstance
const sessionCalls = () =>
  request.mock.calls
    .map(([options]) => options as { url: string; data: { action: string } })
    .filter((options) => options.url === '/api/session')
    .map((options) => options.data.action)

beforeEach(() => {
  Taro.clearStorageSync()
  resetMeForTests()
  router.params = {}
  jest.spyOn(Taro, 'getLaunchOptionsSync').mockReturnValue({ query: {} } as never)
  request = jest.spyOn(Taro, 'request').mockImplementation(((options: {
    data: { action: string }
  }) => {
    const data = { me, listPersonas: personas }[options.data.action]
    const body = data
      ? { ok: true, data }
      : { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }
    return Promise.resolve({ statusCode: 200, data: body })
  }) as never)
  reLaunch = jest.spyOn(Taro, 'reLaunch')
})
afterEach(() => jest.restoreAllMocks())

test('a first visit goes to sign-in without asking the server or showing an error', async () => {
  // The trip to sign-in takes a while on a slow phone: until then the page only says loading.
  let arrive = () => {}
  reLaunch.mockImplementation(() => new Promise((resolve) => (arrive = () => resolve({}))))
  const home = render(<HomePage />)
  await waitFor(() =>
    expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' }),
  )
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(screen.queryByText('请先登录')).toBeNull()
  expect(screen.queryByText('重试')).toBeNull()
  home.unmount()
  arrive()

  render(<SignInPage />)
  expect(await screen.findByText('进入 ›')).toBeTruthy()
  // The whole first load asked /api/session once: for the demo personas.
  expect(sessionCalls()).toEqual(['listPersonas'])
  expect(reLaunch).toHaveBeenCalledTimes(1)
})

test('a signed-in first load asks /api/session once', async () => {
  setToken('tok')
  render(<HomePage />)
  expect(await screen.findByText('石龙村 · 仙鹤镇')).toBeTruthy()
  expect(sessionCalls()).toEqual(['me'])
})

test('a page still shown without a session says 请先登录 and 去登录 goes to sign-in', async () => {
  reLaunch.mockResolvedValue({})
  render(<MePage />)
  expect(await screen.findByText('请先登录')).toBeTruthy()
  expect(screen.queryByText('重试')).toBeNull()
  reLaunch.mockClear()
  fireEvent.click(screen.getByText('去登录'))
  expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' })
  expect(sessionCalls()).toEqual([])
})

test('an expired session goes to sign-in too, and then says 请先登录 with 去登录', async () => {
  setToken('expired')
  reLaunch.mockResolvedValue({})
  request.mockResolvedValue({
    statusCode: 200,
    data: { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' } },
  } as never)
  render(<HomePage />)
  expect(await screen.findByText('请先登录')).toBeTruthy()
  expect(screen.getByText('去登录')).toBeTruthy()
  expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' })
  expect(sessionCalls()).toEqual(['me'])
})

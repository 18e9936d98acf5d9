import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '../../types/session'
import HomePage from '../../src/pages/home'
import { homeTiles } from '../../src/pages/home/tiles'
import { getLaunchVillage } from '../../src/services/launch-village'
import { ApiCallError, call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { setToken } from '../../src/services/session-store'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const router = { params: {} as Record<string, string> }
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { ...actual, __esModule: true, useRouter: () => router }
})

const mockedCall = call as jest.MockedFunction<typeof call>

const me: Me = {
  user: { id: 'u1', displayName: '张秀英' },
  village: { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
  roles: ['villager'],
  membership: 'approved',
  demo: true,
}

let reLaunch: jest.SpyInstance
beforeEach(() => {
  Taro.clearStorageSync()
  resetMeForTests()
  mockedCall.mockReset()
  router.params = {}
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  jest.spyOn(Taro, 'getLaunchOptionsSync').mockReturnValue({ query: {} } as never)
  setToken('tok')
})
afterEach(() => jest.restoreAllMocks())

it('shows the village, a greeting and the feature tiles, which open their pages', async () => {
  mockedCall.mockResolvedValue(me as never)
  const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never)
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  render(<HomePage />)

  expect(await screen.findByText('石龙村 · 仙鹤镇')).toBeTruthy()
  expect(screen.getByText('张秀英，您好！')).toBeTruthy()
  expect(screen.getByText('礼金标准 · 随礼参考')).toBeTruthy()

  fireEvent.click(screen.getByText('村规民约'))
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/rules/index' })
  fireEvent.click(screen.getByText('红白喜事'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/ceremony/index' })
  expect(mockedCall).toHaveBeenCalledTimes(1)
})

it('sends a signed-in villager without a village to sign-in to pick one', async () => {
  mockedCall.mockResolvedValue({ ...me, village: null } as never)
  render(<HomePage />)
  await waitFor(() =>
    expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' }),
  )
})

it('remembers the village of the link it was opened with, for sign-in to offer', async () => {
  router.params = { villageId: 'shilong' }
  mockedCall.mockRejectedValue(new ApiCallError('UNAUTHENTICATED', '请先登录'))
  render(<HomePage />)
  await waitFor(() => expect(mockedCall).toHaveBeenCalledWith('session', 'me'))
  expect(getLaunchVillage()).toEqual({ villageId: 'shilong' })
})

it('shows a load error in words, and 重试 loads again', async () => {
  mockedCall
    .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不太好，请检查网络后再试'))
    .mockResolvedValueOnce(me as never)
  render(<HomePage />)
  fireEvent.click(await screen.findByText('重试'))
  expect(await screen.findByText('石龙村 · 仙鹤镇')).toBeTruthy()
})

it('uses switchTab only for tab pages', () => {
  const tabPages = [
    '/pages/home/index',
    '/pages/council/index',
    '/pages/rules/index',
    '/pages/me/index',
  ]
  for (const tile of homeTiles) expect(tile.tab).toBe(tabPages.includes(tile.url))
})

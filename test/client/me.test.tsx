import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '../../types/session'
import { resetFontScaleForTests, useFontScale } from '../../src/hooks/use-font-scale'
import MePage from '../../src/pages/me'
import { ApiCallError, call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { getToken, setToken } from '../../src/services/session-store'

// The transport is fixed at build time; a getter lets a test be the cloud-function build.
let mockCloudTransport = false
jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
  get usesCloudTransport() {
    return mockCloudTransport
  },
}))

const mockedCall = call as jest.MockedFunction<typeof call>

const villager: Me = {
  user: { id: 'u1', displayName: '张秀英' },
  village: { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
  roles: ['villager'],
  membership: 'approved',
  demo: true,
}

function answer(table: Record<string, (data: unknown) => unknown>) {
  mockedCall.mockImplementation((async (_fn: string, action: string, data?: unknown) => {
    const handler = table[action]
    if (!handler) throw new Error(`unexpected call ${action}`)
    return handler(data)
  }) as never)
}

async function renderAs(me: Me, more: Record<string, (data: unknown) => unknown> = {}) {
  answer({ me: () => me, ...more })
  render(<MePage />)
  await screen.findByText(me.user.displayName)
}

beforeEach(() => {
  mockCloudTransport = false
  Taro.clearStorageSync()
  resetMeForTests()
  resetFontScaleForTests()
  mockedCall.mockReset()
  setToken('tok')
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
})
afterEach(() => jest.restoreAllMocks())

it('shows who I am, my village and my roles; no 管理后台 for a villager', async () => {
  await renderAs(villager)
  expect(screen.getByText('石龙村 · 仙鹤镇')).toBeTruthy()
  expect(screen.getByText('村民')).toBeTruthy()
  expect(screen.queryByText('管理后台')).toBeNull()
  expect(screen.queryByText('服务台')).toBeNull()
})

it('opens 服务台 for staff', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs({ ...villager, roles: ['villager', 'staff'] })
  fireEvent.click(screen.getByText('服务台'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/desk/index' })
})

it('shows 服务台 to an admin too', async () => {
  await renderAs({ ...villager, roles: ['villager', 'admin'] })
  expect(screen.getByText('服务台')).toBeTruthy()
})

it('opens 管理后台 for an admin', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs({ ...villager, roles: ['villager', 'admin'] })
  expect(screen.getByText('管理员')).toBeTruthy()
  fireEvent.click(screen.getByText('管理后台'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/admin/pages/index/index' })
})

it('opens 我的预约 for a member', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager)
  fireEvent.click(screen.getByText('我的预约'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/service/pages/mine/index' })
})

it('has no 我的预约 for a pending member, who cannot book', async () => {
  await renderAs({ ...villager, membership: 'pending' })
  expect(screen.queryByText('我的预约')).toBeNull()
})

it('switches 大字模式 on and off by tapping its row', async () => {
  let bigText: boolean | undefined
  function Probe() {
    bigText = useFontScale().bigText
    return null
  }
  render(<Probe />)
  await renderAs(villager)
  expect(screen.getByText('字体放大四分之一')).toBeTruthy()
  fireEvent.click(screen.getByText('大字模式'))
  expect(bigText).toBe(true)
  fireEvent.click(screen.getByText('大字模式'))
  expect(bigText).toBe(false)
})

it('gives the 大字模式 switch web ARIA on H5: role, label, state, focus; no WeChat-only aria-role', async () => {
  await renderAs(villager)
  const toggle = screen.getByRole('switch', { name: '大字模式' })
  expect(toggle.getAttribute('aria-checked')).toBe('false')
  expect(toggle.getAttribute('tabindex')).toBe('0')
  expect(toggle.hasAttribute('aria-role')).toBe(false)
  expect(toggle.hasAttribute('tab-index')).toBe(false)
  fireEvent.click(screen.getByText('大字模式'))
  expect(toggle.getAttribute('aria-checked')).toBe('true')
})

it('switching persona opens the persona picker, only in demo mode', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager)
  fireEvent.click(screen.getByText('切换体验身份'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index?switch=1' })
})

it('hides 切换体验身份 outside demo mode', async () => {
  await renderAs({ ...villager, demo: false })
  expect(screen.queryByText('切换体验身份')).toBeNull()
})

it('opens 输入邀请码 on its own page', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager)
  fireEvent.click(screen.getByText('输入邀请码'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/account/pages/invitation/index' })
})

it('unfolds the privacy notice', async () => {
  await renderAs(villager)
  expect(screen.queryByText('谁能看到')).toBeNull()
  fireEvent.click(screen.getByText('隐私说明'))
  expect(screen.getByText('谁能看到')).toBeTruthy()
  expect(screen.getByText(/别的村的人看不到/)).toBeTruthy()
})

it('signs out after confirming: ends the session, forgets the token, back to sign-in', async () => {
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
  const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager, { signOut: () => ({ signedOut: true }) })
  await act(async () => {
    fireEvent.click(screen.getByText('退出登录'))
  })
  await waitFor(() =>
    expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' }),
  )
  expect(mockedCall).toHaveBeenCalledWith('session', 'signOut')
  expect(getToken()).toBe('')
})

const everywhereQuestion = expect.objectContaining({
  title: '退出所有设备',
  content: '您在所有手机上的登录都会退出，这台也一样，以后要重新登录才能使用。确定退出吗？',
})

it('signs out everywhere after a plain confirmation, then back to sign-in', async () => {
  const showModal = jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: true, cancel: false } as never)
  const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager, {
    signOutEverywhere: () => ({ signedOut: true, sessionsEnded: 3 }),
  })
  await act(async () => {
    fireEvent.click(screen.getByText('退出所有设备'))
  })
  expect(showModal).toHaveBeenCalledWith(everywhereQuestion)
  await waitFor(() =>
    expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' }),
  )
  expect(mockedCall).toHaveBeenCalledWith('session', 'signOutEverywhere')
  expect(getToken()).toBe('')
})

it('does nothing when the villager answers 不退出', async () => {
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true } as never)
  await renderAs(villager)
  await act(async () => {
    fireEvent.click(screen.getByText('退出所有设备'))
  })
  expect(mockedCall).not.toHaveBeenCalledWith('session', 'signOutEverywhere')
  expect(getToken()).toBe('tok')
})

it('keeps me signed in and says so when signing out everywhere fails', async () => {
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
  const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager, {
    signOutEverywhere: () => {
      throw new ApiCallError('NETWORK', '网络不太好，请检查网络后再试')
    },
  })
  await act(async () => {
    fireEvent.click(screen.getByText('退出所有设备'))
  })
  expect(await screen.findByText('网络不太好，请检查网络后再试')).toBeTruthy()
  expect(getToken()).toBe('tok')
  expect(reLaunch).not.toHaveBeenCalled()
})

it('offers no sign-out in the cloud-function build, where WeChat is the identity', async () => {
  mockCloudTransport = true
  await renderAs(villager)
  expect(screen.queryByText('退出登录')).toBeNull()
  expect(screen.queryByText('退出所有设备')).toBeNull()
})

it('退出本村 says what happens, leaves on 确定, then goes to the village picker', async () => {
  const showModal = jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: true, cancel: false } as never)
  const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager, {
    leaveVillage: () => ({ ...villager, village: null, roles: [] }),
  })
  await act(async () => {
    fireEvent.click(screen.getByText('退出本村'))
  })
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({
      title: '退出本村',
      content: expect.stringContaining('退出石龙村后，您在村里的身份都会撤销'),
    }),
  )
  expect(mockedCall).toHaveBeenCalledWith('session', 'leaveVillage')
  await waitFor(() =>
    expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' }),
  )
  // Still signed in: they may join another village.
  expect(getToken()).toBe('tok')
})

it('a pending member takes the application back with 撤回入村申请', async () => {
  const showModal = jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: true, cancel: false } as never)
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(
    { ...villager, membership: 'pending' },
    { leaveVillage: () => ({ ...villager, village: null, roles: [] }) },
  )
  expect(screen.queryByText('退出本村')).toBeNull()
  await act(async () => {
    fireEvent.click(screen.getByText('撤回入村申请'))
  })
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({
      title: '撤回入村申请',
      content: expect.stringContaining('撤回后石龙村就看不到您的申请了'),
    }),
  )
  expect(mockedCall).toHaveBeenCalledWith('session', 'leaveVillage')
})

it('a last admin who cannot leave is told why, and stays', async () => {
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
  const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  await renderAs(villager, {
    leaveVillage: () => {
      throw new ApiCallError('FAILED_PRECONDITION', '您是村里唯一的管理员，不能退出')
    },
  })
  await act(async () => {
    fireEvent.click(screen.getByText('退出本村'))
  })
  expect(await screen.findByText('您是村里唯一的管理员，不能退出')).toBeTruthy()
  expect(reLaunch).not.toHaveBeenCalled()
})

it('注销账号 says what is erased and kept; on 确定 it closes and clears the phone', async () => {
  const showModal = jest
    .spyOn(Taro, 'showModal')
    .mockResolvedValue({ confirm: true, cancel: false } as never)
  const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  Taro.setStorageSync('some-draft', { title: '草稿' })
  await renderAs(villager, { closeAccount: () => ({ closed: true }) })
  await act(async () => {
    fireEvent.click(screen.getByText('注销账号'))
  })
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({
      title: '注销账号',
      content: expect.stringMatching(/都会删除，不能恢复.*“已注销村民”.*新用户/),
    }),
  )
  expect(mockedCall).toHaveBeenCalledWith('session', 'closeAccount')
  await waitFor(() =>
    expect(reLaunch).toHaveBeenCalledWith({ url: '/account/pages/sign-in/index' }),
  )
  expect(getToken()).toBe('')
  expect(Taro.getStorageSync('some-draft')).toBe('')
})

it('does not close the account when the villager answers 不了', async () => {
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true } as never)
  await renderAs(villager)
  await act(async () => {
    fireEvent.click(screen.getByText('注销账号'))
  })
  expect(mockedCall).not.toHaveBeenCalledWith('session', 'closeAccount')
  expect(getToken()).toBe('tok')
})

it('offers 注销账号 but not 退出本村 to someone in no village, in the cloud build too', async () => {
  mockCloudTransport = true
  await renderAs({ ...villager, village: null, roles: [] })
  expect(screen.getByText('注销账号')).toBeTruthy()
  expect(screen.queryByText('退出本村')).toBeNull()
})

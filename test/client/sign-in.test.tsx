import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me, Persona, TownWithVillages } from '../../types/session'
import { findVillage } from '../../src/account/components/village-picker/find-village'
import { extraRoleLabels } from '../../src/account/components/persona-picker'
import SignInPage from '../../src/account/pages/sign-in'
import { ApiCallError, call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { getToken, setToken } from '../../src/services/session-store'
import { nativeControl, typeInto } from './support/native-control'

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

const personas: Persona[] = [
  { key: 'villager', displayName: '张秀英', roles: ['villager'], villageName: '石龙村' },
  { key: 'staff', displayName: '李建国', roles: ['villager', 'staff'], villageName: '石龙村' },
  {
    key: 'councilChair',
    displayName: '王德福',
    roles: ['villager', 'councilMember', 'councilChair'],
    villageName: '石龙村',
  },
]

const towns: TownWithVillages[] = [
  {
    id: 't1',
    name: '仙鹤镇',
    villages: [
      { id: 'shilong', name: '石龙村' },
      { id: 'baihe', name: '白鹤村' },
    ],
  },
  { id: 't2', name: '青山镇', villages: [{ id: 'qingshan', name: '青山村' }] },
]

const village = { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' }
function meOf(overrides: Partial<Me> = {}): Me {
  return {
    user: { id: 'u1', displayName: '张秀英' },
    village,
    roles: ['villager'],
    membership: 'approved',
    demo: true,
    ...overrides,
  }
}

/** Answers each action from a table; unknown actions fail loudly. */
function answer(table: Record<string, (data: unknown) => unknown>) {
  mockedCall.mockImplementation((async (_fn: string, action: string, data?: unknown) => {
    const handler = table[action]
    if (!handler) throw new Error(`unexpected call ${action}`)
    return handler(data)
  }) as never)
}

let switchTab: jest.SpyInstance
beforeEach(() => {
  Taro.clearStorageSync()
  resetMeForTests()
  mockedCall.mockReset()
  router.params = {}
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never)
  jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never)
  jest.spyOn(Taro, 'getLaunchOptionsSync').mockReturnValue({ query: {} } as never)
})
afterEach(() => jest.restoreAllMocks())

describe('demo sign-in', () => {
  it('shows one card per persona and signs in as the tapped one', async () => {
    answer({
      listPersonas: () => personas,
      demoSignIn: () => ({ token: 'tok-villager', me: meOf() }),
    })
    render(<SignInPage />)

    expect(await screen.findByText('选择体验身份（演示模式）')).toBeTruthy()
    expect(screen.getByText('工作人员')).toBeTruthy()
    expect(screen.getByText('同时是：议事会成员')).toBeTruthy()
    fireEvent.click(screen.getByText('村民'))

    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(mockedCall).toHaveBeenCalledWith('session', 'demoSignIn', { persona: 'villager' })
    expect(getToken()).toBe('tok-villager')
  })

  it('shows why a persona sign-in failed and lets the villager tap again', async () => {
    let attempts = 0
    answer({
      listPersonas: () => personas,
      demoSignIn: () => {
        attempts += 1
        if (attempts === 1) throw new ApiCallError('NETWORK', '网络不太好，请检查网络后再试')
        return { token: 'tok', me: meOf() }
      },
    })
    render(<SignInPage />)
    fireEvent.click(await screen.findByText('村民'))
    expect(await screen.findByText('网络不太好，请检查网络后再试')).toBeTruthy()
    fireEvent.click(screen.getByText('村民'))
    await waitFor(() => expect(switchTab).toHaveBeenCalled())
  })

  it('goes straight to the persona cards when switching persona, even while signed in', async () => {
    setToken('old-token')
    router.params = { switch: '1' }
    answer({ listPersonas: () => personas })
    render(<SignInPage />)
    expect(await screen.findByText('选择体验身份（演示模式）')).toBeTruthy()
    expect(mockedCall.mock.calls.map((args) => args[1])).toEqual(['listPersonas'])
  })
})

describe('without demo mode', () => {
  it('tells H5 visitors to use the mini-program', async () => {
    answer({
      listPersonas: () => {
        throw new ApiCallError('FAILED_PRECONDITION', '不是演示模式')
      },
    })
    render(<SignInPage />)
    expect(await screen.findByText('请用微信小程序')).toBeTruthy()
    expect(screen.getByText(/请在微信里搜索小程序/)).toBeTruthy()
  })

  it('offers 微信一键登录 in the mini-program', async () => {
    const platform = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code', errMsg: 'ok' } as never)
      answer({
        listPersonas: () => {
          throw new ApiCallError('FAILED_PRECONDITION', '不是演示模式')
        },
        wxSignIn: () => ({ token: 'tok-wx', me: meOf({ demo: false }) }),
      })
      render(<SignInPage />)
      fireEvent.click(await screen.findByText('微信一键登录'))
      await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
      expect(mockedCall).toHaveBeenCalledWith('session', 'wxSignIn', { code: 'wx-code' })
      expect(getToken()).toBe('tok-wx')
    } finally {
      process.env.TARO_ENV = platform
    }
  })

  it('shows a connection error with 重试 that tries again', async () => {
    let attempts = 0
    answer({
      listPersonas: () => {
        attempts += 1
        if (attempts === 1) throw new ApiCallError('NETWORK', '网络不太好，请检查网络后再试')
        return personas
      },
    })
    render(<SignInPage />)
    expect(await screen.findByText('网络不太好，请检查网络后再试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('选择体验身份（演示模式）')).toBeTruthy()
  })
})

const typeName = (name: string) => typeInto('.village-picker__name', name)

describe('first-time villager picks a village', () => {
  it("preselects the village of the QR code's scene, looked up by its code, and joins it", async () => {
    router.params = { scene: 'v%3DXH5T6K' }
    answer({
      listPersonas: () => personas,
      demoSignIn: () => ({ token: 'tok', me: meOf({ village: null }) }),
      villageByCode: (data) => {
        expect(data).toEqual({ code: 'XH5T6K' })
        return village
      },
      listTowns: () => towns,
      joinVillage: () => meOf(),
    })
    render(<SignInPage />)
    fireEvent.click(await screen.findByText('村民'))

    expect(await screen.findByText('根据您打开的链接，已为您选好村子：')).toBeTruthy()
    // The name is asked for, checked with the API's schema, before anything is sent.
    fireEvent.click(screen.getByText('确认加入石龙村'))
    expect(await screen.findByText('称呼不能为空')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('session', 'joinVillage', expect.anything())
    await typeName(' 张秀英 ')
    fireEvent.click(screen.getByText('确认加入石龙村'))
    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(mockedCall).toHaveBeenCalledWith('session', 'joinVillage', {
      villageId: 'shilong',
      displayName: '张秀英',
    })
  })

  it('preselects the village of a shared ?villageId= link without asking the server', async () => {
    setToken('tok')
    router.params = { villageId: 'qingshan' }
    answer({ me: () => meOf({ village: null }), listTowns: () => towns })
    render(<SignInPage />)
    expect(await screen.findByText('根据您打开的链接，已为您选好村子：')).toBeTruthy()
    expect(screen.getByText('确认加入青山村')).toBeTruthy()
  })

  it('says so when no village has the scanned code, and the picker still works', async () => {
    setToken('tok')
    router.params = { v: 'ZZZZZZ' }
    answer({
      me: () => meOf({ village: null }),
      villageByCode: () => {
        throw new ApiCallError('NOT_FOUND', '没有找到二维码上的村，请自己选一下')
      },
      listTowns: () => towns,
    })
    render(<SignInPage />)
    expect(await screen.findByText(/没有找到您扫的二维码上的村/)).toBeTruthy()
    fireEvent.click(await screen.findByText('青山镇'))
    fireEvent.click(screen.getByText('青山村'))
    expect(screen.getByText('确认加入青山村')).toBeTruthy()
  })

  it('counts a name in characters as the API does: 20 emoji fit, 21 do not', async () => {
    router.params = { villageId: 'shilong' }
    answer({
      listPersonas: () => personas,
      demoSignIn: () => ({ token: 'tok', me: meOf({ village: null }) }),
      listTowns: () => towns,
      joinVillage: () => meOf(),
    })
    render(<SignInPage />)
    fireEvent.click(await screen.findByText('村民'))
    await screen.findByText('根据您打开的链接，已为您选好村子：')
    // The native cap counts UTF-16 units, so it must leave room for 20 two-unit characters.
    const input = await nativeControl('.village-picker__name')
    expect(Number(input.getAttribute('maxlength'))).toBeGreaterThanOrEqual(40)

    await typeName('\u{1F600}'.repeat(21))
    fireEvent.click(screen.getByText('确认加入石龙村'))
    expect(await screen.findByText('称呼不能超过 20 个字')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('session', 'joinVillage', expect.anything())
    await typeName('\u{1F600}'.repeat(20))
    fireEvent.click(screen.getByText('确认加入石龙村'))
    await waitFor(() =>
      expect(mockedCall).toHaveBeenCalledWith('session', 'joinVillage', {
        villageId: 'shilong',
        displayName: '\u{1F600}'.repeat(20),
      }),
    )
  })

  it('picks 镇 then 村 when there is no link, and can start over', async () => {
    setToken('tok')
    answer({
      me: () => meOf({ village: null }),
      listTowns: () => towns,
      joinVillage: () => meOf({ village: { ...village, id: 'qingshan', name: '青山村' } }),
    })
    render(<SignInPage />)

    fireEvent.click(await screen.findByText('仙鹤镇'))
    fireEvent.click(screen.getByText('白鹤村'))
    fireEvent.click(screen.getByText('不是这个村，重新选择'))
    fireEvent.click(await screen.findByText('青山镇'))
    fireEvent.click(screen.getByText('青山村'))
    await typeName('老王')
    fireEvent.click(screen.getByText('确认加入青山村'))

    await waitFor(() => expect(switchTab).toHaveBeenCalled())
    expect(mockedCall).toHaveBeenCalledWith('session', 'joinVillage', {
      villageId: 'qingshan',
      displayName: '老王',
    })
  })

  it('shows why joining failed next to the button', async () => {
    setToken('tok')
    answer({
      me: () => meOf({ village: null }),
      listTowns: () => [towns[0]],
      joinVillage: () => {
        throw new ApiCallError('NOT_FOUND', '这个村还没有开通')
      },
    })
    render(<SignInPage />)
    // a single town is skipped
    fireEvent.click(await screen.findByText('石龙村'))
    await typeName('张秀英')
    fireEvent.click(screen.getByText('确认加入石龙村'))
    expect(await screen.findByText('这个村还没有开通')).toBeTruthy()
    expect(switchTab).not.toHaveBeenCalled()
  })
})

describe('pure helpers', () => {
  it('findVillage finds a village and its town, or null', () => {
    expect(findVillage(towns, 'qingshan')).toEqual({
      townId: 't2',
      townName: '青山镇',
      villageId: 'qingshan',
      villageName: '青山村',
    })
    expect(findVillage(towns, 'nowhere')).toBeNull()
    expect(findVillage(towns, null)).toBeNull()
  })

  it('extraRoleLabels leaves out 村民 and the persona’s own role', () => {
    expect(extraRoleLabels(personas[0])).toEqual([])
    expect(extraRoleLabels(personas[2])).toEqual(['议事会成员'])
  })
})

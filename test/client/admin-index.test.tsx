import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '../../types/session'
import AdminHomePage from '../../src/admin/pages/index'
import { call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { setToken } from '../../src/services/session-store'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

function signedInAs(roles: Me['roles']) {
  const me: Me = {
    user: { id: 'u1', displayName: '村管理员' },
    village: { id: 'v1', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
    roles,
    membership: 'approved',
    demo: true,
  }
  mockedCall.mockResolvedValue(me)
}

beforeEach(() => {
  mockedCall.mockReset()
  resetMeForTests()
  setToken('test-token')
})

describe('管理后台 menu', () => {
  it('offers the four admin tasks and opens each', async () => {
    signedInAs(['villager', 'admin'])
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<AdminHomePage />)
    for (const title of ['发布新版村规', '修改礼金和酒席标准', '人员与邀请码', '操作日志']) {
      expect(await screen.findByText(title)).toBeTruthy()
    }
    fireEvent.click(screen.getByText('修改礼金和酒席标准'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/admin/pages/limits/index' })
  })

  it('tells a non-admin how to get the role, with a way back', async () => {
    signedInAs(['villager'])
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' })
    render(<AdminHomePage />)
    expect(await screen.findByText('只有管理员可以使用管理后台')).toBeTruthy()
    expect(screen.queryByText('操作日志')).toBeNull()
    fireEvent.click(screen.getByText('回到“我的”'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })
})

import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '../../types/session'
import InvitationPage from '../../src/account/pages/invitation'
import { grantedMessage, grantedRoles } from '../../src/account/pages/invitation/granted-roles'
import MePage from '../../src/pages/me'
import { ApiCallError, call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { setToken } from '../../src/services/session-store'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

const villager: Me = {
  user: { id: 'u1', displayName: '张秀英' },
  village: { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
  roles: ['villager'],
  membership: 'approved',
  demo: true,
}

async function open(more: Record<string, (data: unknown) => unknown> = {}) {
  const table: Record<string, (data: unknown) => unknown> = { me: () => villager, ...more }
  mockedCall.mockImplementation((async (_fn: string, action: string, data?: unknown) => {
    const handler = table[action]
    if (!handler) throw new Error(`unexpected call ${action}`)
    return handler(data)
  }) as never)
  render(<InvitationPage />)
  await screen.findByText('使用邀请码')
}

const typeCode = (code: string) => typeInto('.invitation__code', code)

beforeEach(() => {
  Taro.clearStorageSync()
  resetMeForTests()
  mockedCall.mockReset()
  setToken('tok')
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
})
afterEach(() => jest.restoreAllMocks())

it('refuses a malformed code with the contract’s words, without asking the server', async () => {
  await open()
  await typeCode('abc')
  fireEvent.click(screen.getByText('使用邀请码'))
  expect(await screen.findByText('邀请码是 8 位字母或数字')).toBeTruthy()
  expect(mockedCall.mock.calls.map((args) => args[1])).not.toContain('redeemInvitation')
})

it('redeems a code typed loosely, says what was granted, and 我的 shows the new role', async () => {
  await open({ redeemInvitation: () => ({ ...villager, roles: ['villager', 'councilChair'] }) })
  await typeCode('abcd 2345')
  fireEvent.click(screen.getByText('使用邀请码'))
  expect(await screen.findByText('已获得：理事长')).toBeTruthy()
  expect(mockedCall).toHaveBeenCalledWith('session', 'redeemInvitation', { code: 'ABCD2345' })
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已获得：理事长' }))
  // the one kept `me`: back on 我的, the role tags follow the new roles
  render(<MePage />)
  expect(await screen.findByText('理事长')).toBeTruthy()
})

it('shows the server’s reason when the code is refused', async () => {
  await open({
    redeemInvitation: () => {
      throw new ApiCallError('NOT_FOUND', '邀请码不对或已经用过了', 'code')
    },
  })
  await typeCode('ABCD-2345')
  fireEvent.click(screen.getByText('使用邀请码'))
  expect(await screen.findByText('邀请码不对或已经用过了')).toBeTruthy()
})

it('grantedRoles / grantedMessage name only the roles just gained', () => {
  expect(grantedRoles(['villager'], ['villager', 'staff', 'admin'])).toEqual(['staff', 'admin'])
  expect(grantedMessage(['staff', 'admin'])).toBe('已获得：工作人员、管理员')
  expect(grantedMessage([])).toBe('这个邀请码的身份您已经有了')
})

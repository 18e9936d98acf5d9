import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me } from '../../types/session'
import PendingMembers from '../../src/admin/components/pending-members'
import MembershipNotice from '../../src/components/membership-notice'
import { ApiCallError, call } from '../../src/services/api'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))
const mockedCall = call as jest.MockedFunction<typeof call>

const pendingMe: Me = {
  user: { id: 'u9', displayName: '新来的' },
  village: { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
  roles: ['villager'],
  membership: 'pending',
  demo: false,
}

beforeEach(() => {
  mockedCall.mockReset()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
})
afterEach(() => jest.restoreAllMocks())

it('tells a pending member the village has to approve them, and that a code approves at once', () => {
  render(<MembershipNotice me={pendingMe} />)
  expect(screen.getByText('等村里同意您加入')).toBeTruthy()
  expect(screen.getByText(/石龙村.*邀请码.*马上生效/)).toBeTruthy()
})

it('says nothing to an approved member', () => {
  const { container } = render(<MembershipNotice me={{ ...pendingMe, membership: 'approved' }} />)
  expect(container.textContent).toBe('')
})

it('lists pending members; 同意 approves after the confirm and reloads the list', async () => {
  let waiting = [{ userId: 'u9', displayName: '新来的', villagerNo: 7 }]
  mockedCall.mockImplementation((async (_fn: string, action: string) => {
    if (action === 'pending') return { joinPolicy: 'approval', members: waiting }
    if (action === 'approve') {
      waiting = []
      return { userId: 'u9', displayName: '新来的', villagerNo: 7 }
    }
    throw new Error(`unexpected ${action}`)
  }) as never)
  const confirm = jest.fn((request: { onConfirm: () => void }) => request.onConfirm())
  render(<PendingMembers confirm={confirm} canSetPolicy={false} />)
  await screen.findByText('新来的（7号）')
  fireEvent.click(screen.getByText('同意'))
  await waitFor(() =>
    expect(mockedCall).toHaveBeenCalledWith('membership', 'approve', { userId: 'u9' }),
  )
  await screen.findByText('现在没有等待同意的人。')
  expect(screen.queryByText('改为直接加入')).toBeNull()
})

it('shows a refusal in the row (someone else decided first)', async () => {
  mockedCall.mockImplementation((async (_fn: string, action: string) => {
    if (action === 'pending') {
      return {
        joinPolicy: 'approval',
        members: [{ userId: 'u9', displayName: '新来的', villagerNo: 7 }],
      }
    }
    throw new ApiCallError('CONFLICT', '新来的已经有人处理过了，请刷新后再看')
  }) as never)
  const confirm = jest.fn((request: { onConfirm: () => void }) => request.onConfirm())
  render(<PendingMembers confirm={confirm} canSetPolicy />)
  await screen.findByText('新来的（7号）')
  expect(screen.getByText('改为直接加入')).toBeTruthy()
  fireEvent.click(screen.getByText('不同意'))
  await screen.findByText('新来的已经有人处理过了，请刷新后再看')
  expect(mockedCall).toHaveBeenCalledWith('membership', 'decline', { userId: 'u9' })
})

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Invitation, VillagerEntry } from '../../types/admin'
import PeoplePage from '../../src/admin/pages/people'
import { formatInvitationCode } from '../../src/admin/pages/people/format'
import { ApiCallError, call } from '../../src/services/api'
import { nativeControl } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// Signed in as the village admin.
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))

const mockedCall = call as jest.MockedFunction<typeof call>

const invitation = (id: string, status: Invitation['status'], code: string): Invitation => ({
  id,
  code,
  role: 'staff',
  status,
  createdAt: '2025-01-01T02:00:00.000Z',
  expiresAt: '2025-01-08T02:00:00.000Z',
  createdByName: '村管理员',
  redeemedByName: status === 'redeemed' ? '赵小红' : null,
  redeemedAt: status === 'redeemed' ? '2025-01-02T03:00:00.000Z' : null,
})

const members: VillagerEntry[] = [
  {
    userId: 'u1',
    displayName: '张三',
    villagerNo: 3,
    roles: ['villager', 'staff'],
    joinedAt: '2024-06-01T00:00:00.000Z',
  },
  {
    userId: 'u2',
    displayName: '李四',
    villagerNo: 8,
    roles: ['villager'],
    joinedAt: '2024-07-01T00:00:00.000Z',
  },
  // A namesake: told apart by the villager number.
  {
    userId: 'u3',
    displayName: '张三',
    villagerNo: 12,
    roles: ['villager'],
    joinedAt: '2024-08-01T00:00:00.000Z',
  },
]

let invitations: Invitation[]

function button(text: string, scope: HTMLElement = document.body): HTMLElement {
  return within(scope).getByText(text, { selector: '.nut-button-children' })
}

const daysInput = () => nativeControl('.people-days')

beforeEach(() => {
  invitations = [invitation('i1', 'active', 'WXYZ2345'), invitation('i2', 'redeemed', 'QRST6789')]
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    const key = `${fn}.${action}`
    if (key === 'admin.listVillagers') return members
    if (key === 'admin.listInvitations') return invitations
    if (key === 'admin.createInvitation') {
      const created = invitation('i3', 'active', 'abcd2345')
      invitations = [created, ...invitations]
      return created
    }
    if (key === 'admin.revokeInvitation') return { ...invitations[0], status: 'revoked' }
    if (key === 'admin.revokeRole') return { ...members[0], roles: ['villager'] }
    if (key === 'session.listTowns') {
      return [
        { id: 't1', name: '仙鹤镇', villages: [{ id: 'v2', name: '白鹭村' }] },
        { id: 't2', name: '青山镇', villages: [] },
      ]
    }
    if (key === 'admin.moveMember') return { userId: 'u2', villageName: '仙鹤镇白鹭村' }
    throw new Error(`unexpected call ${key} ${JSON.stringify(data)}`)
  }) as typeof call)
})

describe('formatInvitationCode', () => {
  it('shows codes as ABCD-2345 however they are spelt', () => {
    expect(formatInvitationCode('abcd2345')).toBe('ABCD-2345')
    expect(formatInvitationCode('ABCD-2345')).toBe('ABCD-2345')
    expect(formatInvitationCode('abcd 2345')).toBe('ABCD-2345')
  })
})

describe('人员与邀请码 page', () => {
  it('pages the members 50 at a time with 加载更多, after the last number shown', async () => {
    const member = (no: number): VillagerEntry => ({
      userId: `m${no}`,
      displayName: `村民${no}`,
      villagerNo: no,
      roles: ['villager'],
      joinedAt: '2024-06-01T00:00:00.000Z',
    })
    const others = mockedCall.getMockImplementation()!
    mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
      if (`${fn}.${action}` !== 'admin.listVillagers')
        return (others as (...args: unknown[]) => unknown)(fn, action, data)
      const { after = 0 } = data as { after?: number }
      // 52 members: a full first page, then two.
      return Array.from({ length: 52 }, (_, index) => member(index + 1))
        .filter((entry) => entry.villagerNo! > after)
        .slice(0, 50)
    }) as typeof call)
    render(<PeoplePage />)
    expect(await screen.findByText('村民50（50号）')).toBeTruthy()
    expect(screen.queryByText('村民51（51号）')).toBeNull()
    expect(mockedCall).toHaveBeenCalledWith('admin', 'listVillagers', { limit: 50 })
    await act(async () => {
      fireEvent.click(button('加载更多'))
    })
    expect(mockedCall).toHaveBeenCalledWith('admin', 'listVillagers', { limit: 50, after: 50 })
    expect(await screen.findByText('村民52（52号）')).toBeTruthy()
    // The last page was short: nothing more to load.
    expect(screen.queryByText('加载更多', { selector: '.nut-button-children' })).toBeNull()
  })

  it('lists invitations with their status and members with their roles', async () => {
    render(<PeoplePage />)
    expect(await screen.findByText('WXYZ-2345')).toBeTruthy()
    expect(screen.getByText('有效')).toBeTruthy()
    expect(screen.getByText('已使用')).toBeTruthy()
    expect(screen.getByText(/赵小红/)).toBeTruthy()
    expect(screen.getByText('张三（3号）')).toBeTruthy()
    expect(screen.getByText('张三（12号）')).toBeTruthy()
    expect(screen.getByText(/村民、工作人员/)).toBeTruthy()
    // only granted roles can be revoked; 李四 is a plain villager
    expect(screen.getAllByText(/^撤销/, { selector: '.nut-button-children' })).toHaveLength(1)
  })

  it('asks for a role and valid days, then shows the new code large with a copy button', async () => {
    const setClipboardData = jest
      .spyOn(Taro, 'setClipboardData')
      .mockResolvedValue({ errMsg: 'ok', data: 'ABCD-2345' })
    render(<PeoplePage />)
    await screen.findByText('WXYZ-2345')
    fireEvent.click(button('生成邀请码'))
    expect(await screen.findByText('请先选要给的身份')).toBeTruthy()

    fireEvent.click(screen.getByText('工作人员', { selector: '[role="radio"]' }))
    fireEvent.input(await daysInput(), { target: { value: '40' } })
    fireEvent.click(button('生成邀请码'))
    expect(await screen.findByText('有效天数不能大于 30')).toBeTruthy()

    fireEvent.input(await daysInput(), { target: { value: '7' } })
    await act(async () => {
      fireEvent.click(button('生成邀请码'))
    })
    expect(mockedCall).toHaveBeenCalledWith('admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    const code = await screen.findByText('ABCD-2345', { selector: '.people-code__value' })
    expect(code).toBeTruthy()
    fireEvent.click(button('复制邀请码'))
    expect(setClipboardData).toHaveBeenCalledWith({ data: 'ABCD-2345' })
    // the list is fetched again and now holds the new code too
    expect(await screen.findByText('ABCD-2345', { selector: '.people-item__code' })).toBeTruthy()
  })

  it('voids an active invitation after confirming', async () => {
    render(<PeoplePage />)
    await screen.findByText('WXYZ-2345')
    fireEvent.click(button('作废'))
    expect(await screen.findByText('作废后，邀请码 WXYZ-2345 就不能再用了。')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('确定作废'))
    })
    expect(mockedCall).toHaveBeenCalledWith('admin', 'revokeInvitation', { invitationId: 'i1' })
  })

  it('revokes a granted role after confirming, and shows a refusal in words', async () => {
    render(<PeoplePage />)
    await screen.findByText('张三（3号）')
    fireEvent.click(button('撤销工作人员'))
    expect(await screen.findByText('撤销后，张三（3号）将不再是“工作人员”。')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('确定撤销'))
    })
    expect(mockedCall).toHaveBeenCalledWith('admin', 'revokeRole', { userId: 'u1', role: 'staff' })

    mockedCall.mockImplementationOnce(async () => {
      throw new ApiCallError('FAILED_PRECONDITION', '不能撤销村里唯一的管理员')
    })
    fireEvent.click(button('撤销工作人员'))
    await act(async () => {
      fireEvent.click(await screen.findByText('确定撤销'))
    })
    const refusal = await screen.findByText('不能撤销村里唯一的管理员')
    // shown in the row of the member concerned
    expect(refusal.closest('.people-member')?.textContent).toContain('张三（3号）')
  })

  it('moves a member to another village: choose 镇 and 村, confirm, refusal in the row', async () => {
    render(<PeoplePage />)
    const row = (await screen.findByText('李四（8号）')).closest('.people-member') as HTMLElement
    fireEvent.click(button('移到别的村', row))
    expect(await within(row).findByText('把李四（8号）移到哪个镇？')).toBeTruthy()
    fireEvent.click(button('请先选镇和村', row))
    expect(screen.queryByText('确定移动')).toBeNull()
    fireEvent.click(within(row).getByText('青山镇', { selector: '[role="radio"]' }))
    expect(within(row).getByText('青山镇没有别的村开通村民之家。')).toBeTruthy()
    fireEvent.click(within(row).getByText('仙鹤镇', { selector: '[role="radio"]' }))
    fireEvent.click(within(row).getByText('白鹭村', { selector: '[role="radio"]' }))
    fireEvent.click(button('移到仙鹤镇白鹭村', row))
    expect(
      await screen.findByText(
        '李四（8号）将移到仙鹤镇白鹭村，成为那里的普通村民；在本村的身份都会撤销，并会收到一条消息。本村的操作记录会记下这次移动。',
      ),
    ).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('确定移动'))
    })
    expect(mockedCall).toHaveBeenCalledWith('admin', 'moveMember', {
      userId: 'u2',
      villageId: 'v2',
    })

    const answers = mockedCall.getMockImplementation() as typeof call
    mockedCall.mockImplementation(((fn: string, action: string, data?: unknown) =>
      action === 'moveMember'
        ? Promise.reject(
            new ApiCallError('FAILED_PRECONDITION', '不能把自己移走；要换村请在“我的”里退出本村'),
          )
        : answers(fn as never, action as never, data as never)) as typeof call)
    fireEvent.click(button('移到别的村', row))
    fireEvent.click(await within(row).findByText('仙鹤镇', { selector: '[role="radio"]' }))
    fireEvent.click(within(row).getByText('白鹭村', { selector: '[role="radio"]' }))
    fireEvent.click(button('移到仙鹤镇白鹭村', row))
    await act(async () => {
      fireEvent.click(await screen.findByText('确定移动'))
    })
    expect(await within(row).findByText(/不能把自己移走/)).toBeTruthy()
  })

  it('tells a non-admin they lack the role, with a way back', async () => {
    mockedCall.mockRejectedValue(new ApiCallError('PERMISSION_DENIED', '只有管理员可以这样做'))
    render(<PeoplePage />)
    expect(await screen.findByText('只有管理员可以这样做')).toBeTruthy()
    expect(screen.getByText('返回首页')).toBeTruthy()
  })
})

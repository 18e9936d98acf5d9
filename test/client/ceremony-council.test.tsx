import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CeremonyFiling, FilingStatus } from '../../types/ceremony-filing'
import QueuePage from '../../src/ceremony-council/pages/queue'
import CouncilFilingPage from '../../src/ceremony-council/pages/filing'
import DeadlinesPage from '../../src/ceremony-council/pages/settings'
import { call } from '../../src/services/api'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockRouter = { params: { id: 'f1' } as Record<string, string> }
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('@tarojs/taro'),
  __esModule: true,
  useRouter: () => mockRouter,
}))

let mockRoles = ['villager', 'ceremonyCouncilMember']
jest.mock('../../src/services/me', () => ({
  useMe: () => ({
    me: { user: { id: 'c1' }, village: null, roles: mockRoles, membership: 'approved', demo: true },
    loading: false,
    error: null,
    refresh: jest.fn(),
  }),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

function filingIn(status: FilingStatus, changes: Partial<CeremonyFiling> = {}): CeremonyFiling {
  return {
    id: 'f1',
    filingNumber: '2026-0007',
    ceremonyType: 'wedding',
    ceremonyDate: '2026-12-20',
    place: '文化礼堂',
    hostName: '王小红',
    tables: 25,
    costPerTable: 300,
    cigarettePrice: 15,
    liquorPrice: 40,
    cars: 4,
    bridePrice: null,
    explanation: '亲戚多',
    marks: [
      {
        kind: 'tables',
        figure: 25,
        limit: 20,
        article: null,
        message: '酒席桌数 25 桌，超过本村上限 20 桌（本村酒席标准）',
      },
    ],
    status,
    councilRemark: null,
    inspector: null,
    check: null,
    filedByName: '王小红（9号）',
    filedAt: '2026-11-28T02:00:00.000Z',
    updatedAt: '2026-11-28T02:00:00.000Z',
    ...changes,
  }
}

let current: CeremonyFiling
beforeEach(() => {
  mockRoles = ['villager', 'ceremonyCouncilMember']
  current = filingIn('submitted')
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    const input = data as Record<string, unknown>
    switch (action) {
      case 'queue':
        return input.closed ? [] : [current]
      case 'get':
        return current
      case 'inspectors':
        return [{ userId: 'c2', name: '吴理事（12号）' }]
      case 'acknowledge':
        return (current = { ...current, status: 'acknowledged' })
      case 'adviseChange':
        return (current = {
          ...current,
          status: 'advisedToChange',
          councilRemark: input.advice as string,
        })
      case 'assignInspector':
        return (current = { ...current, inspector: { userId: 'c2', name: '吴理事（12号）' } })
      case 'recordCheck':
        return (current = {
          ...current,
          status: 'checkRecorded',
          check: {
            checkedOn: input.checkedOn as string,
            seen: input.seen as string,
            limitsKept: input.limitsKept as boolean,
            checkedByName: '周理事（11号）',
          },
        })
      case 'close':
        return (current = { ...current, status: 'closed' })
      case 'form':
        return {
          banquetLimit: {},
          articles: {},
          deadlines: [
            { ceremonyType: 'wedding', noticeDays: 3, lateHours: 0 },
            { ceremonyType: 'funeral', noticeDays: 0, lateHours: 24 },
          ],
        }
      case 'updateDeadline':
        return input
    }
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
})

const press = async (text: string) => {
  await act(async () => {
    fireEvent.click(screen.getByText(text, { selector: '.nut-button-children' }))
  })
}

describe('报备处理 (ceremony council)', () => {
  it('is only for the ceremony council and admins', () => {
    mockRoles = ['villager']
    render(<QueuePage />)
    expect(screen.getByText('只有红白理事会成员或管理员可以使用报备处理')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalled()
  })

  it('lists open filings with their marks and opens one', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<QueuePage />)
    const item = (await screen.findByText(/1 项超标准/)).closest('.filing-list__item')
    fireEvent.click(item as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/ceremony-council/pages/filing/index?id=f1' })
    fireEvent.click(screen.getByText('已办结'))
    expect(await screen.findByText('没有已办结的报备')).toBeTruthy()
  })

  it('takes a filing through acknowledge, advice, assignment, the check and closing', async () => {
    render(<CouncilFilingPage />)
    expect(
      await screen.findByText('⚠ 酒席桌数 25 桌，超过本村上限 20 桌（本村酒席标准）'),
    ).toBeTruthy()
    await press('知悉')
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'acknowledge', {
      filingId: 'f1',
      remark: '',
    })
    expect(screen.getAllByText('理事会已知悉').length).toBeGreaterThan(0)

    // Advice needs words for the family.
    await press('建议调整')
    expect(screen.getByText('请先写下给主家的建议')).toBeTruthy()
    await typeInto('.filing-steps', '请减到 20 桌')
    await press('建议调整')
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'adviseChange', {
      filingId: 'f1',
      advice: '请减到 20 桌',
    })
    expect(screen.getAllByText('请减到 20 桌').length).toBeGreaterThan(0)

    await act(async () => {
      fireEvent.click(await screen.findByText('吴理事（12号）', { selector: '[role="radio"]' }))
    })
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'assignInspector', {
      filingId: 'f1',
      userId: 'c2',
    })

    await typeInto('.filing-steps', '实际 20 桌')
    fireEvent.click(screen.getByText('守了标准', { selector: '[role="radio"]' }))
    await press('记录查看结果')
    expect(mockedCall).toHaveBeenCalledWith(
      'ceremonyFiling',
      'recordCheck',
      expect.objectContaining({ filingId: 'f1', seen: '实际 20 桌', limitsKept: true }),
    )
    expect(screen.getByText('周理事（11号）')).toBeTruthy()

    await press('办结')
    expect(screen.getByText('这份报备已经办结')).toBeTruthy()
    expect(within(screen.getByRole('main')).getByText('‹ 返回报备处理')).toBeTruthy()
  })
})

describe('报备期限 (the council’s settings)', () => {
  const weddingBox = (label: string) => () =>
    screen
      .getByText('婚嫁', { selector: '.vh-title' })
      .closest('.vh-card')
      ?.querySelectorAll('.filing-field')
      .item(label === '提前天数' ? 0 : 1)

  it('shows each type’s rule and saves a changed one, checked before sending', async () => {
    render(<DeadlinesPage />)
    expect(await screen.findByText('现在：婚嫁要提前 3 天报备')).toBeTruthy()
    expect(screen.getByText('现在：丧葬可在办事当天过后 24 小时内补报')).toBeTruthy()
    await typeInto(weddingBox('提前天数'), '99')
    await press('保存婚嫁的期限')
    expect(screen.getByText('提前天数不能大于 60')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith(
      'ceremonyFiling',
      'updateDeadline',
      expect.anything(),
    )
    await typeInto(weddingBox('提前天数'), '5')
    await press('保存婚嫁的期限')
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'updateDeadline', {
      ceremonyType: 'wedding',
      noticeDays: 5,
      lateHours: 0,
    })
    expect(screen.getByText('现在：婚嫁要提前 5 天报备')).toBeTruthy()
    expect(screen.getByText('已保存')).toBeTruthy()
  })
})

import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CouncilRules } from '../../types/council-meetings'
import type { PointsRow } from '../../types/council-outcomes'
import { villageDayOf } from '../../types/village-time'
import PointsPage from '../../src/council/pages/points'
import MeetingsPage from '../../src/council/pages/meetings'
import CouncilTabPage from '../../src/pages/council'
import { ApiCallError, call } from '../../src/services/api'
import { signedIn } from './support/signed-in-villager'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-villager'))

const mockedCall = call as jest.MockedFunction<typeof call>

const rules: CouncilRules = {
  noticeDays: 2,
  quorum: { numerator: 2, denominator: 3 },
  passThreshold: { numerator: 1, denominator: 2 },
  points: { attending: 2, speaking: 1, topicPassed: 5 },
}

const row = (changes: Partial<PointsRow>): PointsRow => ({
  rank: 1,
  name: '赵德厚（3号）',
  attended: 0,
  statements: 0,
  topicsPassed: 0,
  points: 0,
  mine: false,
  ...changes,
})

const ranking: PointsRow[] = [
  row({ rank: 1, name: '赵德厚（3号）', attended: 3, statements: 4, topicsPassed: 1, points: 15 }),
  row({ rank: 2, name: '王建国（4号）', attended: 3, statements: 2, points: 8, mine: true }),
  row({ rank: 3, name: '李明（2号）', points: 0 }),
]

// The village's year: the page must ask for it, whatever the phone's own zone says.
const thisYear = Number(villageDayOf(new Date()).slice(0, 4))

/** Answers the page's two reads; `points` by year, so a switch of year can be seen. */
function answer(byYear: (year: number) => PointsRow[] | Error) {
  mockedCall.mockImplementation((async (_fn: string, action: string, data?: { year: number }) => {
    if (action === 'meetingRules') return rules
    if (action === 'points') {
      const result = byYear(data?.year ?? 0)
      if (result instanceof Error) throw result
      return result
    }
    throw new Error(action)
  }) as typeof call)
}

beforeEach(() => {
  signedIn.roles = ['villager', 'councilMember']
  mockedCall.mockReset()
})
afterEach(() => jest.restoreAllMocks())

describe('积分排行', () => {
  it('ranks the village year’s members with where their points came from, mine marked', async () => {
    answer(() => ranking)
    render(<PointsPage />)
    const items = await screen.findAllByRole('listitem')
    expect(mockedCall).toHaveBeenCalledWith('council', 'points', { year: thisYear })
    expect(items.map((item) => item.querySelector('.points-row__name')?.textContent)).toEqual([
      '赵德厚（3号）',
      '王建国（4号）（我）',
      '李明（2号）',
    ])
    expect(within(items[0]).getByText('第 1 名')).toBeTruthy()
    expect(within(items[0]).getByText('15 分')).toBeTruthy()
    expect(
      within(items[0]).getByText('参加会议 3 次，会上发言 4 次，提出的议题获得通过 1 个'),
    ).toBeTruthy()
    // Only the reader's row is marked, in words as well as colour.
    expect(items.map((item) => item.classList.contains('points-row--mine'))).toEqual([
      false,
      true,
      false,
    ])
    expect(screen.getByText(/您今年到现在排第 2 名，共 8 分/)).toBeTruthy()
    // The village's rules, plainly.
    expect(await screen.findByText('参加会议 +2 分（每次）')).toBeTruthy()
    expect(screen.getByText('会上发言 +1 分（每次）')).toBeTruthy()
    expect(screen.getByText('提出的议题获得通过 +5 分（每个）')).toBeTruthy()
    expect(screen.getByText('‹ 返回')).toBeTruthy()
  })

  it('goes back a year and forward again, never past this year', async () => {
    answer((year) => (year === thisYear ? ranking : []))
    render(<PointsPage />)
    await screen.findAllByRole('listitem')
    const later = screen.getByText('下一年', { selector: '.nut-button-children' })
    const laterOff = () => later.closest('.nut-button')?.classList.contains('nut-button-disabled')
    expect(laterOff()).toBe(true)
    fireEvent.click(later)
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'points', { year: thisYear + 1 })
    fireEvent.click(screen.getByText('上一年', { selector: '.nut-button-children' }))
    expect(screen.getByRole('status').textContent).toBe(`${thisYear - 1}年`)
    expect(await screen.findByText(`${thisYear - 1}年还没有议事会成员的积分。`)).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'points', { year: thisYear - 1 })
    expect(screen.queryByRole('listitem')).toBeNull()
    expect(laterOff()).toBe(false)
    fireEvent.click(later)
    expect(await screen.findAllByRole('listitem')).toHaveLength(3)
  })

  it('says a failed read in plain words, with 重试', async () => {
    let fail = true
    answer(() => (fail ? new ApiCallError('INTERNAL', '网络不好，请重试') : ranking))
    render(<PointsPage />)
    expect(await screen.findByText('网络不好，请重试')).toBeTruthy()
    fail = false
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findAllByRole('listitem')).toHaveLength(3)
  })

  it('shows the ranking when only the rules fail, and reads them again on 重试', async () => {
    let rulesFail = true
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'points') return ranking
      if (action === 'meetingRules') {
        if (rulesFail) throw new ApiCallError('INTERNAL', '网络不好，请重试')
        return rules
      }
      throw new Error(action)
    }) as typeof call)
    render(<PointsPage />)
    expect(await screen.findByText('积分规则没有读到：网络不好，请重试')).toBeTruthy()
    expect(screen.getAllByRole('listitem')).toHaveLength(3)
    rulesFail = false
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('参加会议 +2 分（每次）')).toBeTruthy()
  })

  it('is kept from someone not on the council', async () => {
    signedIn.roles = ['villager']
    answer(() => ranking)
    render(<PointsPage />)
    expect(await screen.findByText(/可以使用积分排行/)).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'points', expect.anything())
  })

  it('is reached from the 议事 tab and from 会议', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<CouncilTabPage />)
    fireEvent.click(screen.getByText('积分排行'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/points/index' })
    mockedCall.mockResolvedValue([] as never)
    render(<MeetingsPage />)
    fireEvent.click(await screen.findByText(/积分排行（/))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/council/pages/points/index' })
  })
})

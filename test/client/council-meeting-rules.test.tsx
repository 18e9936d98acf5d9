import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CouncilRules } from '../../types/council-meetings'
import MeetingRulesPage from '../../src/council/pages/meeting-rules'
import MeetingsPage from '../../src/council/pages/meetings'
import { ApiCallError, call } from '../../src/services/api'
import { typeInto } from './support/native-control'
import { signedIn } from './support/signed-in-villager'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-villager'))

const mockedCall = call as jest.MockedFunction<typeof call>

const saved: CouncilRules = {
  noticeDays: 2,
  quorum: { numerator: 2, denominator: 3 },
  passThreshold: { numerator: 1, denominator: 2 },
  points: { attending: 2, speaking: 1, topicPassed: 3 },
}

const fieldOf = (label: string) => () => screen.getByText(label).closest('.suggest-field')

beforeEach(() => {
  mockedCall.mockReset()
  signedIn.roles = ['villager', 'councilMember', 'councilChair']
  signedIn.name = '赵德厚'
})

describe('议事规则', () => {
  it('shows the saved rules in words and sends the chair’s changes', async () => {
    mockedCall.mockImplementation((async (_fn: string, action: string, data: unknown) => {
      if (action === 'meetingRules') return saved
      if (action === 'saveMeetingRules') return data
      throw new Error(action)
    }) as typeof call)
    render(<MeetingRulesPage />)
    // The saved values are the chosen buttons, each share read as a cadre says it.
    expect((await screen.findByText('提前 2 天')).getAttribute('aria-checked')).toBe('true')
    expect(screen.getByText('三分之二成员').getAttribute('aria-checked')).toBe('true')
    expect(screen.getByText('过半数').getAttribute('aria-checked')).toBe('true')
    expect(screen.getByText(/至少到 6 人才能开会/)).toBeTruthy()
    expect(screen.getByText(/至少 5 人同意才通过/)).toBeTruthy()

    fireEvent.click(screen.getByText('提前 1 天'))
    fireEvent.click(screen.getByText('四分之三成员'))
    fireEvent.click(screen.getByText('超过三分之二'))
    // The example follows the pick at once.
    expect(screen.getByText(/至少到 7 人才能开会/)).toBeTruthy()
    expect(screen.getByText(/至少 7 人同意才通过/)).toBeTruthy()
    await typeInto(fieldOf('会上每发言一次（分）'), '4')
    fireEvent.click(screen.getByText('保存议事规则'))
    expect(await screen.findByText(/已保存/)).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'saveMeetingRules', {
      noticeDays: 1,
      quorum: { numerator: 3, denominator: 4 },
      passThreshold: { numerator: 2, denominator: 3 },
      points: { attending: 2, speaking: 4, topicPassed: 3 },
    })
  })

  it('checks the points with the contract’s schema before sending, and shows a refusal', async () => {
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meetingRules') return saved
      throw new ApiCallError('FAILED_PRECONDITION', '没有保存成功：网络断了')
    }) as typeof call)
    render(<MeetingRulesPage />)
    await typeInto(fieldOf('参加一次会议（分）'), '200')
    fireEvent.click(screen.getByText('保存议事规则'))
    expect(
      await screen.findByText('参加会议的积分不能大于 100', { selector: '.field-message' }),
    ).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'saveMeetingRules', expect.anything())
    await typeInto(fieldOf('参加一次会议（分）'), '5')
    fireEvent.click(screen.getByText('保存议事规则'))
    expect(await screen.findByText('没有保存成功：网络断了')).toBeTruthy()
  })

  it('offers a saved share that is not among the usual ones, in words', async () => {
    mockedCall.mockResolvedValue({ ...saved, quorum: { numerator: 7, denominator: 10 } })
    render(<MeetingRulesPage />)
    expect((await screen.findByText('十分之七成员')).getAttribute('aria-checked')).toBe('true')
  })

  it('is linked from 会议 for the chair only', async () => {
    mockedCall.mockResolvedValue([])
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    const { unmount } = render(<MeetingsPage />)
    fireEvent.click(await screen.findByText(/议事规则/))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/meeting-rules/index' })
    unmount()
    signedIn.roles = ['villager', 'councilMember']
    render(<MeetingsPage />)
    await screen.findByText('还没有会议。')
    expect(screen.queryByText(/议事规则/)).toBeNull()
  })

  it('is closed to a member who is not the chair', async () => {
    signedIn.roles = ['villager', 'councilMember']
    render(<MeetingRulesPage />)
    expect(await screen.findByText(/只有.*可以使用议事规则/)).toBeTruthy()
    expect(screen.queryByText('保存议事规则')).toBeNull()
    expect(mockedCall).not.toHaveBeenCalled()
  })
})

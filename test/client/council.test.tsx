import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Suggestion, Topic } from '../../types/council'
import type { RulesVersion } from '../../types/rules'
import { villageDayOf } from '../../types/village-time'
import CouncilTabPage from '../../src/pages/council'
import NewSuggestionPage from '../../src/suggest/pages/new'
import MySuggestionsPage from '../../src/suggest/pages/mine'
import BoardPage from '../../src/suggest/pages/board'
import InboxPage from '../../src/council/pages/inbox'
import TopicsPage from '../../src/council/pages/topics'
import TopicPage from '../../src/council/pages/topic'
import { ApiCallError, call, callWithRequestId } from '../../src/services/api'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
  callWithRequestId: jest.fn(),
}))

// The subscribe dialog exists only in the mini-program; a test says when it is there.
let mockOnWeapp = false
jest.mock('../../src/services/subscribe', () => ({
  ...jest.requireActual('../../src/services/subscribe'),
  get canAskForSubscription() {
    return mockOnWeapp
  },
}))

const mockRouter = { params: { id: 't1' } as Record<string, string> }
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('@tarojs/taro'),
  __esModule: true,
  useRouter: () => mockRouter,
}))

let mockRoles = ['villager']
let mockMembership = 'approved'
jest.mock('../../src/services/me', () => ({
  useMe: () => ({
    me: {
      user: { id: 'u1', displayName: '张秀英' },
      village: { id: 'v1', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
      roles: mockRoles,
      membership: mockMembership,
      demo: true,
    },
    loading: false,
    error: null,
    refresh: jest.fn(),
  }),
}))

const mockedCall = call as jest.MockedFunction<typeof call>
const mockedSend = callWithRequestId as jest.MockedFunction<typeof callWithRequestId>

const suggestion = (changes: Partial<Suggestion> = {}): Suggestion => ({
  id: 's1',
  title: '村口路灯坏了',
  body: '村口到小学那段路的路灯坏了三盏',
  category: 'roadsAndTraffic',
  showName: false,
  status: 'received',
  contentCheck: 'passed',
  filedByName: '张秀英（3号）',
  filedAt: '2026-11-28T02:00:00.000Z',
  topicId: null,
  rating: null,
  photos: [],
  steps: [
    {
      kind: 'filed',
      text: '建议已提交，议事会成员会尽快处理',
      at: '2026-11-28T02:00:00.000Z',
      article: null,
      photos: [],
    },
  ],
  ...changes,
})

const answered = suggestion({
  status: 'answered',
  steps: [
    ...suggestion().steps,
    {
      kind: 'answered',
      text: '下周请电工来修',
      at: '2026-11-29T02:00:00.000Z',
      article: null,
      photos: [],
    },
  ],
})
const declined = suggestion({
  id: 's2',
  title: '广场装音响',
  status: 'declined',
  steps: [
    ...suggestion().steps,
    {
      kind: 'declined',
      text: '晚上太吵，邻居不同意',
      at: '2026-11-29T03:00:00.000Z',
      article: null,
      photos: [],
    },
  ],
})
const held = suggestion({
  id: 's3',
  title: '有人乱倒垃圾',
  contentCheck: 'held',
  steps: [
    {
      kind: 'held',
      text: '建议已收到，先由议事会成员看过再公开；内容没有问题就照常处理',
      at: '2026-11-28T04:00:00.000Z',
      article: null,
      photos: [],
    },
  ],
})
held.photos = [
  {
    id: 'p2',
    check: 'risky',
    checkNote: '这张照片没有通过内容安全检查，别人看不到它；请换一张照片',
    url: null,
    mime: 'image/jpeg',
    size: 1000,
    createdAt: '2026-11-28T04:00:00.000Z',
  },
]
const refused = suggestion({
  id: 's4',
  title: '骂人的话',
  contentCheck: 'refused',
  steps: [
    {
      kind: 'refused',
      text: '建议里有不文明或不适合公开的内容，没有提交给议事会；请修改后重新提交',
      at: '2026-11-28T05:00:00.000Z',
      article: null,
      photos: [],
    },
  ],
})

const covered = suggestion({
  id: 's5',
  title: '彩礼太高',
  status: 'inTopic',
  topicId: 't1',
  steps: [
    ...suggestion().steps,
    {
      kind: 'inTopic',
      text: '已列为议题“彩礼标准”，议事会将准备后提交会前预审',
      at: '2026-11-29T02:00:00.000Z',
      article: null,
      photos: [],
    },
    {
      kind: 'notDeliberated',
      text: '会前预审：村规民约第6条已有约定，不再上会讨论',
      at: '2026-11-30T02:00:00.000Z',
      article: { id: 'a6', number: 6, text: '彩礼不超过两万元。' },
      photos: [],
    },
  ],
})

const topic: Topic = {
  id: 't1',
  title: '村口路灯',
  background: '路灯坏了三盏',
  options: '',
  materials: [
    { item: '现场照片', ready: true },
    { item: '费用测算', ready: false },
  ],
  status: 'draft',
  suggestions: [{ id: 's1', title: '村口路灯坏了', filedByName: '张秀英（3号）' }],
  preReviews: [],
  createdByName: '王建国（5号）',
  createdAt: '2026-11-28T06:00:00.000Z',
  updatedAt: '2026-11-28T06:00:00.000Z',
}

const rules = {
  id: 'r2',
  versionNo: 2,
  title: '石龙村村规民约',
  adoptedOn: '2024-01-01',
  publishedAt: '2024-01-02T00:00:00.000Z',
  current: true,
  preamble: '',
  chapters: [
    {
      id: 'c1',
      number: 1,
      title: '移风易俗',
      articles: [
        { id: 'a5', number: 5, text: '酒席不超过 20 桌。' },
        { id: 'a6', number: 6, text: '彩礼不超过两万元。' },
      ],
    },
  ],
} satisfies RulesVersion

afterEach(() => jest.restoreAllMocks())

beforeEach(() => {
  mockRoles = ['villager']
  mockMembership = 'approved'
  mockOnWeapp = false
  mockRouter.params = { id: 't1' }
  localStorage.clear()
  mockedSend.mockReset()
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string) => {
    if (fn === 'council' && action === 'mySuggestions')
      return [covered, declined, answered, held, refused]
    if (fn === 'council' && action === 'inbox') return [held, suggestion()]
    if (fn === 'council' && action === 'topics') return [topic]
    if (fn === 'council' && action === 'topic') return topic
    if (fn === 'rules' && action === 'current') return rules
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
})

describe('议事 tab', () => {
  it('gives a villager the way to file and to follow suggestions, not to the inbox', () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<CouncilTabPage />)
    expect(screen.getByRole('heading', { name: '百姓议事会' })).toBeTruthy()
    expect(screen.queryByText('议事会收件箱')).toBeNull()
    fireEvent.click(screen.getByText('提建议'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/suggest/pages/new/index' })
    fireEvent.click(screen.getByText('我的建议'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/suggest/pages/mine/index' })
  })

  it('adds the inbox for a council member', () => {
    mockRoles = ['villager', 'councilMember']
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<CouncilTabPage />)
    fireEvent.click(screen.getByText('议事会收件箱'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/inbox/index' })
  })

  it('tells someone the village has yet to approve where they stand, with nothing to file', () => {
    mockMembership = 'pending'
    render(<CouncilTabPage />)
    expect(screen.getByText('等村里同意您加入')).toBeTruthy()
    expect(screen.queryByText('提建议')).toBeNull()
  })
})

const field = (label: string) => () =>
  screen.queryByText(label, { selector: '.suggest-field__label' })?.closest('.suggest-field')

async function fillForm() {
  await typeInto(field('标题（40 字以内）'), '村口路灯坏了')
  fireEvent.click(screen.getByText('道路交通'))
  await typeInto(field('什么事，在哪里'), '村口到小学那段路的路灯坏了三盏')
}

const stored = () => JSON.parse(localStorage.getItem('suggestionDraft:u1') ?? 'null')?.data

describe('提建议', () => {
  it('checks the fields with the contract’s schema before sending anything', async () => {
    render(<NewSuggestionPage />)
    fireEvent.click(screen.getByText('提交给议事会'))
    expect(await screen.findByText(/^标题/, { selector: '.field-message' })).toBeTruthy()
    await typeInto(field('标题（40 字以内）'), '路'.repeat(41))
    fireEvent.click(screen.getByText('提交给议事会'))
    expect(await screen.findByText('标题不能超过 40 个字')).toBeTruthy()
    await typeInto(field('标题（40 字以内）'), '村口路灯坏了')
    fireEvent.click(screen.getByText('提交给议事会'))
    expect(await screen.findByText('内容不能为空')).toBeTruthy()
    await typeInto(field('什么事，在哪里'), '村口到小学那段路的路灯坏了三盏')
    fireEvent.click(screen.getByText('提交给议事会'))
    expect(await screen.findByText('类别还没有选')).toBeTruthy()
    expect(mockedSend).not.toHaveBeenCalled()
  })

  it('keeps the draft on the phone and brings it back when the page opens again', async () => {
    const { unmount } = render(<NewSuggestionPage />)
    await fillForm()
    fireEvent.click(screen.getByText('公开我的名字'))
    expect(stored()).toMatchObject({
      title: '村口路灯坏了',
      category: 'roadsAndTraffic',
      showName: true,
      requestId: null,
    })
    unmount()

    render(<NewSuggestionPage />)
    expect(screen.getByText('上次没写完的建议已经帮您找回来了。')).toBeTruthy()
    expect((await screen.findByDisplayValue('村口路灯坏了')).tagName).toBe('INPUT')
    fireEvent.click(screen.getByText('不要了，重新写'))
    expect(stored()).toMatchObject({ title: '', category: null })
  })

  it('sends again under the same request id after a lost network, then clears the draft', async () => {
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    mockedSend
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不太好，请检查网络后再试'))
      .mockResolvedValueOnce(suggestion())
    render(<NewSuggestionPage />)
    await fillForm()
    await act(async () => {
      fireEvent.click(screen.getByText('提交给议事会'))
    })
    expect(
      screen.getByText('网络不太好，请检查网络后再试。写好的内容已经存在手机上，不会丢。'),
    ).toBeTruthy()
    const firstId = mockedSend.mock.calls[0][0]
    expect(stored()).toMatchObject({ title: '村口路灯坏了', requestId: firstId })
    expect(redirectTo).not.toHaveBeenCalled()

    await act(async () => {
      fireEvent.click(screen.getByText('提交给议事会'))
    })
    expect(mockedSend).toHaveBeenCalledTimes(2)
    expect(mockedSend.mock.calls[1]).toEqual([
      firstId,
      'council',
      'fileSuggestion',
      {
        title: '村口路灯坏了',
        body: '村口到小学那段路的路灯坏了三盏',
        category: 'roadsAndTraffic',
        showName: false,
        photoIds: [],
      },
    ])
    expect(localStorage.getItem('suggestionDraft:u1')).toBeNull()
    expect(redirectTo).toHaveBeenCalledWith({ url: '/suggest/pages/mine/index' })
    // On H5 there is no subscribe dialog to ask.
    expect(mockedCall).not.toHaveBeenCalledWith('messages', 'subscribeTemplates', expect.anything())
  })

  it('keeps the uploaded photos with the draft and sends them with it', async () => {
    const photo = {
      id: 'p1',
      check: 'pending',
      checkNote: '照片正在检查，通过后别人才能看到',
      url: '/api/photos/p1',
      mime: 'image/jpeg',
      size: 1000,
      createdAt: '2026-11-28T02:00:00.000Z',
    }
    localStorage.setItem(
      'suggestionDraft:u1',
      JSON.stringify({
        data: {
          title: '村口路灯坏了',
          body: '坏了三盏',
          category: 'roadsAndTraffic',
          showName: false,
          photos: [photo],
          requestId: null,
        },
      }),
    )
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    mockedSend.mockResolvedValueOnce(suggestion())
    render(<NewSuggestionPage />)
    expect(screen.getByText('照片正在检查，通过后别人才能看到')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('提交给议事会'))
    })
    expect(mockedSend.mock.calls[0][3]).toMatchObject({ photoIds: ['p1'] })
  })

  it('in the mini-program asks for the council template on the tap, before sending', async () => {
    mockOnWeapp = true
    const fallback = mockedCall.getMockImplementation()
    mockedCall.mockImplementation((async (fn: string, action: string, data: unknown) => {
      if (fn === 'messages' && action === 'subscribeTemplates') {
        return { templateIds: ['tmpl-council'] }
      }
      if (fn === 'messages' && action === 'recordSubscription') return { recorded: 1 }
      return fallback?.(fn as never, action as never, data as never)
    }) as typeof call)
    const subscribe = jest
      .spyOn(Taro, 'requestSubscribeMessage')
      .mockResolvedValue({ 'tmpl-council': 'accept', errMsg: 'ok' } as never)
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    mockedSend.mockResolvedValueOnce(suggestion())
    render(<NewSuggestionPage />)
    await fillForm()
    expect(mockedCall).toHaveBeenCalledWith('messages', 'subscribeTemplates', { kind: 'council' })
    expect(subscribe).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('提交给议事会'))
    })
    expect(subscribe).toHaveBeenCalledWith({ tmplIds: ['tmpl-council'] })
    // Asked in the tap itself, ahead of the send (WeChat refuses the dialog after an await).
    expect(subscribe.mock.invocationCallOrder[0]).toBeLessThan(
      mockedSend.mock.invocationCallOrder[0],
    )
    expect(mockedCall).toHaveBeenCalledWith('messages', 'recordSubscription', {
      results: [{ templateId: 'tmpl-council', accepted: true }],
    })
    expect(redirectTo).toHaveBeenCalledWith({ url: '/suggest/pages/mine/index' })
  })

  it('keeps a refused text to change, and sends the change as a new request', async () => {
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    mockedSend.mockResolvedValueOnce(refused)
    render(<NewSuggestionPage />)
    await fillForm()
    await act(async () => {
      fireEvent.click(screen.getByText('提交给议事会'))
    })
    expect(screen.getByText(/里面有不文明或不适合公开的话/)).toBeTruthy()
    expect(redirectTo).not.toHaveBeenCalled()
    expect(stored()).toMatchObject({ title: '村口路灯坏了', requestId: null })
  })
})

describe('我的建议', () => {
  it('shows each suggestion’s whole way, the answer and the reason in words', async () => {
    render(<MySuggestionsPage />)
    const card = (title: string) =>
      within(screen.getByText(title).closest('.suggest-card') as HTMLElement)
    await screen.findByText('村口路灯坏了')
    expect(card('村口路灯坏了').getByText('已答复')).toBeTruthy()
    expect(card('村口路灯坏了').getByText('议事会答复')).toBeTruthy()
    expect(card('村口路灯坏了').getByText('下周请电工来修')).toBeTruthy()
    expect(card('村口路灯坏了').getByText('已提交')).toBeTruthy()
    expect(card('广场装音响').getByText('原因：晚上太吵，邻居不同意')).toBeTruthy()
    expect(card('有人乱倒垃圾').getByText(/您不用重新提交/)).toBeTruthy()
    expect(card('有人乱倒垃圾').getByText(/接下来：议事会成员会答复您/)).toBeTruthy()
    expect(card('骂人的话').getByText('没有提交成功', { selector: '.suggest-tag' })).toBeTruthy()
    expect(card('骂人的话').getByText(/请改一改，再提交一次/)).toBeTruthy()
    expect(
      card('有人乱倒垃圾').getByText('这张照片没有通过内容安全检查，别人看不到它；请换一张照片'),
    ).toBeTruthy()
    // Not deliberated as the rules already cover it: the villager reads the article itself.
    expect(card('彩礼太高').getByText('不上会讨论')).toBeTruthy()
    expect(card('彩礼太高').getByText('村规民约第 6 条：彩礼不超过两万元。')).toBeTruthy()
    expect(screen.getByText('‹ 返回')).toBeTruthy()
  })

  it('asks for a rating once the outcome is closed out, needs a choice, and sends it once', async () => {
    const at = '2026-11-28T03:00:00.000Z'
    const closedOut = suggestion({
      id: 's9',
      title: '村口修路',
      status: 'inTopic',
      steps: [
        { kind: 'filed', text: '建议已提交', at, article: null, photos: [] },
        { kind: 'closedOut', text: '决议已办完，议事会销号', at, article: null, photos: [] },
      ],
    })
    let rated = false
    mockedCall.mockImplementation((async (fn: string, action: string) => {
      if (fn === 'council' && action === 'mySuggestions') {
        return [
          rated ? { ...closedOut, rating: { rating: 'satisfied', comment: '', at } } : closedOut,
        ]
      }
      if (fn === 'council' && action === 'rateSuggestion') {
        rated = true
        return closedOut
      }
      throw new Error(`unexpected call ${fn}.${action}`)
    }) as typeof call)
    render(<MySuggestionsPage />)
    await screen.findByText('事情已经销号，您满意吗？（只能评一次）')
    await act(async () => {
      fireEvent.click(screen.getByText('提交评价'))
    })
    expect(screen.getByText('请先选满意、基本满意或不满意')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'rateSuggestion', expect.anything())
    fireEvent.click(screen.getByText('满意'))
    await act(async () => {
      fireEvent.click(screen.getByText('提交评价'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'rateSuggestion', {
      suggestionId: 's9',
      rating: 'satisfied',
      comment: '',
    })
    // Rated: the form is gone for good.
    await screen.findByText('村口修路')
    expect(screen.queryByText('提交评价')).toBeNull()
  })

  it('says so when there is none yet', async () => {
    mockedCall.mockResolvedValue([])
    render(<MySuggestionsPage />)
    expect(await screen.findByText(/还没有提过建议/)).toBeTruthy()
  })
})

describe('议事公开栏', () => {
  it('shows the year’s figures and each topic with what came of it, naming only who allowed it', async () => {
    const at = '2026-11-20T02:00:00.000Z'
    mockedCall.mockImplementation((async (fn: string, action: string) => {
      if (fn === 'council' && action === 'figures') {
        return {
          year: 2026,
          received: 12,
          answeredWithin7Days: 10,
          resolved: 3,
          closedOut: 1,
          ratings: { satisfied: 1, mostlySatisfied: 0, dissatisfied: 0 },
          averageRating: 3,
        }
      }
      if (fn === 'council' && action === 'board') {
        return [
          {
            topicId: 't1',
            title: '村口装路灯',
            status: 'passed',
            suggestionCount: 3,
            shownNames: ['张秀英'],
            notDeliberatedReason: null,
            resolution: {
              decision: '村口装 6 盏路灯',
              executor: '村两委',
              dueOn: '2026-12-31',
              status: 'inProgress',
              overdue: false,
              progress: [{ text: '灯杆已到货', finished: false, byName: '李明', at, photos: [] }],
              closeOut: null,
            },
            createdAt: at,
            updatedAt: at,
          },
        ]
      }
      throw new Error(`unexpected call ${fn}.${action}`)
    }) as typeof call)
    render(<BoardPage />)
    expect(await screen.findByText('村口装路灯')).toBeTruthy()
    expect(screen.getByText('12 条')).toBeTruthy()
    expect(screen.getByText('3 分（满分 3 分）')).toBeTruthy()
    expect(screen.getByText('办理中')).toBeTruthy()
    expect(screen.getByText(/张秀英、另 2 位村民提出/)).toBeTruthy()
    expect(screen.getByText('决议：村口装 6 盏路灯')).toBeTruthy()
    expect(screen.getByText(/最新进展.*灯杆已到货/)).toBeTruthy()
    // One page, not full: nothing more to load.
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('steps the figures back a year at a time, in village years, one term (5 years) back', async () => {
    const thisYear = Number(villageDayOf(new Date()).slice(0, 4))
    mockedCall.mockImplementation((async (fn: string, action: string, data?: { year: number }) => {
      if (fn === 'council' && action === 'figures') {
        const year = data?.year ?? 0
        return {
          year,
          received: year - 2000,
          answeredWithin7Days: 0,
          resolved: 0,
          closedOut: 0,
          ratings: { satisfied: 0, mostlySatisfied: 0, dissatisfied: 0 },
          averageRating: null,
        }
      }
      if (fn === 'council' && action === 'board') return []
      throw new Error(`unexpected call ${fn}.${action}`)
    }) as typeof call)
    render(<BoardPage />)
    expect(await screen.findByText(`${thisYear} 年议事会公开`)).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'figures', { year: thisYear })
    const button = (words: string) => screen.getByText(words, { selector: '.nut-button-children' })
    const off = (words: string) =>
      button(words).closest('.nut-button')?.classList.contains('nut-button-disabled')
    // Nothing later than this year to see.
    expect(off('下一年')).toBe(true)
    fireEvent.click(button('上一年'))
    expect(screen.getByRole('status').textContent).toBe(`${thisYear - 1}年`)
    expect(await screen.findByText(`${thisYear - 1} 年议事会公开`)).toBeTruthy()
    expect(screen.getByText(`${thisYear - 1 - 2000} 条`)).toBeTruthy()
    expect(off('下一年')).toBe(false)
    for (let back = 2; back <= 4; back++) {
      fireEvent.click(button('上一年'))
      expect(await screen.findByText(`${thisYear - back} 年议事会公开`)).toBeTruthy()
    }
    expect(off('上一年')).toBe(true)
    fireEvent.click(button('上一年'))
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'figures', { year: thisYear - 5 })
  })
})

describe('议事会收件箱', () => {
  it('is refused to a villager', async () => {
    render(<InboxPage />)
    expect(
      await screen.findByText('只有议事会成员或理事长或党组织审核人可以使用议事会收件箱'),
    ).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalled()
  })

  it('lets a member release a held suggestion, and answer one with words', async () => {
    mockRoles = ['villager', 'councilMember']
    render(<InboxPage />)
    const item = async (title: string) =>
      within((await screen.findByText(title)).closest('.suggest-card') as HTMLElement)
    expect(
      (await item('有人乱倒垃圾')).getByText('提建议的人：张秀英（3号）（不公开名字）'),
    ).toBeTruthy()

    mockedCall.mockResolvedValueOnce({ ...held, contentCheck: 'passed' })
    await act(async () => {
      fireEvent.click((await item('有人乱倒垃圾')).getByText('内容没问题，放行'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'release', { suggestionId: 's3' })
    expect((await item('有人乱倒垃圾')).queryByText('内容没问题，放行')).toBeNull()

    fireEvent.click((await item('村口路灯坏了')).getByText('处理这条建议'))
    fireEvent.click((await item('村口路灯坏了')).getByText('答复'))
    expect(await screen.findByText(/^答复/, { selector: '.field-message' })).toBeTruthy()
    await typeInto(
      () => screen.getByText('村口路灯坏了').closest('.suggest-card'),
      '下周请电工来修',
    )
    mockedCall.mockResolvedValueOnce(answered)
    await act(async () => {
      fireEvent.click((await item('村口路灯坏了')).getByText('答复'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'answer', {
      suggestionId: 's1',
      answer: '下周请电工来修',
    })
    expect(screen.getByText('已答复“村口路灯坏了”，张秀英（3号）会在消息里看到。')).toBeTruthy()
  })

  it('needs a reason to decline, and shows the server’s refusal in words', async () => {
    mockRoles = ['villager', 'councilChair']
    render(<InboxPage />)
    const card = () => screen.getByText('村口路灯坏了').closest('.suggest-card')
    fireEvent.click(
      within(
        (await screen.findByText('村口路灯坏了')).closest('.suggest-card') as HTMLElement,
      ).getByText('处理这条建议'),
    )
    fireEvent.click(within(card() as HTMLElement).getByText('不采纳'))
    expect(await screen.findByText(/^不采纳的原因/, { selector: '.field-message' })).toBeTruthy()
    await typeInto(card, '路灯归镇里管')
    mockedCall.mockRejectedValueOnce(
      new ApiCallError('CONFLICT', '这条建议已经有人处理过了，请刷新看看'),
    )
    await act(async () => {
      fireEvent.click(within(card() as HTMLElement).getByText('不采纳'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'decline', {
      suggestionId: 's1',
      reason: '路灯归镇里管',
    })
    expect(screen.getByText('这条建议已经有人处理过了，请刷新看看')).toBeTruthy()
  })
})

describe('议题', () => {
  it('turns a suggestion into a new topic from the inbox, and offers the open ones to merge into', async () => {
    mockRoles = ['villager', 'councilMember']
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<InboxPage />)
    const card = async () =>
      within((await screen.findByText('村口路灯坏了')).closest('.suggest-card') as HTMLElement)
    fireEvent.click((await card()).getByText('处理这条建议'))
    expect(await (await card()).findByText('并入议题：村口路灯')).toBeTruthy()
    mockedCall.mockResolvedValueOnce(topic)
    await act(async () => {
      fireEvent.click((await card()).getByText('列为新议题'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'createTopic', {
      suggestionIds: ['s1'],
      title: '村口路灯坏了',
    })
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/topic/index?id=t1' })
  })

  it('offers no topic to the party reviewer, who reviews them', async () => {
    mockRoles = ['villager', 'partyReviewer']
    render(<InboxPage />)
    const card = within(
      (await screen.findByText('村口路灯坏了')).closest('.suggest-card') as HTMLElement,
    )
    fireEvent.click(card.getByText('处理这条建议'))
    expect(card.getByText('答复')).toBeTruthy()
    expect(card.queryByText('列为新议题')).toBeNull()
  })

  it('lists the topics with their status and opens one', async () => {
    mockRoles = ['villager', 'councilMember']
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<TopicsPage />)
    const row = (await screen.findByText('村口路灯')).closest('.suggest-row') as HTMLElement
    expect(within(row).getByText('准备中')).toBeTruthy()
    expect(within(row).getByText(/1 条建议/)).toBeTruthy()
    fireEvent.click(row)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/topic/index?id=t1' })
  })

  it('submits a prepared topic only with every material ready, saving it first', async () => {
    mockRoles = ['villager', 'councilMember']
    render(<TopicPage />)
    expect(await screen.findByText('张秀英（3号）', { exact: false })).toBeTruthy()
    fireEvent.click(screen.getByText('提交会前预审'))
    expect(await screen.findByText('还有 1 项材料没有备齐，备齐了才能提交预审')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'submitTopic', expect.anything())

    fireEvent.click(screen.getByText('○ 未备齐：费用测算', { selector: '[role=checkbox]' }))
    const submitted = { ...topic, status: 'submitted' as const }
    mockedCall
      .mockResolvedValueOnce({
        ...topic,
        materials: topic.materials.map((m) => ({ ...m, ready: true })),
      })
      .mockResolvedValueOnce(submitted)
    await act(async () => {
      fireEvent.click(screen.getByText('提交会前预审'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'editTopic', {
      topicId: 't1',
      title: '村口路灯',
      background: '路灯坏了三盏',
      options: '',
      materials: [
        { item: '现场照片', ready: true },
        { item: '费用测算', ready: true },
      ],
    })
    expect(mockedCall).toHaveBeenLastCalledWith('council', 'submitTopic', { topicId: 't1' })
    expect(screen.getByText('待预审')).toBeTruthy()
    expect(screen.queryByText('提交会前预审')).toBeNull()
  })

  it('lets the party reviewer say the rules already cover it, naming the article', async () => {
    mockRoles = ['villager', 'partyReviewer']
    mockedCall.mockImplementation((async (fn: string, action: string) => {
      if (action === 'topic') return { ...topic, status: 'submitted' }
      if (fn === 'rules') return rules
      throw new Error(`unexpected call ${fn}.${action}`)
    }) as typeof call)
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('村规民约已有约定'))
    fireEvent.click(screen.getByText('提交预审结果'))
    expect(await screen.findByText(/^村规条款/, { selector: '.field-message' })).toBeTruthy()
    fireEvent.click(await screen.findByText('第 6 条：彩礼不超过两万元。'))
    mockedCall.mockResolvedValueOnce({ ...topic, status: 'rejected' })
    await act(async () => {
      fireEvent.click(screen.getByText('提交预审结果'))
    })
    expect(mockedCall).toHaveBeenCalledWith('council', 'preReview', {
      topicId: 't1',
      outcome: 'coveredByRules',
      articleId: 'a6',
    })
    expect(screen.getByText('不上会')).toBeTruthy()
  })

  it('shows no preparation to the party reviewer, and no review to a member', async () => {
    mockRoles = ['villager', 'partyReviewer']
    render(<TopicPage />)
    expect(await screen.findByText('路灯坏了三盏')).toBeTruthy()
    expect(screen.queryByText('准备议题')).toBeNull()
    expect(screen.queryByText('提交预审结果')).toBeNull()
  })
})

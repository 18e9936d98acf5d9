import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Message, OutboxEntry } from '../../types/messages'
import type { Me } from '../../types/session'
import OutboxPage from '../../src/admin/pages/outbox'
import { formatVillageDateTime } from '../../types/village-time'
import MessagesPage from '../../src/messages/pages/index'
import MePage from '../../src/pages/me'
import { call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { setToken } from '../../src/services/session-store'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// The subscribe dialog exists only in the mini-program; each test says which platform it is on.
let mockOnWeapp = false
jest.mock('../../src/services/subscribe', () => {
  const actual = jest.requireActual('../../src/services/subscribe')
  return {
    ...actual,
    get canAskForSubscription() {
      return mockOnWeapp
    },
  }
})

const mockedCall = call as jest.MockedFunction<typeof call>

const villager: Me = {
  user: { id: 'u1', displayName: '张秀英' },
  village: { id: 'shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
  roles: ['villager', 'admin'],
  membership: 'approved',
  demo: false,
}

function message(index: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${index}`,
    kind: 'rulesPublished',
    title: `消息标题 ${index}`,
    body: `消息内容 ${index}`,
    link: '/pages/rules/index',
    createdAt: new Date(Date.UTC(2026, 10, 28, 7, 0) - index * 60000).toISOString(),
    readAt: null,
    ...overrides,
  }
}

function answer(table: Record<string, (data: unknown) => unknown>) {
  mockedCall.mockImplementation((async (_fn: string, action: string, data?: unknown) => {
    const handler = table[action]
    if (!handler) throw new Error(`unexpected call ${action}`)
    return handler(data)
  }) as never)
}

const actionsCalled = () => mockedCall.mock.calls.map((args) => args[1])

beforeEach(() => {
  mockOnWeapp = false
  mockedCall.mockReset()
  resetMeForTests()
  setToken('tok')
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
})
afterEach(() => jest.restoreAllMocks())

describe('消息 on 我的', () => {
  it('shows the unread count as a badge and opens 消息', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    answer({ me: () => villager, unreadCount: () => ({ unread: 3 }) })
    render(<MePage />)
    expect(await screen.findByText('3')).toBeTruthy()
    expect(screen.getByLabelText('消息，3 条未读')).toBeTruthy()
    fireEvent.click(screen.getByText('消息'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/messages/pages/index/index' })
  })

  it('shows no badge when everything is read', async () => {
    answer({ me: () => villager, unreadCount: () => ({ unread: 0 }) })
    render(<MePage />)
    await screen.findByText('消息')
    await waitFor(() => expect(actionsCalled()).toContain('unreadCount'))
    expect(screen.getByLabelText('消息')).toBeTruthy()
  })
})

describe('消息 page', () => {
  it('lists messages; tapping an unread one marks it read and opens what it is about', async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never)
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    answer({
      list: () => [
        message(1),
        message(2, { readAt: '2026-11-28T07:30:00.000Z', link: '/pages/ceremony/index' }),
      ],
      markRead: () => ({ unread: 0 }),
    })
    render(<MessagesPage />)
    expect(await screen.findByText('消息标题 1')).toBeTruthy()
    expect(screen.getByText('消息内容 1')).toBeTruthy()
    expect(screen.getAllByText('未读')).toHaveLength(1)
    expect(screen.getByText(formatVillageDateTime(message(1).createdAt))).toBeTruthy()

    fireEvent.click(screen.getByText('消息标题 1'))
    expect(mockedCall).toHaveBeenCalledWith('messages', 'markRead', { messageId: 'm1' })
    // A tab page opens with switchTab, any other with navigateTo.
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/rules/index' })
    expect(screen.queryByText('未读')).toBeNull()

    fireEvent.click(screen.getByText('消息标题 2'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/ceremony/index' })
    // Already read: not marked again.
    expect(actionsCalled().filter((action) => action === 'markRead')).toHaveLength(1)
  })

  it('marks everything read at once', async () => {
    answer({ list: () => [message(1), message(2)], markRead: () => ({ unread: 0 }) })
    render(<MessagesPage />)
    await screen.findByText('消息标题 1')
    expect(screen.getAllByText('未读')).toHaveLength(2)
    fireEvent.click(screen.getByText('全部标为已读'))
    await waitFor(() => expect(screen.queryByText('未读')).toBeNull())
    expect(mockedCall).toHaveBeenCalledWith('messages', 'markRead', { all: true })
    expect(screen.queryByText('全部标为已读')).toBeNull()
  })

  it('loads older messages with the (createdAt, id) cursor', async () => {
    const first = Array.from({ length: 20 }, (_, index) => message(index))
    answer({
      list: (data) => ((data as { before?: unknown }).before ? [message(20)] : first),
    })
    render(<MessagesPage />)
    await screen.findByText('消息标题 0')
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('消息标题 20')).toBeTruthy()
    expect(mockedCall).toHaveBeenLastCalledWith('messages', 'list', {
      limit: 20,
      before: { createdAt: first[19].createdAt, id: 'm19' },
    })
    expect(screen.getByText('没有更早的消息了')).toBeTruthy()
  })

  it('says so when there are none, and offers a retry when loading fails', async () => {
    let fail = true
    answer({
      list: () => {
        if (fail)
          throw new (jest.requireActual('../../src/services/api').ApiCallError)(
            'NETWORK',
            '网络不太好，请检查网络后再试',
          )
        return []
      },
    })
    render(<MessagesPage />)
    expect(await screen.findByText('网络不太好，请检查网络后再试')).toBeTruthy()
    fail = false
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('还没有消息。')).toBeTruthy()
  })

  it('on H5 asks for no WeChat subscription', async () => {
    answer({ list: () => [] })
    render(<MessagesPage />)
    await screen.findByText('还没有消息。')
    expect(screen.queryByText('接收微信通知')).toBeNull()
    expect(actionsCalled()).not.toContain('subscribeTemplates')
  })

  it('in the mini-program asks WeChat right on the tap and records what was accepted', async () => {
    mockOnWeapp = true
    const request = jest.fn().mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-rules': 'accept',
      'tmpl-role': 'reject',
    })
    Object.assign(Taro, { requestSubscribeMessage: request })
    answer({
      list: () => [],
      subscribeTemplates: () => ({ templateIds: ['tmpl-rules', 'tmpl-role'] }),
      recordSubscription: () => ({ recorded: 1 }),
    })
    render(<MessagesPage />)
    fireEvent.click(await screen.findByText('接收微信通知'))
    expect(request).toHaveBeenCalledWith({ tmplIds: ['tmpl-rules', 'tmpl-role'] })
    expect(await screen.findByText('好的，下一条消息也会通过微信通知您。')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('messages', 'recordSubscription', {
      results: [
        { templateId: 'tmpl-rules', accepted: true },
        { templateId: 'tmpl-role', accepted: false },
      ],
    })
  })

  it('in the mini-program shows nothing to subscribe to when no template is configured', async () => {
    mockOnWeapp = true
    answer({ list: () => [], subscribeTemplates: () => ({ templateIds: [] }) })
    render(<MessagesPage />)
    await screen.findByText('还没有消息。')
    await waitFor(() => expect(actionsCalled()).toContain('subscribeTemplates'))
    expect(screen.queryByText('接收微信通知')).toBeNull()
  })
})

describe('微信通知发送情况 (admin)', () => {
  const entry = (overrides: Partial<OutboxEntry>): OutboxEntry => ({
    id: 'o1',
    status: 'sent',
    recipientName: '张秀英',
    kind: 'rulesPublished',
    title: '村规民约第 3 版发布了',
    attempts: 1,
    nextAttemptAt: '2026-11-28T07:00:00.000Z',
    lastError: null,
    sentAt: '2026-11-28T07:00:05.000Z',
    createdAt: '2026-11-28T07:00:00.000Z',
    ...overrides,
  })

  it('lists sent, waiting and failed notifications with the reason, and filters by status', async () => {
    answer({
      me: () => villager,
      outbox: (data) =>
        (data as { status?: string }).status === 'failed'
          ? [entry({ id: 'o3', status: 'failed', lastError: '对方的微信身份（openid）无效' })]
          : [
              entry({}),
              entry({
                id: 'o2',
                status: 'waiting',
                attempts: 2,
                recipientName: '李明',
                lastError: '微信繁忙或发送太频繁（错误码 45009）',
              }),
            ],
    })
    render(<OutboxPage />)
    expect(await screen.findByText('李明')).toBeTruthy()
    expect(screen.getAllByText('已发送').length).toBeGreaterThan(0)
    expect(
      screen.getByText(`发送于 ${formatVillageDateTime('2026-11-28T07:00:05.000Z')}`),
    ).toBeTruthy()
    expect(screen.getByText(/将于 .* 重试（已试 2 次）/)).toBeTruthy()
    expect(screen.getByText('原因：微信繁忙或发送太频繁（错误码 45009）')).toBeTruthy()

    fireEvent.click(screen.getByText('发送失败'))
    expect(await screen.findByText('原因：对方的微信身份（openid）无效')).toBeTruthy()
    expect(mockedCall).toHaveBeenLastCalledWith('admin', 'outbox', { status: 'failed' })
    expect(screen.queryByText('李明')).toBeNull()
  })
})

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type {
  Appointment,
  AvailabilityDay,
  MyAppointments,
  Service,
} from '../../types/service-center'
import { ApiCallError, call } from '../../src/services/api'
import ServicePage from '../../src/service/pages/service'
import BookPage from '../../src/service/pages/book'
import MyAppointmentsPage from '../../src/service/pages/mine'
import { nativeControl, typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// The subscribe dialog exists only in the mini-program; each test says which platform it is on.
let mockOnWeapp = false
jest.mock('../../src/services/subscribe', () => ({
  ...jest.requireActual('../../src/services/subscribe'),
  get canAskForSubscription() {
    return mockOnWeapp
  },
}))

const mockRouter = { params: {} as Record<string, string> }
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('@tarojs/taro'),
  __esModule: true,
  useRouter: () => mockRouter,
}))

const mockedCall = call as jest.MockedFunction<typeof call>

const service: Service = {
  id: 's2',
  name: '社保医保代办',
  category: 'socialInsurance',
  description: '城乡居民医保缴费、养老保险认证',
  requiredMaterials: ['身份证', '社保卡'],
  durationMinutes: 20,
  needsConfirmation: true,
  homeVisit: true,
  proxyService: true,
  slotMinutes: 30,
  capacity: 2,
  active: true,
}

// 2026-12-01 is a Tuesday; 12-02 a closed date; 12-03 fully booked.
const days: AvailabilityDay[] = [
  {
    day: '2026-12-01',
    closedReason: null,
    slots: [
      { start: '2026-12-01T00:30:00.000Z', end: '2026-12-01T01:00:00.000Z', placesLeft: 0 },
      { start: '2026-12-01T01:00:00.000Z', end: '2026-12-01T01:30:00.000Z', placesLeft: 2 },
    ],
  },
  { day: '2026-12-02', closedReason: '元旦', slots: [] },
  {
    day: '2026-12-03',
    closedReason: null,
    slots: [{ start: '2026-12-03T00:30:00.000Z', end: '2026-12-03T01:00:00.000Z', placesLeft: 0 }],
  },
]

function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a1',
    serviceId: 's2',
    serviceName: '社保医保代办',
    category: 'socialInsurance',
    requiredMaterials: ['身份证', '社保卡'],
    start: '2026-12-01T01:00:00.000Z',
    end: '2026-12-01T01:30:00.000Z',
    status: 'pending',
    channel: 'online',
    contactName: '张秀英',
    contactPhone: '138****5678',
    note: '',
    homeVisit: false,
    address: '',
    proxyFor: '',
    result: '',
    canCancel: true,
    canRate: false,
    rating: null,
    events: [
      { kind: 'booked', at: '2026-11-28T02:00:00.000Z', reason: null, by: '本人', slotStart: null },
    ],
    createdAt: '2026-11-28T02:00:00.000Z',
    ...overrides,
  }
}

type Handler = (data: never) => unknown
function answer(table: Record<string, Handler>) {
  mockedCall.mockImplementation((async (fn: string, action: string, data?: never) => {
    const handler = table[`${fn}.${action}`]
    if (!handler) throw new Error(`unexpected call ${fn}.${action}`)
    return handler(data as never)
  }) as never)
}

beforeEach(() => {
  mockOnWeapp = false
  mockedCall.mockReset()
  mockRouter.params = {}
})
afterEach(() => jest.restoreAllMocks())

const field = (label: string) => () =>
  screen.queryByText(label, { selector: '.service-field__label' })?.closest('.service-field')

describe('a service and its slots', () => {
  it('shows what to bring and how it is done, days with places left, and moves on with a slot', async () => {
    mockRouter.params = { id: 's2' }
    answer({ 'serviceCenter.service': () => service, 'serviceCenter.availability': () => days })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<ServicePage />)

    expect(await screen.findByText('· 身份证')).toBeTruthy()
    expect(screen.getByText('· 社保卡')).toBeTruthy()
    expect(screen.getByText('约 20 分钟')).toBeTruthy()
    expect(screen.getByText('要等工作人员确认，确认后会通知您')).toBeTruthy()
    expect(screen.getByText('老人、行动不便的可以请工作人员上门办理')).toBeTruthy()
    expect(screen.getByText('可以替家里人预约，由您代办')).toBeTruthy()

    // The first day with a free place is chosen; a closed day and a full one say so.
    const dayButton = (text: string) => screen.getByText(text).closest('[role="radio"]')
    expect(dayButton('12月1日')?.getAttribute('aria-checked')).toBe('true')
    expect(within(dayButton('12月2日') as HTMLElement).getByText('休息')).toBeTruthy()
    expect(within(dayButton('12月3日') as HTMLElement).getByText('已约满')).toBeTruthy()
    expect(screen.getByText('再选时段（12月1日 星期二）')).toBeTruthy()

    const next = () => screen.getByText(/下一步：填写联系人|请先选一个时段/)
    expect(next().textContent).toBe('请先选一个时段')
    // A full slot cannot be chosen.
    fireEvent.click(screen.getByText('08:30–09:00'))
    expect(next().textContent).toBe('请先选一个时段')

    fireEvent.click(screen.getByText('还剩 2 个'))
    fireEvent.click(next())
    expect(navigateTo).toHaveBeenCalledWith({
      url: '/service/pages/book/index?serviceId=s2&slotStart=2026-12-01T01%3A00%3A00.000Z',
    })
    expect(screen.getByText('‹ 返回办事')).toBeTruthy()
  })

  it('says so when the service cannot be loaded, with a retry', async () => {
    mockRouter.params = { id: 's2' }
    answer({
      'serviceCenter.service': () => {
        throw new ApiCallError('NOT_FOUND', '没有找到这项服务')
      },
      'serviceCenter.availability': () => days,
    })
    render(<ServicePage />)
    expect(await screen.findByText('没有找到这项服务')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})

describe('the booking form', () => {
  const slotStart = '2026-12-01T01:00:00.000Z'

  it('starts from the last contact, checks the fields, and books a home visit for a family member', async () => {
    mockRouter.params = { serviceId: 's2', slotStart: encodeURIComponent(slotStart) }
    const booked = appointment()
    answer({
      'serviceCenter.service': () => service,
      'serviceCenter.lastContact': () => ({ contactName: '张秀英', contactPhone: '138****5678' }),
      'serviceCenter.book': () => booked,
    })
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    const subscribe = jest.spyOn(Taro, 'requestSubscribeMessage')
    render(<BookPage />)

    expect(await screen.findByText('2026年12月1日 09:00–09:30')).toBeTruthy()
    expect(screen.getByText('138****5678（上次留的号码）')).toBeTruthy()
    const name = await nativeControl(field('联系人'))
    expect(name.value).toBe('张秀英')

    fireEvent.click(screen.getByText('请工作人员上门'))
    fireEvent.click(screen.getByText('替家里人办'))
    fireEvent.click(screen.getByText('确认预约'))
    // Under the field at fault, nothing sent.
    expect(within(field('上门地址')() as HTMLElement).getByRole('alert').textContent).toBe(
      '上门办理要写上地址',
    )
    await typeInto(field('上门地址'), '石龙村三组 12 号')
    fireEvent.click(screen.getByText('确认预约'))
    expect(within(field('替谁办')() as HTMLElement).getByRole('alert').textContent).toBe(
      '请写上替谁办（家里人的名字）',
    )
    await typeInto(field('替谁办'), '张大爷')
    await typeInto(field('备注（可以不写）'), '腿脚不便')
    await act(async () => {
      fireEvent.click(screen.getByText('确认预约'))
    })
    expect(mockedCall).toHaveBeenCalledWith('serviceCenter', 'book', {
      serviceId: 's2',
      slotStart,
      contactName: '张秀英',
      note: '腿脚不便',
      homeVisit: true,
      address: '石龙村三组 12 号',
      proxyFor: '张大爷',
    })
    // On H5 there is no subscribe dialog to ask.
    expect(subscribe).not.toHaveBeenCalled()
    expect(redirectTo).toHaveBeenCalledWith({ url: '/service/pages/mine/index?booked=pending' })
  })

  it('asks a first-time booker for the phone, and checks it with the contract’s schema', async () => {
    mockRouter.params = { serviceId: 's2', slotStart }
    answer({
      'serviceCenter.service': () => ({ ...service, homeVisit: false, proxyService: false }),
      'serviceCenter.lastContact': () => null,
    })
    render(<BookPage />)
    await screen.findByText('确认预约')
    expect(screen.queryByText('在哪里办')).toBeNull()
    expect(screen.queryByText('给谁办')).toBeNull()
    await typeInto(field('联系人'), '张秀英')
    await typeInto(field('联系电话'), '12345')
    fireEvent.click(screen.getByText('确认预约'))
    expect(within(field('联系电话')() as HTMLElement).getByRole('alert').textContent).toBe(
      '电话号码格式不对',
    )
    expect(mockedCall).not.toHaveBeenCalledWith('serviceCenter', 'book', expect.anything())
    // Corrected, the field is no longer marked.
    await typeInto(field('联系电话'), '13800005678')
    expect(within(field('联系电话')() as HTMLElement).queryByRole('alert')).toBeNull()
  })

  it('says plainly when the slot has just filled, and offers the slots counted again', async () => {
    mockRouter.params = { serviceId: 's2', slotStart }
    let bookings = 0
    answer({
      'serviceCenter.service': () => service,
      'serviceCenter.lastContact': () => ({ contactName: '张秀英', contactPhone: '138****5678' }),
      'serviceCenter.availability': () => days,
      'serviceCenter.book': () => {
        bookings += 1
        if (bookings === 1) {
          throw new ApiCallError('RESOURCE_EXHAUSTED', '这个时段刚刚约满了，请换一个时段')
        }
        return appointment({ status: 'confirmed', start: '2026-12-01T00:30:00.000Z' })
      },
    })
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    render(<BookPage />)
    await screen.findByText('确认预约')
    await act(async () => {
      fireEvent.click(screen.getByText('确认预约'))
    })
    expect(screen.getByRole('alert').textContent).toBe('这个时段刚刚约满了，请换一个时段')
    expect(mockedCall).toHaveBeenCalledWith('serviceCenter', 'availability', { serviceId: 's2' })
    fireEvent.click(await screen.findByText('还剩 2 个'))
    expect(screen.queryByRole('alert')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('确认预约'))
    })
    expect(mockedCall).toHaveBeenLastCalledWith(
      'serviceCenter',
      'book',
      expect.objectContaining({ slotStart: '2026-12-01T01:00:00.000Z' }),
    )
  })

  it('in the mini-program asks for the appointment template after the tap on 确认预约', async () => {
    mockOnWeapp = true
    mockRouter.params = { serviceId: 's2', slotStart }
    answer({
      'serviceCenter.service': () => service,
      'serviceCenter.lastContact': () => ({ contactName: '张秀英', contactPhone: '138****5678' }),
      'messages.subscribeTemplates': () => ({ templateIds: ['tmpl-appointment'] }),
      'messages.recordSubscription': () => ({ recorded: 1 }),
      'serviceCenter.book': () => appointment({ status: 'confirmed' }),
    })
    const subscribe = jest
      .spyOn(Taro, 'requestSubscribeMessage')
      .mockResolvedValue({ 'tmpl-appointment': 'accept', errMsg: 'ok' } as never)
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    render(<BookPage />)
    await screen.findByText('确认预约')
    await waitFor(() =>
      expect(mockedCall).toHaveBeenCalledWith('messages', 'subscribeTemplates', {
        kind: 'appointment',
      }),
    )
    expect(subscribe).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('确认预约'))
    })
    expect(subscribe).toHaveBeenCalledWith({ tmplIds: ['tmpl-appointment'] })
    expect(mockedCall).toHaveBeenCalledWith('messages', 'recordSubscription', {
      results: [{ templateId: 'tmpl-appointment', accepted: true }],
    })
    expect(redirectTo).toHaveBeenCalledWith({ url: '/service/pages/mine/index?booked=confirmed' })
  })
})

describe('我的预约', () => {
  const done = appointment({
    id: 'a2',
    status: 'done',
    canCancel: false,
    canRate: true,
    result: '已办好医保缴费',
    start: '2026-11-20T01:00:00.000Z',
    end: '2026-11-20T01:30:00.000Z',
    events: [
      { kind: 'booked', at: '2026-11-18T02:00:00.000Z', reason: null, by: '本人', slotStart: null },
      {
        kind: 'done',
        at: '2026-11-20T01:20:00.000Z',
        reason: '已办好',
        by: '工作人员李明',
        slotStart: null,
      },
    ],
  })
  const cancelled = appointment({
    id: 'a3',
    status: 'cancelled',
    canCancel: false,
    events: [
      {
        kind: 'cancelled',
        at: '2026-11-19T02:00:00.000Z',
        reason: '有事',
        by: '本人',
        slotStart: null,
      },
    ],
  })
  const mine = (): MyAppointments => ({ upcoming: [appointment()], past: [done, cancelled] })

  const card = (text: string) =>
    screen.getAllByText(text)[0].closest('.service-card') as HTMLElement

  it('shows upcoming and past appointments with the five steps, and the materials again', async () => {
    mockRouter.params = { booked: 'pending' }
    answer({ 'serviceCenter.myAppointments': mine })
    render(<MyAppointmentsPage />)
    expect(await screen.findByText('预约已提交。工作人员确认后会发消息告诉您。')).toBeTruthy()
    expect(screen.getByText('要去办的')).toBeTruthy()

    const finished = card('办理结果')
    const steps = within(finished).getAllByRole('listitem').slice(0, 5)
    expect(steps.map((step) => step.getAttribute('aria-label'))).toEqual([
      '受理，已完成',
      '办理，已完成',
      '办结，已完成',
      '回访，还没到',
      '归档，还没到',
    ])
    expect(within(finished).getByText('已办结，等待回访')).toBeTruthy()
    // A cancelled one shows why, not the steps.
    const gone = screen.getByText(/取消预约（本人）：有事/).closest('.service-card') as HTMLElement
    expect(within(gone).queryByLabelText('办理进度')).toBeNull()

    const upcoming = card('等待确认')
    expect(within(upcoming).queryByText('· 身份证')).toBeNull()
    fireEvent.click(within(upcoming).getByText('看要带的材料'))
    expect(within(upcoming).getByText('· 身份证')).toBeTruthy()
  })

  it('cancels with a reason, after the confirm dialog', async () => {
    answer({
      'serviceCenter.myAppointments': mine,
      'serviceCenter.cancel': () => ({ ...appointment(), status: 'cancelled' }),
    })
    render(<MyAppointmentsPage />)
    const upcoming = (await screen.findByText('等待确认')).closest('.service-card') as HTMLElement
    fireEvent.click(within(upcoming).getByText('取消预约'))
    fireEvent.click(within(upcoming).getByText('确认取消'))
    expect(within(upcoming).getByRole('alert').textContent).toBe('取消原因不能为空')
    await typeInto(() => upcoming.querySelector('.service-field'), '那天有事')
    fireEvent.click(within(upcoming).getByText('确认取消'))
    expect(await screen.findByText('确定取消 2026年12月1日 09:00 的社保医保代办吗？')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('serviceCenter', 'cancel', expect.anything())
    await act(async () => {
      fireEvent.click(screen.getByText('确定取消'))
    })
    expect(mockedCall).toHaveBeenCalledWith('serviceCenter', 'cancel', {
      appointmentId: 'a1',
      reason: '那天有事',
    })
    // The list is loaded again to show where it stands now.
    expect(mockedCall.mock.calls.filter(([, action]) => action === 'myAppointments')).toHaveLength(
      2,
    )
  })

  it('rates a finished matter once, with a score and a comment', async () => {
    answer({
      'serviceCenter.myAppointments': mine,
      'serviceCenter.rate': () => ({ ...done, canRate: false }),
    })
    render(<MyAppointmentsPage />)
    const finished = (await screen.findByText('办理结果')).closest('.service-card') as HTMLElement
    fireEvent.click(within(finished).getByText('提交评价'))
    expect(within(finished).getByRole('alert').textContent).toBe('请先选几分')
    fireEvent.click(within(finished).getByText('5 分 很满意'))
    await typeInto(() => finished.querySelector('.service-field textarea')?.parentElement, '很快')
    await act(async () => {
      fireEvent.click(within(finished).getByText('提交评价'))
    })
    expect(mockedCall).toHaveBeenCalledWith('serviceCenter', 'rate', {
      appointmentId: 'a2',
      score: 5,
      comment: '很快',
    })
  })

  it('says when there is nothing booked, and leads to 办事', async () => {
    answer({ 'serviceCenter.myAppointments': () => ({ upcoming: [], past: [] }) })
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' })
    render(<MyAppointmentsPage />)
    expect(await screen.findByText('现在没有要去办的预约')).toBeTruthy()
    fireEvent.click(screen.getByText('预约办事'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/service-center/index' })
  })
})

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { AvailabilityDay, DeskAppointment, DeskDay } from '../../types/service-center'
import { addVillageDays, villageDayOf, villageDayStart } from '../../types/village-time'
import DeskPage from '../../src/staff/pages/desk'
import WalkInPage from '../../src/staff/pages/walk-in'
import FollowUpsPage from '../../src/staff/pages/follow-ups'
import { ApiCallError, call } from '../../src/services/api'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockRouter = { params: {} as Record<string, string> }
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('@tarojs/taro'),
  __esModule: true,
  useRouter: () => mockRouter,
}))

let mockRoles = ['villager', 'staff']
jest.mock('../../src/services/me', () => ({
  useMe: () => ({
    me: { user: { id: 'u-staff' }, village: null, roles: mockRoles, membership: 'approved' },
    loading: false,
    error: null,
    refresh: jest.fn(),
  }),
}))

// Forms of many fields render slowly in jsdom on a busy machine.
jest.setTimeout(20_000)

const mockedCall = call as jest.MockedFunction<typeof call>
const today = villageDayOf(new Date())
const at = (day: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return new Date(Date.parse(villageDayStart(day)) + (h * 60 + m) * 60_000).toISOString()
}

function appointment(id: string, changes: Partial<DeskAppointment> = {}): DeskAppointment {
  return {
    id,
    serviceId: 's1',
    serviceName: '开具居住证明',
    category: 'certificate',
    requiredMaterials: ['身份证'],
    start: at(today, '09:00'),
    end: at(today, '09:30'),
    status: 'confirmed',
    channel: 'online',
    contactName: '张秀英',
    contactPhone: '13912345678',
    note: '',
    homeVisit: false,
    address: '',
    proxyFor: '',
    result: '',
    rating: null,
    events: [],
    createdAt: at(today, '08:00'),
    userId: 'u1',
    bookedBy: '张秀英（3号）',
    followUp: null,
    ...changes,
  }
}

let desk: DeskDay
const tomorrow = addVillageDays(today, 1)
const availability: AvailabilityDay[] = [
  {
    day: tomorrow,
    closedReason: null,
    slots: [
      { start: at(tomorrow, '10:00'), end: at(tomorrow, '10:30'), placesLeft: 2 },
      { start: at(tomorrow, '10:30'), end: at(tomorrow, '11:00'), placesLeft: 0 },
    ],
  },
]

beforeEach(() => {
  mockRoles = ['villager', 'staff']
  desk = {
    day: today,
    slots: [
      {
        serviceId: 's1',
        serviceName: '开具居住证明',
        start: at(today, '09:00'),
        end: at(today, '09:30'),
        capacity: 3,
        booked: 1,
        appointments: [appointment('a1')],
      },
      {
        serviceId: 's1',
        serviceName: '开具居住证明',
        start: at(today, '10:00'),
        end: at(today, '10:30'),
        capacity: 3,
        booked: 1,
        appointments: [
          appointment('a2', {
            status: 'pending',
            contactName: '李大爷',
            start: at(today, '10:00'),
            end: at(today, '10:30'),
          }),
        ],
      },
    ],
  }
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    const input = data as Record<string, string>
    if (action === 'day') return { ...desk, day: input.day }
    if (action === 'availability' || action === 'slots') return availability
    if (action === 'services') {
      return [
        { id: 's1', name: '开具居住证明', active: true, homeVisit: true },
        { id: 's2', name: '旧的事项', active: false, homeVisit: false },
      ]
    }
    if (action === 'followUps') return [appointment('a3', { status: 'done', result: '已开具' })]
    if (
      ['confirm', 'reject', 'move', 'checkIn', 'finish', 'markNoShow', 'recordFollowUp'].includes(
        action,
      )
    ) {
      return appointment(input.appointmentId)
    }
    if (action === 'registerWalkIn') {
      return appointment('a9', { contactName: input.contactName, channel: 'walkIn' })
    }
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
})
afterEach(() => jest.restoreAllMocks())

const press = async (text: string, scope: HTMLElement = document.body) => {
  await act(async () => {
    fireEvent.click(within(scope).getByText(text, { selector: '.nut-button-children' }))
  })
}
const cardOf = (name: string) =>
  screen.getByText(name, { selector: '.vh-title' }).closest('.staff-appointment') as HTMLElement

describe('服务台', () => {
  it('refuses a villager with a way back, asking the server nothing', () => {
    mockRoles = ['villager']
    render(<DeskPage />)
    expect(screen.getByText('只有工作人员或管理员可以使用服务台')).toBeTruthy()
    expect(screen.getByText('回到“我的”')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalled()
  })

  it('shows today by slot, pending first, with the full phone to call', async () => {
    const makePhoneCall = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'ok' })
    render(<DeskPage />)
    await screen.findByText('有 1 条预约等待确认')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'day', { day: today })
    const titles = [...document.querySelectorAll('.desk-slot .vh-section-title')].map(
      (e) => e.textContent,
    )
    expect(titles).toEqual([
      '10:00–10:30 · 开具居住证明 · 已约 1/3',
      '09:00–09:30 · 开具居住证明 · 已约 1/3',
    ])
    fireEvent.click(within(cardOf('张秀英')).getByText('打电话 13912345678'))
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13912345678' })
    // Only the steps the status allows: a confirmed booking is not confirmed again.
    expect(within(cardOf('张秀英')).queryByText('确认')).toBeNull()
    expect(within(cardOf('李大爷')).getByText('确认')).toBeTruthy()

    fireEvent.click(screen.getByText('后一天', { selector: '.nut-button-children' }))
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'day', {
      day: addVillageDays(today, 1),
    })
    expect(await screen.findByText('回到今天')).toBeTruthy()
  })

  it('opens the day a link names', async () => {
    mockRouter.params = { day: '2026-12-01' }
    render(<DeskPage />)
    expect(await screen.findByText('2026年12月1日')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'day', { day: '2026-12-01' })
    mockRouter.params = {}
  })

  it('confirms, rejects with a reason (needed), checks in', async () => {
    render(<DeskPage />)
    await screen.findByText('有 1 条预约等待确认')
    await press('确认', cardOf('李大爷'))
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'confirm', { appointmentId: 'a2' })
    expect(screen.getByText('已确认', { selector: '.vh-success' })).toBeTruthy()

    await press('不受理', cardOf('李大爷'))
    await press('确定不受理', cardOf('李大爷'))
    expect(within(cardOf('李大爷')).getByText('原因不能为空')).toBeTruthy()
    await typeInto(() => cardOf('李大爷').querySelector('.desk-steps__form'), '材料不齐')
    await press('确定不受理', cardOf('李大爷'))
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'reject', {
      appointmentId: 'a2',
      reason: '材料不齐',
    })

    await press('登记到场', cardOf('张秀英'))
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'checkIn', { appointmentId: 'a1' })
  })

  it('finishes a matter under way with a result', async () => {
    desk.slots[0].appointments[0].status = 'checkedIn'
    render(<DeskPage />)
    await screen.findByText('张秀英', { selector: '.vh-title' })
    await press('办结', cardOf('张秀英'))
    await typeInto(() => cardOf('张秀英').querySelector('.desk-steps__form'), '证明已开具')
    await press('确定办结', cardOf('张秀英'))
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'finish', {
      appointmentId: 'a1',
      result: '证明已开具',
    })
    expect(screen.getByText('已办结，等待回访')).toBeTruthy()
  })

  it('moves a booking to a slot with places left, with a reason', async () => {
    render(<DeskPage />)
    await screen.findByText('有 1 条预约等待确认')
    const card = cardOf('张秀英')
    await press('改时间', card)
    await typeInto(() => card.querySelector('.desk-steps__form'), '那天停电')
    await press('确定改时间', card)
    expect(within(card).getByText('请选一个新的时段')).toBeTruthy()
    fireEvent.click(await within(card).findByText(/日$/, { selector: '[role="radio"]' }))
    // A full slot is not offered.
    expect(within(card).queryByText(/10:30–11:00/)).toBeNull()
    fireEvent.click(within(card).getByText('10:00–10:30（剩 2 个）'))
    await press('确定改时间', card)
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'move', {
      appointmentId: 'a1',
      slotStart: at(tomorrow, '10:00'),
      reason: '那天停电',
    })
  })

  it('says so when another member of staff decided first, and shows the booking as it is now', async () => {
    render(<DeskPage />)
    await screen.findByText('有 1 条预约等待确认')
    const dayLoads = () => mockedCall.mock.calls.filter(([, action]) => action === 'day').length
    const before = dayLoads()
    mockedCall.mockImplementationOnce((async () => {
      throw new ApiCallError('CONFLICT', '这条预约刚被别人处理过了（已确认），请刷新后再看')
    }) as typeof call)
    await press('确认', cardOf('李大爷'))
    expect(screen.getByText('这条预约刚被别人处理过了（已确认），请刷新后再看')).toBeTruthy()
    expect(dayLoads()).toBe(before + 1)
  })

  it('asks before marking a no-show', async () => {
    render(<DeskPage />)
    await screen.findByText('有 1 条预约等待确认')
    await press('未到场', cardOf('张秀英'))
    expect(mockedCall).not.toHaveBeenCalledWith('serviceDesk', 'markNoShow', expect.anything())
    await press('记为未到场')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'markNoShow', { appointmentId: 'a1' })
  })
})

describe('登记来访/来电', () => {
  const field = (label: string) => () =>
    screen.getByText(label, { selector: '.staff-field__label' }).closest('.staff-field')

  it('registers a walk-in for an active service, checked by the contract first', async () => {
    render(<WalkInPage />)
    await screen.findByText('开具居住证明')
    expect(screen.queryByText('旧的事项')).toBeNull()
    await press('登记')
    expect(screen.getByText('服务事项没有填写')).toBeTruthy()
    fireEvent.click(screen.getByText('开具居住证明'))
    fireEvent.click(await screen.findByText(/日$/, { selector: '[role="radio"]' }))
    fireEvent.click(screen.getByText('10:00–10:30（剩 2 个）'))
    fireEvent.click(screen.getByText('电话登记'))
    await typeInto(field('村民姓名'), '王奶奶')
    await typeInto(field('联系电话（没有可以不填）'), '123')
    await press('登记')
    expect(screen.getByText(/电话号码格式不对/)).toBeTruthy()
    await typeInto(field('联系电话（没有可以不填）'), '')
    // The service allows a home visit: then the address is needed.
    fireEvent.click(screen.getByText('上门办'))
    await press('登记')
    expect(screen.getByText('上门服务要填写地址')).toBeTruthy()
    fireEvent.click(screen.getByText('到中心办'))
    await press('登记')
    // At the desk: the slots without the villagers' notice.
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'slots', { serviceId: 's1' })
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'registerWalkIn', {
      channel: 'phoneCall',
      serviceId: 's1',
      slotStart: at(tomorrow, '10:00'),
      contactName: '王奶奶',
      note: '',
      homeVisit: false,
      address: '',
    })
    expect(screen.getByText('已登记：王奶奶')).toBeTruthy()
    await press('再登记一个')
    expect(screen.getByText('办什么事')).toBeTruthy()
  })
})

describe('回访', () => {
  it('records how, when and how satisfied, then the matter leaves the list', async () => {
    render(<FollowUpsPage />)
    await screen.findByText('办理结果：已开具')
    await press('记录回访')
    await press('记下回访并归档')
    expect(screen.getByText('请选怎么回访的')).toBeTruthy()
    fireEvent.click(screen.getByText('电话回访'))
    await press('记下回访并归档')
    expect(screen.getByText('请选村民满意不满意')).toBeTruthy()
    fireEvent.click(screen.getByText('很满意'))
    await typeInto(() => screen.getByText('回访时间').closest('.staff-field'), '25:00')
    await press('记下回访并归档')
    expect(screen.getByText('时间格式不对，要像 08:30 这样')).toBeTruthy()
    await typeInto(() => screen.getByText('回访时间').closest('.staff-field'), '00:00')
    await press('记下回访并归档')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'recordFollowUp', {
      appointmentId: 'a3',
      method: 'phone',
      followedUpAt: villageDayStart(today),
      satisfaction: 5,
      remarks: '',
    })
    expect(screen.getByText('没有等待回访的事项')).toBeTruthy()
    expect(screen.getByText('已记下 1 次回访，已归档')).toBeTruthy()
  })
})

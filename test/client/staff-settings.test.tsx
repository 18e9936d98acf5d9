import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { CenterSettings, DutyEntry, PlanDay, Service } from '../../types/service-center'
import { addVillageDays, formatVillageDate, villageDayOf } from '../../types/village-time'
import SettingsPage from '../../src/staff/pages/settings'
import ServicesPage from '../../src/staff/pages/services'
import RosterPage, { mondayOf } from '../../src/staff/pages/roster'
import FiguresPage from '../../src/staff/pages/figures'
import { call } from '../../src/services/api'
import { shiftMonth } from '../../src/utils/month'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

let mockRoles = ['villager', 'admin']
jest.mock('../../src/services/me', () => ({
  useMe: () => ({
    me: { user: { id: 'u-admin' }, village: null, roles: mockRoles, membership: 'approved' },
    loading: false,
    error: null,
    refresh: jest.fn(),
  }),
}))

// Forms of many fields render slowly in jsdom on a busy machine.
jest.setTimeout(20_000)

const mockedCall = call as jest.MockedFunction<typeof call>
const today = villageDayOf(new Date())
const monday = mondayOf(today)

const settings: CenterSettings = {
  address: '村委会一楼',
  openingHours: '周一至周五 8:30–17:30',
  bookingWindowDays: 14,
  minNoticeMinutes: 120,
  cancelCutoffMinutes: 60,
  noShowLimit: 2,
  noShowWindowDays: 30,
  noShowBlockDays: 30,
}
const plan: PlanDay[] = [
  { weekday: 1, opens: '08:30', closes: '17:30', breaks: [{ start: '12:00', end: '14:00' }] },
]
const service: Service = {
  id: 's1',
  name: '开具居住证明',
  category: 'certificate',
  description: '',
  requiredMaterials: ['身份证', '户口本'],
  durationMinutes: 20,
  needsConfirmation: false,
  homeVisit: false,
  proxyService: false,
  slotMinutes: 30,
  capacity: 3,
  active: true,
}
let lastWeek: DutyEntry[]

beforeEach(() => {
  mockRoles = ['villager', 'admin']
  lastWeek = [
    { day: addVillageDays(monday, -7), name: '李书记', post: '村党支部书记', phone: '13800001001' },
  ]
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    const input = data as Record<string, unknown>
    switch (action) {
      case 'settings':
        return settings
      case 'saveSettings':
        return input
      case 'plan':
        return plan
      case 'savePlan':
        return input.days
      case 'closedDates':
        return [{ day: '2027-01-01', reason: '元旦' }]
      case 'addClosedDate':
        return [{ day: '2027-01-01', reason: '元旦' }, input]
      case 'removeClosedDate':
        return []
      case 'blocks':
        return [
          {
            userId: 'u9',
            bookedBy: '王五（9号）',
            blockedUntil: '2026-12-30T00:00:00.000Z',
            noShows: 2,
          },
        ]
      case 'liftBlock':
        return { lifted: 1 }
      case 'services':
        return [service]
      case 'saveService':
        return { ...service, ...input, id: (input.id as string) ?? 's2' }
      case 'roster':
        return input.weekStart === monday ? [] : lastWeek
      case 'saveRoster':
        return input.entries
      case 'monthFigures':
        return {
          month: input.month,
          total: 12,
          byService: [{ serviceId: 's1', serviceName: '开具居住证明', count: 12 }],
          finished: 9,
          noShows: 1,
          cancelled: 2,
          averageSatisfaction: 4.3,
        }
      case 'export':
        return { fileName: 'x.xlsx', base64: 'UEsDBA==' }
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
const field = (label: string) => () =>
  screen.getByText(label, { selector: '.staff-field__label' }).closest('.staff-field')

describe('服务设置', () => {
  it('is for staff and admins only', () => {
    mockRoles = ['villager']
    render(<SettingsPage />)
    expect(screen.getByText('只有工作人员或管理员可以使用服务台')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalled()
  })

  it('saves the booking rules and the no-show rule, checked by the contract', async () => {
    render(<SettingsPage />)
    await screen.findByText('保存预约规则', undefined, { timeout: 5000 })
    await typeInto(field('可以预约几天内的（含今天）'), '90')
    await press('保存预约规则')
    expect(screen.getByText('可预约天数不能大于 60')).toBeTruthy()
    await typeInto(field('可以预约几天内的（含今天）'), '7')
    await typeInto(field('爽约几次暂停网上预约（0 表示不暂停）'), '3')
    await press('保存预约规则')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'saveSettings', {
      ...settings,
      bookingWindowDays: 7,
      noShowLimit: 3,
    })
    expect(screen.getByText('已保存')).toBeTruthy()
  })

  it('saves the weekly plan with its breaks, naming a bad time by its weekday', async () => {
    render(<SettingsPage />)
    await screen.findByText('保存开放时间', undefined, { timeout: 5000 })
    const tuesday = () => screen.getByText('星期二').closest('.plan-day') as HTMLElement
    fireEvent.click(within(tuesday()).getByText('开放'))
    await press('加一段休息（如午休）', tuesday())
    const times = tuesday().querySelectorAll('.staff-input--time')
    await typeInto(() => times.item(0), '8:30')
    await press('保存开放时间')
    expect(screen.getByText('星期二开门时间格式不对，要像 08:30 这样')).toBeTruthy()
    await typeInto(() => times.item(0), '09:00')
    await press('保存开放时间')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'savePlan', {
      days: [
        plan[0],
        {
          weekday: 2,
          opens: '09:00',
          closes: '17:30',
          breaks: [{ start: '12:00', end: '14:00' }],
        },
      ],
    })
  })

  it('adds and removes closed dates, and lifts a block', async () => {
    render(<SettingsPage />)
    await screen.findByText('2027年1月1日 元旦', undefined, { timeout: 5000 })
    await typeInto(field('日期'), '2027-02-30')
    await typeInto(field('原因'), '春节')
    await press('加上这一天')
    expect(screen.getByText('没有这个日期')).toBeTruthy()
    await typeInto(field('日期'), '2027-02-06')
    await press('加上这一天')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'addClosedDate', {
      day: '2027-02-06',
      reason: '春节',
    })
    expect(await screen.findByText('2027年2月6日 春节')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByLabelText('删掉2027年1月1日'))
    })
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'removeClosedDate', {
      day: '2027-01-01',
    })
    expect(await screen.findByText('没有设不开放的日子')).toBeTruthy()

    expect(screen.getByText(/王五（9号）：未到场 2 次/)).toBeTruthy()
    await press('解除')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'liftBlock', { userId: 'u9' })
    expect(screen.getByText('已解除王五（9号）的限制，村民会收到消息')).toBeTruthy()
  })
})

describe('服务事项', () => {
  it('adds a service, its materials one a line', async () => {
    render(<ServicesPage />)
    await screen.findByText('带：身份证、户口本')
    await press('添加服务事项')
    await press('保存')
    expect(screen.getByText('名称不能为空')).toBeTruthy()
    await typeInto(field('名称'), '养老认证')
    fireEvent.click(screen.getByText('社保医保'))
    await typeInto(field('要带的材料（一行写一样）'), '身份证\n\n社保卡 ')
    await typeInto(field('每个时段几个人'), '0')
    await press('保存')
    expect(screen.getByText('每个时段人数不能小于 1')).toBeTruthy()
    await typeInto(field('每个时段几个人'), '2')
    fireEvent.click(screen.getByText('可以上门'))
    await press('保存')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'saveService', {
      name: '养老认证',
      category: 'socialInsurance',
      description: '',
      requiredMaterials: ['身份证', '社保卡'],
      durationMinutes: 30,
      slotMinutes: 30,
      capacity: 2,
      needsConfirmation: true,
      homeVisit: true,
      proxyService: false,
      active: true,
    })
    expect(screen.getByText('已保存：养老认证')).toBeTruthy()
  })

  it('changes a service, e.g. stops it', async () => {
    render(<ServicesPage />)
    await screen.findByText('带：身份证、户口本')
    fireEvent.click(screen.getByLabelText('修改开具居住证明'))
    fireEvent.click(screen.getByText('停用'))
    await press('保存')
    expect(mockedCall).toHaveBeenCalledWith(
      'serviceDesk',
      'saveService',
      expect.objectContaining({ id: 's1', active: false, requiredMaterials: ['身份证', '户口本'] }),
    )
  })
})

describe('值班表', () => {
  it('fills this week from last week and saves it', async () => {
    render(<RosterPage />)
    await screen.findByText('保存这一周')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'roster', { weekStart: monday })
    expect(screen.getAllByText('没有人值班')).toHaveLength(7)
    await press('照上一周填')
    expect(screen.getByText('已照上一周填好，请检查后保存')).toBeTruthy()
    const monday0 = screen.getByText(/^星期一/).closest('.vh-card') as HTMLElement
    expect(within(monday0).queryByText('没有人值班')).toBeNull()
    await press('加一个值班的人', monday0)
    await typeInto(() => monday0.querySelectorAll('.roster-entry').item(1), '赵网协员')
    await press('保存这一周')
    expect(screen.getByText('职务不能为空')).toBeTruthy()
    fireEvent.click(within(monday0).getAllByText('删掉这个人')[1])
    await press('保存这一周')
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'saveRoster', {
      weekStart: monday,
      entries: [{ day: monday, name: '李书记', post: '村党支部书记', phone: '13800001001' }],
    })
    expect(screen.getByText('已保存这一周的值班表')).toBeTruthy()
  })

  it('knows the Monday of any day', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23')
    expect(mondayOf('2026-11-23')).toBe('2026-11-23')
    expect(mondayOf('2026-12-01')).toBe('2026-11-30')
  })
})

describe('月度统计', () => {
  it('shows the month at a glance and exports a month or a day', async () => {
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    render(<FiguresPage />)
    await screen.findByText('4.3 分（满意）')
    expect(screen.getByText('预约').closest('.vh-row')?.textContent).toBe('预约12 件')
    const month = today.slice(0, 7)
    await act(async () => {
      fireEvent.click(screen.getByText(/^导出.*月的 Excel$/))
    })
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'export', { month })
    await act(async () => {
      fireEvent.click(screen.getByText(/^导出.*日的 Excel$/))
    })
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'export', { day: today })
    expect(click).toHaveBeenCalledTimes(2)
    expect(screen.getAllByText('已导出')).toHaveLength(2)
    // The month and the day each step on with their own switcher.
    fireEvent.click(screen.getByText('下个月', { selector: '.nut-button-children' }))
    expect(mockedCall).toHaveBeenCalledWith('serviceDesk', 'monthFigures', {
      month: shiftMonth(month, 1),
    })
    fireEvent.click(screen.getByText('前一天', { selector: '.nut-button-children' }))
    expect(
      screen.getByText(`导出${formatVillageDate(addVillageDays(today, -1))}的 Excel`),
    ).toBeTruthy()
  })
})

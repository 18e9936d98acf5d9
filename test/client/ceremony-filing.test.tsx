import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CeremonyFiling, FilingForm, MonthlySummary } from '../../types/ceremony-filing'
import { addVillageDays, formatVillageDate, villageDayOf } from '../../types/village-time'
import NewFilingPage from '../../src/ceremony-filing/pages/new'
import MyFilingsPage from '../../src/ceremony-filing/pages/mine'
import FilingDetailPage from '../../src/ceremony-filing/pages/detail'
import SummaryPage from '../../src/ceremony-filing/pages/summary'
import { shiftMonth } from '../../src/utils/month'
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

let mockRoles = ['villager']
jest.mock('../../src/services/me', () => ({
  useMe: () => ({
    me: { user: { id: 'u1' }, village: null, roles: mockRoles, membership: 'approved', demo: true },
    loading: false,
    error: null,
    refresh: jest.fn(),
  }),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

const form: FilingForm = {
  banquetLimit: {
    maxTables: 20,
    maxCostPerTable: 350,
    maxCigarettePrice: 15,
    maxLiquorPrice: 50,
    maxCars: 6,
    maxBridePrice: 20000,
    note: '',
  },
  articles: {
    tables: { id: 'a5', number: 5, text: '酒席不超过 20 桌，每桌标准不超过 350 元。' },
  },
  deadlines: [
    { ceremonyType: 'wedding', noticeDays: 3, lateHours: 0 },
    { ceremonyType: 'funeral', noticeDays: 0, lateHours: 24 },
    { ceremonyType: 'schoolAdmission', noticeDays: 3, lateHours: 0 },
    { ceremonyType: 'houseWarming', noticeDays: 3, lateHours: 0 },
    { ceremonyType: 'fullMonth', noticeDays: 3, lateHours: 0 },
    { ceremonyType: 'longevity', noticeDays: 3, lateHours: 0 },
  ],
}

const today = villageDayOf(new Date())
const filing: CeremonyFiling = {
  id: 'f1',
  filingNumber: '2026-0007',
  ceremonyType: 'wedding',
  ceremonyDate: addVillageDays(today, 3),
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
      article: form.articles.tables ?? null,
      message: '酒席桌数 25 桌，超过本村上限 20 桌（村规民约第 5 条）',
    },
  ],
  status: 'advisedToChange',
  councilRemark: '请减到 20 桌',
  inspector: null,
  check: null,
  filedByName: '王小红（9号）',
  filedAt: '2026-11-28T02:00:00.000Z',
  updatedAt: '2026-11-28T03:00:00.000Z',
}

const summary: MonthlySummary = {
  month: today.slice(0, 7),
  rows: [
    {
      ceremonyType: 'wedding',
      filings: 2,
      filedWithinLimits: 1,
      checked: 1,
      checkedKept: 1,
      averageTables: 22.5,
      averageCostPerTable: 325,
    },
    {
      ceremonyType: 'funeral',
      filings: 1,
      filedWithinLimits: 1,
      checked: 0,
      checkedKept: 0,
      averageTables: 8,
      averageCostPerTable: 200,
    },
  ],
  total: {
    filings: 3,
    filedWithinLimits: 2,
    checked: 1,
    checkedKept: 1,
    averageTables: 17.7,
    averageCostPerTable: 283,
  },
}

beforeEach(() => {
  mockRoles = ['villager']
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string) => {
    if (fn !== 'ceremonyFiling') throw new Error(`unexpected call ${fn}.${action}`)
    if (action === 'form') return form
    if (action === 'file') return filing
    if (action === 'mine') return [filing]
    if (action === 'get') return filing
    if (action === 'monthlySummary') return summary
    if (action === 'exportSummary') return { fileName: 'x.xlsx', base64: 'UEsDBA==' }
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
})

const field = (label: string) => () =>
  screen.queryByText(label, { selector: '.filing-field__label' })?.closest('.filing-field')

describe('红白喜事报备 form', () => {
  it('marks a figure over its limit at once, with the rules article, and needs a reason', async () => {
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    render(<NewFilingPage />)
    fireEvent.click(await screen.findByText('婚嫁'))
    expect(screen.getByText('婚嫁要提前 3 天报备')).toBeTruthy()
    // The first date offered is the earliest the notice allows.
    expect(screen.getByText(formatVillageDate(addVillageDays(today, 3)))).toBeTruthy()

    await typeInto(field('地点'), '文化礼堂')
    await typeInto(field('主家'), '王小红')
    await typeInto(field('酒席桌数'), '20')
    expect(screen.queryByText(/超过本村上限/)).toBeNull()
    await typeInto(field('酒席桌数'), '25')
    expect(screen.getByText('⚠ 酒席桌数 25 桌，超过本村上限 20 桌（村规民约第 5 条）')).toBeTruthy()
    expect(screen.getByText('酒席不超过 20 桌，每桌标准不超过 350 元。')).toBeTruthy()
    await typeInto(field('每桌标准'), '300')
    await typeInto(field('香烟每包'), '15')
    await typeInto(field('酒每瓶'), '40')
    await typeInto(field('用车'), '4')

    fireEvent.click(screen.getByText('提交报备'))
    expect(await screen.findByText('有数字超过了本村的标准，请写明原因')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('ceremonyFiling', 'file', expect.anything())

    await typeInto(field('情况说明（有数字超过标准，必须写明原因）'), '亲戚多')
    await act(async () => {
      fireEvent.click(screen.getByText('提交报备'))
    })
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'file', {
      ceremonyType: 'wedding',
      ceremonyDate: addVillageDays(today, 3),
      place: '文化礼堂',
      hostName: '王小红',
      tables: 25,
      costPerTable: 300,
      cigarettePrice: 15,
      liquorPrice: 40,
      cars: 4,
      bridePrice: null,
      explanation: '亲戚多',
    })
    expect(redirectTo).toHaveBeenCalledWith({ url: '/ceremony-filing/pages/detail/index?id=f1' })
  })

  it('says a date inside the notice days is too late, before sending anything', async () => {
    render(<NewFilingPage />)
    fireEvent.click(await screen.findByText('满月'))
    fireEvent.click(screen.getByText('前一天'))
    expect(screen.getByText(/已过报备期限：满月要提前 3 天报备/)).toBeTruthy()
    // The bride price is asked for a wedding only.
    expect(screen.queryByText('彩礼（可以不填）')).toBeNull()
  })
})

describe('我的报备 and the receipt', () => {
  it('lists the family’s filings with status and the council’s words', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<MyFilingsPage />)
    const item = (await screen.findByText(/报备编号 2026-0007/)).closest('.filing-list__item')
    expect(within(item as HTMLElement).getByText('理事会建议调整')).toBeTruthy()
    expect(within(item as HTMLElement).getByText('理事会：请减到 20 桌')).toBeTruthy()
    fireEvent.click(item as HTMLElement)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/ceremony-filing/pages/detail/index?id=f1' })
  })

  it('shows the receipt with the filing number, the marks and the way back', async () => {
    render(<FilingDetailPage />)
    expect(await screen.findByText('红白喜事报备回执')).toBeTruthy()
    expect(screen.getAllByText('2026-0007').length).toBeGreaterThan(0)
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'get', { filingId: 'f1' })
    expect(screen.getByText('⚠ 酒席桌数 25 桌，超过本村上限 20 桌（村规民约第 5 条）')).toBeTruthy()
    expect(screen.getByText('‹ 返回我的报备')).toBeTruthy()
    expect(screen.getByRole('main')).toBeTruthy()
  })
})

describe('monthly summary', () => {
  it('moves between months across a year', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
  })

  it('draws a bar per ceremony type and a table; villagers get no export', async () => {
    render(<SummaryPage />)
    expect(await screen.findByText(/共 3 场/)).toBeTruthy()
    const bars = screen.getAllByRole('listitem')
    expect(bars[0].getAttribute('aria-label')).toBe('婚嫁 2 场，其中 1 场在标准内')
    const fill = bars[0].querySelector('.summary-bar__fill') as HTMLElement
    expect(fill.style.width).toBe('100%')
    expect((bars[1].querySelector('.summary-bar__fill') as HTMLElement).style.width).toBe('50%')
    expect(within(screen.getByRole('table')).getByText('325元')).toBeTruthy()
    expect(screen.queryByText('导出 Excel')).toBeNull()
    // 上个月 asks for the month before and says which month is shown.
    const earlier = shiftMonth(today.slice(0, 7), -1)
    fireEvent.click(screen.getByText('上个月', { selector: '.nut-button-children' }))
    const [year, month] = earlier.split('-').map(Number)
    expect(screen.getByRole('status').textContent).toBe(`${year}年${month}月`)
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'monthlySummary', { month: earlier })
  })

  it('lets the council export the month', async () => {
    mockRoles = ['villager', 'ceremonyCouncilMember']
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    render(<SummaryPage />)
    await screen.findByText(/共 3 场/)
    await act(async () => {
      fireEvent.click(screen.getByText('导出 Excel'))
    })
    expect(mockedCall).toHaveBeenCalledWith('ceremonyFiling', 'exportSummary', {
      month: today.slice(0, 7),
    })
    expect(click).toHaveBeenCalled()
    expect(screen.getByText('已导出')).toBeTruthy()
  })
})

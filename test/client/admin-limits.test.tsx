import { act, fireEvent, render, screen, within } from '@testing-library/react'
import type { CeremonyLimits, GiftLimit } from '../../types/ceremony'
import LimitsPage from '../../src/admin/pages/limits'
import { parseWholeNumber } from '../../src/admin/components/numbers'
import { call } from '../../src/services/api'
import { nativeControl } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// Signed in as the village admin.
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))

const mockedCall = call as jest.MockedFunction<typeof call>

const limits: CeremonyLimits = {
  giftLimits: [
    { ceremonyType: 'funeral', relationship: 'relative', maxAmount: 300, note: '' },
    { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 600, note: '至亲' },
    { ceremonyType: 'wedding', relationship: 'neighborFriend', maxAmount: 200, note: '' },
  ],
  banquetLimit: {
    maxTables: 20,
    maxCostPerTable: 350,
    maxCigarettePrice: 20,
    maxLiquorPrice: 50,
    maxCars: 6,
    maxBridePrice: 30000,
    note: '',
  },
  council: [],
}

/** The amount box of one gift limit row, found by its visible name as a villager would. */
function amountOf(name: string) {
  return nativeControl(() => screen.queryByText(name)?.closest('.limits-row'))
}

/** A banquet limit box, found by its visible label. */
function banquetInput(label: string) {
  return nativeControl(() => screen.queryByText(label)?.closest('.limits-banquet__field'))
}

function rowOf(name: string): HTMLElement {
  return screen.getByText(name).closest('.limits-row') as HTMLElement
}

function button(scope: HTMLElement, text: string): HTMLElement {
  return within(scope).getByText(text, { selector: '.nut-button-children' })
}

beforeEach(() => {
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    if (fn === 'ceremony' && action === 'limits') return limits
    if (fn === 'ceremony' && action === 'updateGiftLimit') return data as GiftLimit
    if (fn === 'ceremony' && action === 'updateBanquetLimit') return data
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
})

describe('parseWholeNumber', () => {
  it('tells empty, whole numbers and anything else apart', () => {
    expect(parseWholeNumber(' ')).toBeUndefined()
    expect(parseWholeNumber(' 300 ')).toBe(300)
    expect(parseWholeNumber('3.5')).toBeNaN()
  })
})

describe('修改礼金和酒席标准 page', () => {
  it('lists each gift limit in table order under a clear name', async () => {
    render(<LimitsPage />)
    await screen.findByText('婚嫁 · 亲属')
    const names = Array.from(document.querySelectorAll('.limits-row__name')).map(
      (node) => node.textContent,
    )
    expect(names).toEqual(['婚嫁 · 亲属', '婚嫁 · 邻里朋友', '丧葬 · 亲属'])
    expect((await amountOf('婚嫁 · 亲属')).value).toBe('600')
  })

  it('saves one changed gift limit with its own 保存', async () => {
    render(<LimitsPage />)
    const input = await amountOf('婚嫁 · 亲属')
    fireEvent.input(input, { target: { value: '800' } })
    await act(async () => {
      fireEvent.click(button(rowOf('婚嫁 · 亲属'), '保存'))
    })
    expect(mockedCall).toHaveBeenCalledWith('ceremony', 'updateGiftLimit', {
      ceremonyType: 'wedding',
      relationship: 'relative',
      maxAmount: 800,
      note: '至亲',
    })
    expect(within(rowOf('婚嫁 · 亲属')).getByText('已保存')).toBeTruthy()
    expect(within(rowOf('婚嫁 · 邻里朋友')).queryByText('已保存')).toBeNull()
  })

  it('does not save a row that was not changed, and says so', async () => {
    render(<LimitsPage />)
    await amountOf('婚嫁 · 邻里朋友')
    fireEvent.click(button(rowOf('婚嫁 · 邻里朋友'), '保存'))
    expect(within(rowOf('婚嫁 · 邻里朋友')).getByText('没有改动，不用保存')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('ceremony', 'updateGiftLimit', expect.anything())
  })

  it('checks the amount before saving and says what is wrong next to it', async () => {
    render(<LimitsPage />)
    fireEvent.input(await amountOf('丧葬 · 亲属'), {
      target: { value: '200000' },
    })
    fireEvent.click(button(rowOf('丧葬 · 亲属'), '保存'))
    expect(await within(rowOf('丧葬 · 亲属')).findByText('礼金上限不能大于 100000')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('ceremony', 'updateGiftLimit', expect.anything())
  })

  it('validates and saves the banquet limits together', async () => {
    render(<LimitsPage />)
    const tables = await banquetInput('酒席最多')
    fireEvent.input(tables, { target: { value: '0' } })
    const form = tables.closest('.limits-banquet') as HTMLElement
    fireEvent.click(button(form, '保存酒席标准'))
    expect(await within(form).findByText('酒席最多不能小于 1')).toBeTruthy()

    // typing the saved value back: nothing to save, and the old complaint goes away
    fireEvent.input(tables, { target: { value: '20' } })
    fireEvent.click(button(form, '保存酒席标准'))
    expect(within(form).getByText('没有改动，不用保存')).toBeTruthy()
    expect(within(form).queryByText('酒席最多不能小于 1')).toBeNull()

    fireEvent.input(tables, { target: { value: '15' } })
    await act(async () => {
      fireEvent.click(button(form, '保存酒席标准'))
    })
    expect(mockedCall).toHaveBeenCalledWith('ceremony', 'updateBanquetLimit', {
      ...limits.banquetLimit,
      maxTables: 15,
    })
    expect(within(form).getByText('已保存')).toBeTruthy()
  })
})

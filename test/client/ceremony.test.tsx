import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { BanquetLimit, CeremonyLimits, GiftAdvice } from '../../types/ceremony'
import CeremonyPage from '../../src/pages/ceremony'
import { banquetLines, giftCell, giftNotes } from '../../src/pages/ceremony/limits-text'
import { ceremonyTypes, type GiftLimit } from '../../types/ceremony'
import { call } from '../../src/services/api'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

const banquetLimit: BanquetLimit = {
  maxTables: 20,
  maxCostPerTable: 350,
  maxCigarettePrice: 20,
  maxLiquorPrice: 50,
  maxCars: 6,
  maxBridePrice: 30000,
  note: '提倡新事新办',
}

const limits: CeremonyLimits = {
  giftLimits: [
    { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 600, note: '至亲可酌情' },
    { ceremonyType: 'wedding', relationship: 'neighborFriend', maxAmount: 200, note: '' },
    { ceremonyType: 'funeral', relationship: 'relative', maxAmount: 300, note: '' },
  ],
  banquetLimit,
  council: [
    { post: 'chair', holderName: '王德明', phone: '13800001111' },
    { post: 'cashier', holderName: '李秀英', phone: null },
  ],
}

const advice: GiftAdvice = {
  giftLimit: limits.giftLimits[0],
  banquetLimit,
  articles: [{ id: 'a2', number: 2, text: '婚事新办，彩礼不超过三万元。', versionId: 'v2' }],
}

beforeEach(() => {
  mockedCall.mockReset()
  mockedCall.mockImplementation((async (fn: string, action: string) => {
    if (fn === 'ceremony' && action === 'limits') return limits
    if (fn === 'ceremony' && action === 'giftAdvice') return advice
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
})

describe('limits text', () => {
  it('writes a gift cell, with a dash where no limit is set', () => {
    expect(giftCell(limits.giftLimits, 'wedding', 'relative')).toBe('≤600元')
    expect(giftCell(limits.giftLimits, 'longevity', 'relative')).toBe('—')
  })

  it('writes each distinct note once, naming what it applies to', () => {
    expect(giftNotes(limits.giftLimits)).toEqual(['婚嫁 · 亲属：至亲可酌情'])
    const everyRelative: GiftLimit[] = ceremonyTypes.flatMap((ceremonyType) => [
      { ceremonyType, relationship: 'relative', maxAmount: 200, note: '直系亲属可商量' },
      { ceremonyType, relationship: 'neighborFriend', maxAmount: 100, note: '' },
    ])
    everyRelative[3] = { ...everyRelative[3], note: '心意为重' }
    expect(giftNotes(everyRelative)).toEqual(['亲属：直系亲属可商量', '丧葬 · 邻里朋友：心意为重'])
  })

  it('lists bride price and cars only for weddings', () => {
    expect(banquetLines(banquetLimit)).toEqual([
      '酒席不超过 20 桌',
      '每桌不超过 350 元',
      '香烟每包不超过 20 元',
      '酒每瓶不超过 50 元',
      '婚车不超过 6 辆',
      '彩礼不超过 30000 元',
    ])
    expect(banquetLines(banquetLimit, 'funeral')).not.toContain('彩礼不超过 30000 元')
    expect(banquetLines(banquetLimit, 'wedding')).toContain('婚车不超过 6 辆')
  })
})

describe('红白喜事 page', () => {
  it('shows the gift table, the banquet limits and the council with tap-to-call', async () => {
    const makePhoneCall = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'ok' })
    render(<CeremonyPage />)
    const table = await screen.findByRole('table')
    const weddingRow = within(table).getByText('婚嫁').parentElement as HTMLElement
    expect(within(weddingRow).getByText('≤600元')).toBeTruthy()
    expect(within(weddingRow).getByText('≤200元')).toBeTruthy()
    expect(within(table).getByText('亲属')).toBeTruthy()
    expect(within(table).getByText('邻里朋友')).toBeTruthy()
    expect(within(table).getByText('祝寿')).toBeTruthy()

    expect(screen.getByText('酒席不超过 20 桌')).toBeTruthy()
    expect(screen.getByText('彩礼不超过 30000 元')).toBeTruthy()
    expect(screen.getByText('提倡新事新办')).toBeTruthy()

    expect(screen.getByText('理事长')).toBeTruthy()
    expect(screen.getByText('王德明')).toBeTruthy()
    expect(screen.getByText('未留电话')).toBeTruthy()
    fireEvent.click(screen.getByText('打电话 13800001111'))
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001111' })
  })

  it('gives gift advice for the chosen ceremony and relationship, with the rules articles', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<CeremonyPage />)
    await screen.findByRole('table')
    const [ceremonyChoices, relationshipChoices] = screen.getAllByRole('radiogroup')
    fireEvent.click(within(ceremonyChoices).getByText('婚嫁'))
    expect(screen.queryByText(/礼金不超过/)).toBeNull()
    fireEvent.click(within(relationshipChoices).getByText('亲属'))

    expect(await screen.findByText('礼金不超过 600 元')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('ceremony', 'giftAdvice', {
      ceremonyType: 'wedding',
      relationship: 'relative',
    })
    expect(screen.getByText('至亲可酌情', { selector: '.ceremony-advice__note' })).toBeTruthy()
    expect(within(ceremonyChoices).getByText('婚嫁').getAttribute('aria-checked')).toBe('true')
    fireEvent.click(screen.getByText('第二条'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/rules-article/index?id=a2' })
  })
})

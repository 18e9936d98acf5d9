import type { BanquetLimit } from '../../types/ceremony'
import {
  defaultFilingDeadlines,
  filingDeadline,
  filingTimeProblem,
  limitKinds,
  limitMarks,
  type LimitArticles,
} from '../../types/ceremony-filing-rules'

const limits: BanquetLimit = {
  maxTables: 20,
  maxCostPerTable: 350,
  maxCigarettePrice: 20,
  maxLiquorPrice: 50,
  maxCars: 6,
  maxBridePrice: 20000,
  note: '',
}
const articles: LimitArticles = {
  tables: { id: 'a5', number: 5, text: '酒席不超过 20 桌，每桌标准不超过 350 元。' },
  bridePrice: { id: 'a6', number: 6, text: '彩礼不超过 20000 元；婚车不超过 6 辆。' },
}
const atLimits = {
  tables: 20,
  costPerTable: 350,
  cigarettePrice: 20,
  liquorPrice: 50,
  cars: 6,
  bridePrice: 20000,
}

describe('limit marks', () => {
  test('a figure equal to its limit keeps to it', () => {
    expect(limitMarks('wedding', atLimits, limits, articles)).toEqual([])
  })

  test.each(limitKinds)('%s one above its limit is marked with the limit', (kind) => {
    const figures = { ...atLimits, [kind]: atLimits[kind] + 1 }
    const marks = limitMarks('wedding', figures, limits, articles)
    expect(marks).toHaveLength(1)
    expect(marks[0]).toMatchObject({ kind, figure: atLimits[kind] + 1, limit: atLimits[kind] })
    expect(marks[0].message).toContain(`超过本村上限 ${atLimits[kind]}`)
  })

  test('a mark names the rules article behind the limit, or the banquet limits without one', () => {
    const [tables, liquor] = limitMarks(
      'funeral',
      { ...atLimits, bridePrice: null, tables: 25, liquorPrice: 80 },
      limits,
      articles,
    )
    expect(tables.article?.number).toBe(5)
    expect(tables.message).toBe('酒席桌数 25 桌，超过本村上限 20 桌（村规民约第 5 条）')
    expect(liquor.article).toBeNull()
    expect(liquor.message).toBe('酒每瓶 80 元，超过本村上限 50 元（本村酒席标准）')
  })

  test('the bride price counts for a wedding only; figures not typed yet are skipped', () => {
    expect(limitMarks('longevity', { bridePrice: 99999 }, limits, articles)).toEqual([])
    expect(limitMarks('wedding', { bridePrice: 99999 }, limits, articles)).toHaveLength(1)
    expect(limitMarks('wedding', { tables: undefined, bridePrice: null }, limits, {})).toEqual([])
  })

  test('marks come in the order of the limit kinds', () => {
    const over = { tables: 30, costPerTable: 500, cigarettePrice: 50, liquorPrice: 99, cars: 9 }
    const marks = limitMarks('wedding', { ...over, bridePrice: 50000 }, limits, {})
    expect(marks.map((mark) => mark.kind)).toEqual([...limitKinds])
  })
})

describe('filing deadlines, in village time', () => {
  const wedding = { ceremonyType: 'wedding' as const, ...defaultFilingDeadlines.wedding }
  const funeral = { ceremonyType: 'funeral' as const, ...defaultFilingDeadlines.funeral }

  test('a happy event is filed at least its notice days ahead, by the village calendar', () => {
    // 2026-12-01 with 3 days' notice: the last day to file is 11-28, until 24:00 Beijing time.
    expect(filingDeadline('2026-12-01', wedding)).toBe('2026-11-28T16:00:00.000Z')
    expect(filingTimeProblem('2026-12-01', wedding, new Date('2026-11-28T15:59:59Z'))).toBeNull()
    const late = filingTimeProblem('2026-12-01', wedding, new Date('2026-11-28T16:00:00Z'))
    expect(late).toBe('已过报备期限：婚嫁要提前 3 天报备，这次最晚是 2026年11月28日')
  })

  test('a funeral may be filed after the fact, until its window after the day ends', () => {
    // The funeral day 11-28 ends at 11-28T16:00Z; 24 hours later the window closes.
    expect(filingTimeProblem('2026-11-28', funeral, new Date('2026-11-29T15:59:00Z'))).toBeNull()
    expect(filingTimeProblem('2026-11-28', funeral, new Date('2026-11-29T16:00:00Z'))).toBe(
      '已过报备期限：丧葬可在办事当天过后 24 小时内补报，这次最晚是 2026年11月30日 00:00',
    )
    // And ahead of time, of course.
    expect(filingTimeProblem('2026-12-05', funeral, new Date('2026-11-28T00:00:00Z'))).toBeNull()
  })

  test('a date more than a year ahead is refused', () => {
    expect(filingTimeProblem('2028-01-01', wedding, new Date('2026-11-28T00:00:00Z'))).toMatch(
      /一年之内/,
    )
  })
})

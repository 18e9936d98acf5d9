import { limitArticlesFor, summarize, formatFilingNumber } from '../../cloud/domain/ceremony-filing'
import { checkedValues } from '../../cloud/store/migrations/0013-ceremony-filings'
import { ceremonyTypes } from '../../types/ceremony'
import { filingStatuses } from '../../types/ceremony-filing'
import type { RulesVersion } from '../../types/rules'

test('the CHECK lists of migration 0013 match the contract’s lists', () => {
  expect(checkedValues).toEqual({ ceremonyType: ceremonyTypes, filingStatus: filingStatuses })
})

test('each limit cites the first article of the current rules that speaks to it', () => {
  const article = (number: number, text: string) => ({ id: `a${number}`, number, text })
  const version = {
    chapters: [
      {
        articles: [
          article(4, '出殡不燃放大型烟花爆竹。'),
          article(5, '酒席不超过 20 桌，每桌标准不超过 350 元。'),
          article(6, '彩礼不超过 20000 元；婚车不超过 6 辆。'),
          article(7, '烟酒由红白理事会推荐平价品种。'),
        ],
      },
    ],
  } as unknown as RulesVersion
  const found = limitArticlesFor(version)
  expect(Object.fromEntries(Object.entries(found).map(([kind, a]) => [kind, a.number]))).toEqual({
    tables: 5,
    costPerTable: 5,
    cigarettePrice: 7,
    liquorPrice: 7,
    cars: 6,
    bridePrice: 6,
  })
  expect(limitArticlesFor(null)).toEqual({})
})

test('filing numbers read as the year and four digits', () => {
  expect(formatFilingNumber(2026, 7)).toBe('2026-0007')
  expect(formatFilingNumber(2026, 12345)).toBe('2026-12345')
})

test('the monthly summary counts per ceremony type, with averages, and every type listed', () => {
  const summary = summarize('2026-12', [
    { ceremonyType: 'wedding', tables: 20, costPerTable: 300, markCount: 0, limitsKept: true },
    { ceremonyType: 'wedding', tables: 25, costPerTable: 351, markCount: 2, limitsKept: false },
    { ceremonyType: 'funeral', tables: 9, costPerTable: 200, markCount: 0, limitsKept: null },
  ])
  expect(summary.rows.map((row) => row.ceremonyType)).toEqual([...ceremonyTypes])
  expect(summary.rows[0]).toEqual({
    ceremonyType: 'wedding',
    filings: 2,
    filedWithinLimits: 1,
    checked: 2,
    checkedKept: 1,
    averageTables: 22.5,
    averageCostPerTable: 326,
  })
  expect(summary.rows[2]).toMatchObject({ filings: 0, averageTables: null })
  expect(summary.total).toMatchObject({ filings: 3, filedWithinLimits: 2, averageTables: 18 })
})

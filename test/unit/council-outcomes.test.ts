import { answeredInTime, rankByPoints } from '../../cloud/domain/council-outcomes'
import { defaultPointRules } from '../../types/council-meetings'

describe('积分 ranking', () => {
  const tally = (name: string, attended: number, statements: number, topicsPassed: number) => ({
    name,
    attended,
    statements,
    topicsPassed,
    mine: false,
  })

  it('counts each deed by the village’s rules', () => {
    const [row] = rankByPoints([tally('王建国', 3, 4, 1)], {
      attending: 2,
      speaking: 1,
      topicPassed: 5,
    })
    expect(row).toMatchObject({ rank: 1, points: 3 * 2 + 4 * 1 + 1 * 5 })
  })

  it('ranks highest first; equal points share a rank and the next skips', () => {
    const ranked = rankByPoints(
      [tally('丙', 1, 0, 0), tally('甲', 2, 0, 0), tally('乙', 2, 0, 0), tally('丁', 0, 0, 0)],
      defaultPointRules,
    )
    expect(ranked.map((row) => [row.rank, row.points])).toEqual([
      [1, 4],
      [1, 4],
      [3, 2],
      [4, 0],
    ])
  })
})

describe('答复及时', () => {
  const filed = '2026-03-01T08:00:00.000Z'
  it('counts a first reply within seven days of filing, to the millisecond', () => {
    expect(answeredInTime(filed, '2026-03-08T08:00:00.000Z')).toBe(true)
    expect(answeredInTime(filed, '2026-03-08T08:00:00.001Z')).toBe(false)
    expect(answeredInTime(filed, null)).toBe(false)
  })
})

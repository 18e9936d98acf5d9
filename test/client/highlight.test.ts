import { containsKeyword, highlight } from '../../src/utils/highlight'

describe('highlight', () => {
  it('marks every occurrence of the keyword', () => {
    expect(highlight('彩礼不超过三万元，彩礼不攀比', '彩礼')).toEqual([
      { text: '彩礼', match: true },
      { text: '不超过三万元，', match: false },
      { text: '彩礼', match: true },
      { text: '不攀比', match: false },
    ])
  })

  it('keeps the text whole when the keyword is blank or absent', () => {
    expect(highlight('红白喜事从简', '  ')).toEqual([{ text: '红白喜事从简', match: false }])
    expect(highlight('红白喜事从简', '彩礼')).toEqual([{ text: '红白喜事从简', match: false }])
    expect(highlight('', '彩礼')).toEqual([])
  })

  it('trims the keyword and ignores the case of latin letters, keeping the original spelling', () => {
    expect(highlight('禁止使用 KTV 包厢', ' ktv ')).toEqual([
      { text: '禁止使用 ', match: false },
      { text: 'KTV', match: true },
      { text: ' 包厢', match: false },
    ])
  })

  it('handles adjacent and whole-text matches', () => {
    expect(highlight('礼礼', '礼')).toEqual([
      { text: '礼', match: true },
      { text: '礼', match: true },
    ])
    expect(highlight('酒席', '酒席')).toEqual([{ text: '酒席', match: true }])
  })

  it('joins back to the original text', () => {
    const text = 'Wedding 婚嫁 wedding'
    expect(
      highlight(text, 'WEDDING')
        .map((segment) => segment.text)
        .join(''),
    ).toBe(text)
  })
})

describe('containsKeyword', () => {
  it('agrees with highlight', () => {
    expect(containsKeyword('酒席不超过二十桌', '酒席')).toBe(true)
    expect(containsKeyword('酒席不超过二十桌', '彩礼')).toBe(false)
    expect(containsKeyword('酒席不超过二十桌', ' ')).toBe(false)
    expect(containsKeyword('Wedding', 'wed')).toBe(true)
  })
})

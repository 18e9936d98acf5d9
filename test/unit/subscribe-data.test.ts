import { fitSubscribeData, toTemplateData } from '../../cloud/wechat/subscribe-data'

describe('fitSubscribeData (WeChat refuses the whole send for one value over its limit)', () => {
  test('cuts each value to its key type’s limit', () => {
    const fitted = fitSubscribeData({
      thing1: '一二三四五六七八九十一二三四五六七八九十一二',
      phrase2: '已经受理完毕了',
      name3: '欧阳诸葛司马上官皇甫令狐',
      name4: 'Alexander Maximilian Smith',
      character_string5: 'A'.repeat(40),
      number6: '1'.repeat(40),
      phone_number7: '+86 138 0013 8000 000',
      car_number8: '川A123456789',
      letter9: 'b'.repeat(33),
      symbol10: '!!!!!!!',
    })
    expect(fitted).toEqual({
      thing1: '一二三四五六七八九十一二三四五六七八九…',
      phrase2: '已经受理完',
      name3: '欧阳诸葛司马上官皇甫',
      name4: 'Alexander Maximilian',
      character_string5: 'A'.repeat(32),
      number6: '1'.repeat(32),
      phone_number7: '+86 138 0013 8000',
      car_number8: '川A123456',
      letter9: 'b'.repeat(32),
      symbol10: '!!!!!',
    })
  })

  test('leaves values within their limits, and formats (time, date, amount), as they are', () => {
    const data = {
      thing1: '一二三四五六七八九十一二三四五六七八九十',
      phrase2: '已受理',
      time3: '2026年11月28日 15:01~2026年11月28日 16:30',
      date4: '2026年11月28日',
      amount5: '¥12345678.90',
    }
    expect(fitSubscribeData(data)).toEqual(data)
  })

  test('counts characters, not UTF-16 units: an emoji is never cut in half', () => {
    const fitted = fitSubscribeData({ thing1: '👍'.repeat(25) })
    expect(Array.from(fitted.thing1)).toHaveLength(20)
    expect(fitted.thing1).toBe('👍'.repeat(19) + '…')
  })

  test('toTemplateData wraps the fitted values as WeChat expects', () => {
    expect(toTemplateData({ thing1: ' 路灯 ', phrase2: '已经受理完毕' })).toEqual({
      thing1: { value: '路灯' },
      phrase2: { value: '已经受理完' },
    })
  })
})

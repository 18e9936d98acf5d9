import { giftLimitUpdateSchema } from '../../types/ceremony'
import { rulesPublishSchema } from '../../types/rules'
import { invitationCodeSchema } from '../../types/session'
import { validate } from '../../types/validation'

describe('validate (shared by forms and the API)', () => {
  test('names the field and says what is wrong in Chinese', () => {
    const missing = validate(giftLimitUpdateSchema, {
      ceremonyType: 'wedding',
      relationship: 'relative',
    })
    expect(missing).toEqual({ ok: false, error: { field: 'maxAmount', message: '没有填写' } })

    const wrongType = validate(
      giftLimitUpdateSchema,
      { ceremonyType: 'wedding', relationship: 'relative', maxAmount: '200' },
      { maxAmount: '礼金上限' },
    )
    expect(wrongType).toEqual({
      ok: false,
      error: { field: 'maxAmount', message: '礼金上限格式不对' },
    })

    const tooBig = validate(giftLimitUpdateSchema, {
      ceremonyType: 'wedding',
      relationship: 'relative',
      maxAmount: 100001,
    })
    expect(tooBig.ok || tooBig.error.message).toBe('不能大于 100000')
  })

  test('reports nested fields by their dotted path', () => {
    const result = validate(rulesPublishSchema, {
      basedOnVersionNo: 2,
      title: '新村规',
      adoptedOn: '2025-02-30',
      chapters: [{ title: '总则', articles: [{ text: '一' }] }],
    })
    expect(result).toEqual({ ok: false, error: { field: 'adoptedOn', message: '没有这个日期' } })

    const emptyArticle = validate(rulesPublishSchema, {
      basedOnVersionNo: 2,
      title: '新村规',
      adoptedOn: '2025-02-28',
      chapters: [{ title: '总则', articles: [{ text: '一' }, { text: '   ' }] }],
    })
    expect(emptyArticle).toEqual({
      ok: false,
      error: { field: 'chapters.0.articles.1.text', message: '不能为空' },
    })
  })

  test('trims text and fills defaults', () => {
    const result = validate(rulesPublishSchema, {
      basedOnVersionNo: 2,
      title: '  新村规 ',
      adoptedOn: '2024-02-29',
      chapters: [{ title: '总则', articles: [{ text: ' 一 ' }] }],
    })
    expect(result).toEqual({
      ok: true,
      data: {
        basedOnVersionNo: 2,
        title: '新村规',
        adoptedOn: '2024-02-29',
        preamble: '',
        chapters: [{ title: '总则', articles: [{ text: '一' }] }],
      },
    })
  })

  test('invitation codes are accepted as people type them', () => {
    expect(invitationCodeSchema.parse('abcd-2345')).toBe('ABCD2345')
    expect(invitationCodeSchema.parse(' ABCD 2345 ')).toBe('ABCD2345')
    expect(validate(invitationCodeSchema, 'ABC')).toEqual({
      ok: false,
      error: { field: '', message: '邀请码是 8 位字母或数字' },
    })
  })
})

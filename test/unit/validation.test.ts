import { z } from 'zod'
import { giftLimitUpdateSchema } from '../../types/ceremony'
import { idSchema, text, textLength } from '../../types/common'
import { rulesPublishSchema } from '../../types/rules'
import { invitationCodeSchema } from '../../types/session'
import { validate } from '../../types/validation'

describe('validate (shared by forms and the API)', () => {
  const gift = { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 200 }

  test.each([
    [
      'a missing field',
      { ceremonyType: 'wedding', relationship: 'relative' },
      'maxAmount',
      '礼金上限没有填写',
    ],
    ['text for a number', { ...gift, maxAmount: '200' }, 'maxAmount', '礼金上限要填数字'],
    ['a fraction for whole yuan', { ...gift, maxAmount: 1.5 }, 'maxAmount', '礼金上限要填整数'],
    ['a number too big', { ...gift, maxAmount: 100001 }, 'maxAmount', '礼金上限不能大于 100000'],
    ['a negative number', { ...gift, maxAmount: -5 }, 'maxAmount', '礼金上限不能小于 0'],
    ['too long a text', { ...gift, note: '长'.repeat(201) }, 'note', '说明不能超过 200 个字'],
    ['a number for text', { ...gift, note: 5 }, 'note', '说明要填文字'],
    [
      'a value not in the list',
      { ...gift, ceremonyType: 'party' },
      'ceremonyType',
      '事由不在可选范围内',
    ],
    [
      'nothing picked from the list',
      { ...gift, ceremonyType: undefined },
      'ceremonyType',
      '事由还没有选',
    ],
  ])('%s names the field in plain Chinese', (_, data, field, message) => {
    expect(validate(giftLimitUpdateSchema, data)).toEqual({ ok: false, error: { field, message } })
  })

  test("a form's own names win over the contract's", () => {
    expect(
      validate(giftLimitUpdateSchema, { ...gift, maxAmount: -1 }, { maxAmount: '这一格' }),
    ).toEqual({
      ok: false,
      error: { field: 'maxAmount', message: '这一格不能小于 0' },
    })
  })

  test('an unknown key is named, on the payload as a whole', () => {
    const strict = z.object({ note: z.string() }).strict()
    expect(validate(strict, { note: '', villageId: 'x' })).toEqual({
      ok: false,
      error: { field: '', message: '有多余的内容：villageId' },
    })
  })

  test("anything without a sentence of ours gets zod's own Chinese, never English", () => {
    const result = validate(z.object({ maxAmount: z.number().multipleOf(5) }), { maxAmount: 7 })
    expect(result.ok || result.error.message).toBe('礼金上限无效数字：必须是 5 的倍数')
  })

  test('reports nested fields by their dotted path', () => {
    const result = validate(rulesPublishSchema, {
      basedOnVersionNo: 2,
      title: '新村规',
      adoptedOn: '2025-02-30',
      chapters: [{ title: '总则', articles: [{ text: '一' }] }],
    })
    expect(result).toEqual({
      ok: false,
      error: { field: 'adoptedOn', message: '通过日期没有这个日期' },
    })

    const emptyArticle = validate(rulesPublishSchema, {
      basedOnVersionNo: 2,
      title: '新村规',
      adoptedOn: '2025-02-28',
      chapters: [{ title: '总则', articles: [{ text: '一' }, { text: '   ' }] }],
    })
    expect(emptyArticle).toEqual({
      ok: false,
      error: { field: 'chapters.0.articles.1.text', message: '条款内容不能为空' },
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

  describe('text(): the one definition of text input', () => {
    const line = text(5)
    const lines = text(5, 0, 'multi')

    test('counts characters, not UTF-16 units: an emoji or 𠀀 is one, é built of two is two', () => {
      expect(textLength('\u{1F600}\u{20000}张')).toBe(3)
      expect(textLength('e\u0301')).toBe(2)
      expect(line.parse('\u{1F600}'.repeat(5))).toBe('\u{1F600}'.repeat(5))
      expect(validate(line, '\u{1F600}'.repeat(6))).toEqual({
        ok: false,
        error: { field: '', message: '不能超过 5 个字' },
      })
    })

    test.each([
      ['NUL', 'a\u0000b', '不能包含看不见的控制字符'],
      ['a tab', 'a\tb', '不能包含看不见的控制字符'],
      ['DEL', 'a\u007f', '不能包含看不见的控制字符'],
      ['a C1 control', '\u0085a', '不能包含看不见的控制字符'],
      ['a bidi override', 'a\u202eb', '不能包含看不见的控制字符'],
      ['a byte-order mark, even at an edge', '\ufeffab', '不能包含看不见的控制字符'],
      ['a lone high surrogate', 'x\ud800y', '有残缺的字符，请删掉后重新输入'],
      ['a lone high surrogate at the end', 'x\udbff', '有残缺的字符，请删掉后重新输入'],
      ['a lone low surrogate', '\udc00x', '有残缺的字符，请删掉后重新输入'],
      ['two low surrogates', '\ud83d\ude00\ude00', '有残缺的字符，请删掉后重新输入'],
      ['a newline in one line', 'a\nb', '不能换行'],
      ['a line separator in one line', 'a\u2028b', '不能换行'],
    ])('refuses %s', (_, value, message) => {
      expect(validate(line, value)).toEqual({ ok: false, error: { field: '', message } })
    })

    test('multi-line text keeps newlines as \\n from any device, and refuses the rest', () => {
      expect(lines.parse(' a\r\nb\rc ')).toBe('a\nb\nc')
      expect(validate(lines, 'a\u0000')).toEqual({
        ok: false,
        error: { field: '', message: '不能包含看不见的控制字符' },
      })
    })

    test('keeps what people write: ZWJ emoji, combining marks, full-width spaces inside', () => {
      const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'
      expect(text(20).parse(`　${family}e\u0301　张 三　`)).toBe(`${family}e\u0301　张 三`)
    })

    test('ids are plain letters, digits, - and _', () => {
      expect(idSchema.parse('village-shilong')).toBe('village-shilong')
      expect(validate(idSchema, 'a b').ok).toBe(false)
      expect(validate(idSchema, '村').ok).toBe(false)
    })
  })
})

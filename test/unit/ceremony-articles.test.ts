import { articlesFor } from '../../cloud/domain/ceremony-store'
import type { RulesVersion } from '../../types/rules'

const version: RulesVersion = {
  id: 'v1',
  versionNo: 1,
  title: '村规民约',
  adoptedOn: '2024-01-01',
  publishedAt: '2024-01-02T00:00:00.000Z',
  current: true,
  preamble: '',
  chapters: [
    {
      id: 'c1',
      number: 1,
      title: '村风民俗',
      articles: [
        { id: 'a1', number: 1, text: '红白喜事由红白理事会指导办理。' },
        { id: 'a2', number: 2, text: '婚事新办，彩礼不超过 20000 元。' },
        { id: 'a3', number: 3, text: '丧事简办，文明祭祀。' },
        { id: 'a4', number: 4, text: '垃圾分类投放。' },
      ],
    },
  ],
}

describe('articlesFor (the rules that apply to one ceremony)', () => {
  test('takes the general ceremony articles and those about this ceremony only', () => {
    expect(articlesFor(version, 'wedding').map((article) => article.id)).toEqual(['a1', 'a2'])
    expect(articlesFor(version, 'funeral').map((article) => article.id)).toEqual(['a1', 'a3'])
    expect(articlesFor(version, 'longevity').map((article) => article.id)).toEqual(['a1'])
  })

  test('each article carries its version, so the helper can link to it', () => {
    expect(articlesFor(version, 'wedding')[0]).toMatchObject({ versionId: 'v1', number: 1 })
  })

  test('no rules yet: nothing applies', () => {
    expect(articlesFor(null, 'wedding')).toEqual([])
  })
})

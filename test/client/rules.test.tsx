import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RulesArticleDetail, RulesVersion, RulesVersionSummary } from '../../types/rules'
import {
  articleLabel,
  chapterLabel,
  chineseNumeral,
} from '../../src/components/rules-article-text/numbering'
import RulesPage from '../../src/pages/rules'
import RulesArticlePage from '../../src/pages/rules-article'
import { searchRules } from '../../src/pages/rules/search'
import { ApiCallError, call } from '../../src/services/api'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const router = { params: {} as Record<string, string> }
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return {
    ...actual,
    __esModule: true,
    useRouter: () => router,
    useDidShow: () => undefined,
    useShareAppMessage: () => undefined,
  }
})

const mockedCall = call as jest.MockedFunction<typeof call>

const current: RulesVersion = {
  id: 'v2',
  versionNo: 2,
  title: '石龙村村规民约',
  adoptedOn: '2024-03-15',
  publishedAt: '2024-03-16T02:00:00.000Z',
  current: true,
  preamble: '为了建设文明乡风，经村民大会讨论通过。',
  chapters: [
    {
      id: 'c1',
      number: 1,
      title: '总则',
      articles: [
        { id: 'a1', number: 1, text: '村民应当遵守法律法规。' },
        { id: 'a2', number: 2, text: '婚事新办，彩礼不超过三万元，不比排场。' },
      ],
    },
    {
      id: 'c2',
      number: 2,
      title: '红白喜事',
      articles: [
        { id: 'a3', number: 3, text: '丧事简办，酒席不超过二十桌；彩礼问题由理事会调解。' },
      ],
    },
  ],
}

const old: RulesVersion = {
  ...current,
  id: 'v1',
  versionNo: 1,
  adoptedOn: '2019-05-01',
  current: false,
  chapters: [
    {
      id: 'o1',
      number: 1,
      title: '总则',
      articles: [{ id: 'oa1', number: 1, text: '旧版的第一条。' }],
    },
  ],
}

const summaries: RulesVersionSummary[] = [current, old].map(
  ({ id, versionNo, title, adoptedOn, publishedAt, current: isCurrent }) => ({
    id,
    versionNo,
    title,
    adoptedOn,
    publishedAt,
    current: isCurrent,
  }),
)

function answer(routes: Record<string, (data: unknown) => unknown>) {
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    const route = routes[`${fn}.${action}`]
    if (!route) throw new Error(`unexpected call ${fn}.${action}`)
    return route(data)
  }) as typeof call)
}

/** NutUI's SearchBar wraps Taro's input. */
const typeInSearch = (value: string) => typeInto('.rules__search', value)

beforeEach(() => {
  mockedCall.mockReset()
  router.params = {}
})

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [23, '二十三'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [1005, '一千零五'],
    [1010, '一千零一十'],
    [2300, '二千三百'],
  ])('%i is %s', (value, expected) => {
    expect(chineseNumeral(value)).toBe(expected)
  })

  it('labels articles and chapters', () => {
    expect(articleLabel(12)).toBe('第十二条')
    expect(chapterLabel(3)).toBe('第三章')
  })
})

describe('searchRules', () => {
  it('keeps only matching articles, grouped by chapter, and counts them', () => {
    const result = searchRules(current.chapters, '彩礼')
    expect(result.count).toBe(2)
    expect(result.chapters.map((chapter) => chapter.articles.map((a) => a.id))).toEqual([
      ['a2'],
      ['a3'],
    ])
    expect(searchRules(current.chapters, '赌博')).toEqual({ chapters: [], count: 0 })
  })
})

describe('村规 page', () => {
  it('shows the current version with its date, chapters and articles numbered through', async () => {
    answer({ 'rules.current': () => current })
    render(<RulesPage />)
    expect(await screen.findByText('石龙村村规民约')).toBeTruthy()
    expect(screen.getByText(/2024年3月15日通过/)).toBeTruthy()
    expect(screen.getByText(current.preamble)).toBeTruthy()
    expect(screen.getByText('第一章 总则')).toBeTruthy()
    expect(screen.getByText('第二章 红白喜事')).toBeTruthy()
    expect(screen.getByText('第三条')).toBeTruthy()
  })

  it('filters to the matching articles and marks every match', async () => {
    answer({ 'rules.current': () => current })
    const { container } = render(<RulesPage />)
    await screen.findByText('石龙村村规民约')
    await typeInSearch('彩礼')
    expect(await screen.findByText('找到 2 条')).toBeTruthy()
    expect(screen.queryByText('第一条')).toBeNull()
    const marks = Array.from(container.querySelectorAll('.vh-mark')).map((m) => m.textContent)
    expect(marks).toEqual(['彩礼', '彩礼'])
  })

  it('says so when nothing matches, and the clear button brings the full text back', async () => {
    answer({ 'rules.current': () => current })
    render(<RulesPage />)
    await screen.findByText('石龙村村规民约')
    await typeInSearch('赌博')
    expect(await screen.findByText('没有找到包含“赌博”的条款')).toBeTruthy()
    fireEvent.click(screen.getByText('清除搜索，看全部条款'))
    expect(await screen.findByText('第一条')).toBeTruthy()
    expect(screen.queryByText(/没有找到/)).toBeNull()
  })

  it('opens an article on its own page', async () => {
    answer({ 'rules.current': () => current })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<RulesPage />)
    fireEvent.click(await screen.findByText('第二条'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/rules-article/index?id=a2' })
  })

  it('lists past versions, shows an old one with a banner, and goes back to the current one', async () => {
    answer({
      'rules.current': () => current,
      'rules.versions': () => summaries,
      'rules.version': (data) => {
        expect(data).toEqual({ versionId: 'v1' })
        return old
      },
    })
    render(<RulesPage />)
    fireEvent.click(await screen.findByText('历史版本'))
    fireEvent.click(await screen.findByText('第1版 · 石龙村村规民约'))
    const banner = await screen.findByText('这是旧版本（2019年5月1日通过），现行版本请点这里')
    expect(screen.getByText('旧版的第一条。')).toBeTruthy()
    fireEvent.click(banner)
    expect(await screen.findByText('第三条')).toBeTruthy()
    expect(screen.queryByText(/这是旧版本/)).toBeNull()
  })

  it('opens the version given by ?versionId=', async () => {
    router.params = { versionId: 'v1' }
    answer({ 'rules.version': () => old })
    render(<RulesPage />)
    expect(await screen.findByText(/这是旧版本/)).toBeTruthy()
  })

  it('has an empty state before any version is published', async () => {
    answer({ 'rules.current': () => null })
    render(<RulesPage />)
    expect(await screen.findByText('村里还没有发布村规民约')).toBeTruthy()
  })

  it('shows a load error with 重试', async () => {
    let fail = true
    answer({
      'rules.current': () => {
        if (fail) throw new ApiCallError('NETWORK', '网络不太好，请检查网络后再试')
        return current
      },
    })
    render(<RulesPage />)
    expect(await screen.findByText('网络不太好，请检查网络后再试')).toBeTruthy()
    fail = false
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(await screen.findByText('石龙村村规民约')).toBeTruthy()
  })
})

describe('条款 page', () => {
  const detail: RulesArticleDetail = {
    article: current.chapters[0].articles[1],
    chapter: { id: 'c1', number: 1, title: '总则' },
    version: summaries[1],
  }

  it('shows the article, its chapter and version, with a note when the version is old', async () => {
    router.params = { id: 'a2' }
    answer({
      'rules.article': (data) => {
        expect(data).toEqual({ articleId: 'a2' })
        return detail
      },
    })
    render(<RulesArticlePage />)
    expect(await screen.findByText('第二条')).toBeTruthy()
    expect(screen.getByText('第一章 总则')).toBeTruthy()
    expect(screen.getByText(detail.article.text)).toBeTruthy()
    expect(screen.getByText('出自《石龙村村规民约》第1版，2019年5月1日通过')).toBeTruthy()
    expect(screen.getByText(/这是旧版本里的条款/)).toBeTruthy()
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' })
    fireEvent.click(screen.getByText('查看全文'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/rules/index' })
  })

  it('sends an address without an article id to the rules list', async () => {
    router.params = {}
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' })
    render(<RulesArticlePage />)
    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/rules/index' }))
    expect(screen.queryByText('找不到这一条村规')).toBeNull()
  })

  it('explains a missing article and offers the full rules', async () => {
    router.params = { id: 'gone' }
    answer({
      'rules.article': () => {
        throw new ApiCallError('NOT_FOUND', '没有找到这一条')
      },
    })
    render(<RulesArticlePage />)
    expect(await screen.findByText('找不到这一条村规')).toBeTruthy()
    expect(screen.getByText('没有找到这一条')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('看现行村规全文')).toBeTruthy())
  })
})

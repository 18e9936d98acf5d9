import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RulesVersion } from '../../types/rules'
import RulesPublishPage from '../../src/admin/pages/rules-publish'
import {
  draftFromVersion,
  draftLabels,
  toPublishInput,
} from '../../src/admin/pages/rules-publish/draft'
import { ApiCallError, call } from '../../src/services/api'
import { fieldDomId } from '../../src/components/field-message'
import { nativeControl, typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// Signed in as the village admin.
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))

const mockedCall = call as jest.MockedFunction<typeof call>

const current: RulesVersion = {
  id: 'v2',
  versionNo: 2,
  title: '石龙村村规民约',
  adoptedOn: '2024-03-15',
  publishedAt: '2024-03-16T02:00:00.000Z',
  current: true,
  preamble: '序言',
  chapters: [
    {
      id: 'c1',
      number: 1,
      title: '总则',
      articles: [
        { id: 'a1', number: 1, text: '第一条的内容。' },
        { id: 'a2', number: 2, text: '第二条的内容。' },
      ],
    },
    {
      id: 'c2',
      number: 2,
      title: '红白喜事',
      articles: [{ id: 'a3', number: 3, text: '第三条的内容。' }],
    },
  ],
}

/** The box of a form field, found by the payload path the form gives its wrapper. */
const fieldControl = (field: string) => nativeControl(`#${fieldDomId(field)}`)
const typeIntoField = (field: string, value: string) => typeInto(`#${fieldDomId(field)}`, value)

function answer(publish: (data: unknown) => unknown) {
  mockedCall.mockImplementation((async (fn: string, action: string, data?: unknown) => {
    if (fn === 'rules' && action === 'current') return current
    if (fn === 'rules' && action === 'publish') return publish(data)
    throw new Error(`unexpected call ${fn}.${action}`)
  }) as typeof call)
}

beforeEach(() => {
  mockedCall.mockReset()
})

describe('rules draft', () => {
  it('copies the current version with a new adoption date, and turns back into the input', () => {
    const draft = draftFromVersion(current, '2025-01-02')
    expect(toPublishInput(draft)).toEqual({
      basedOnVersionNo: 2,
      title: '石龙村村规民约',
      adoptedOn: '2025-01-02',
      preamble: '序言',
      chapters: [
        { title: '总则', articles: [{ text: '第一条的内容。' }, { text: '第二条的内容。' }] },
        { title: '红白喜事', articles: [{ text: '第三条的内容。' }] },
      ],
    })
  })

  it('starts blank with one chapter and one article when there is no version yet', () => {
    const draft = draftFromVersion(null, '2025-01-02')
    expect(toPublishInput(draft).chapters).toEqual([{ title: '', articles: [{ text: '' }] }])
  })

  it('names every field by its chapter and its article number through the whole draft', () => {
    const labels = draftLabels(draftFromVersion(current, '2025-01-02'))
    expect(labels['chapters.1.title']).toBe('第二章的标题')
    expect(labels['chapters.1.articles.0.text']).toBe('第三条')
  })
})

describe('发布新版村规 page', () => {
  it('prefills a copy of the current version', async () => {
    answer(() => undefined)
    render(<RulesPublishPage />)
    expect((await fieldControl('title')).value).toBe('石龙村村规民约')
    expect((await fieldControl('chapters.1.articles.0.text')).value).toBe('第三条的内容。')
    expect(screen.getByText('第三条')).toBeTruthy()
  })

  it('shows a validation error next to the article at fault and does not publish', async () => {
    answer(() => {
      throw new Error('must not publish')
    })
    render(<RulesPublishPage />)
    await typeIntoField('chapters.0.articles.1.text', '   ')
    fireEvent.click(screen.getByText('发布新版村规', { selector: '.nut-button-children' }))
    const message = await screen.findByText('第二条不能为空')
    expect(message.closest('#field-chapters-0-articles-1-text')).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('rules', 'publish', expect.anything())
  })

  it('adds an article, confirms, publishes and says so', async () => {
    let published: unknown
    answer((data) => {
      published = data
      return { ...current, id: 'v3', versionNo: 3 }
    })
    const showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' })
    render(<RulesPublishPage />)
    await fieldControl('title')
    fireEvent.click(screen.getByText('在第二章末尾加一条', { selector: '.nut-button-children' }))
    await typeIntoField('chapters.1.articles.1.text', '新加的第四条。')
    fireEvent.click(screen.getByText('发布新版村规', { selector: '.nut-button-children' }))
    expect(await screen.findByText('发布后将成为现行版本，旧版本仍可查阅')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('确定发布'))
    })
    await waitFor(() => expect(showToast).toHaveBeenCalled())
    expect(published).toMatchObject({
      title: '石龙村村规民约',
      chapters: [
        { title: '总则' },
        { title: '红白喜事', articles: [{ text: '第三条的内容。' }, { text: '新加的第四条。' }] },
      ],
    })
  })

  it('shows a server field error at that field', async () => {
    answer(() => {
      throw new ApiCallError('INVALID_ARGUMENT', '第一章的标题不能超过 60 个字', 'chapters.0.title')
    })
    render(<RulesPublishPage />)
    await fieldControl('title')
    fireEvent.click(screen.getByText('发布新版村规', { selector: '.nut-button-children' }))
    await act(async () => {
      fireEvent.click(await screen.findByText('确定发布'))
    })
    const message = await screen.findByText('第一章的标题不能超过 60 个字')
    expect(message.closest('#field-chapters-0-title')).toBeTruthy()
  })

  it('explains a missing admin role with a way back instead of a retry', async () => {
    mockedCall.mockRejectedValue(new ApiCallError('PERMISSION_DENIED', '只有管理员可以这样做'))
    render(<RulesPublishPage />)
    expect(await screen.findByText('只有管理员可以这样做')).toBeTruthy()
    expect(screen.getByText('返回首页')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })
})

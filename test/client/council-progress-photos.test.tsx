import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Resolution } from '../../types/council-meetings'
import type { BoardItem } from '../../types/council-outcomes'
import type { Photo } from '../../types/photos'
import ResolutionsPage from '../../src/council/pages/resolutions'
import BoardPage from '../../src/suggest/pages/board'
import MySuggestionsPage from '../../src/suggest/pages/mine'
import { call } from '../../src/services/api'
import { choosePhotos, uploadPhoto } from '../../src/services/photo-upload'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))
jest.mock('../../src/services/photo-upload', () => ({
  choosePhotos: jest.fn(),
  uploadPhoto: jest.fn(),
  photoSrc: (photo: { url: string | null }) => photo.url,
}))
jest.mock('../../src/services/me', () => ({
  useMe: () => ({
    me: {
      user: { id: 'u1', displayName: '李明' },
      village: { id: 'v1', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
      roles: ['villager', 'villageCommittee'],
      membership: 'approved',
      demo: true,
    },
    loading: false,
    error: null,
    refresh: jest.fn(),
  }),
}))

const mockedCall = call as jest.MockedFunction<typeof call>
const at = '2026-12-10T02:00:00.000Z'
const photo = (id: string): Photo => ({
  id,
  check: 'pass',
  checkNote: null,
  url: `/api/photos/${id}?expires=1&sig=s`,
  mime: 'image/jpeg',
  size: 300_000,
  createdAt: at,
})

const resolution: Resolution = {
  id: 'r1',
  topicId: 't1',
  topicTitle: '村口水渠',
  meetingId: 'm1',
  decision: '修好村口水渠',
  executor: '村两委',
  dueOn: '2026-12-20',
  status: 'inProgress',
  overdue: false,
  progress: [],
  closeOut: null,
  createdAt: '2026-12-05T12:00:00.000Z',
}

beforeEach(() => mockedCall.mockReset())

it('决议办理: 村两委 attach a photo to a report, and the report shows it', async () => {
  ;(choosePhotos as jest.Mock).mockResolvedValue([{ path: 'blob:ditch', size: 1000 }])
  ;(uploadPhoto as jest.Mock).mockResolvedValue(photo('p1'))
  mockedCall.mockImplementation((async (_fn: string, action: string) => {
    if (action === 'resolutions') return [resolution]
    if (action === 'reportProgress') {
      return {
        ...resolution,
        progress: [
          { text: '挖好一半', finished: false, byName: '李明', at, photos: [photo('p1')] },
        ],
      }
    }
    throw new Error(action)
  }) as typeof call)
  render(<ResolutionsPage />)
  expect(await screen.findByText(/最多 3 张/)).toBeTruthy()
  fireEvent.click(screen.getByText('＋ 添加照片'))
  await waitFor(() => expect(screen.getByText(/已选 1 张/)).toBeTruthy())
  await typeInto(
    () =>
      screen.getByText('报告进展', { selector: '.suggest-field__label' }).closest('.suggest-field'),
    '挖好一半',
  )
  fireEvent.click(screen.getByText('还在办'))
  fireEvent.click(screen.getByText('提交进展'))
  expect(await screen.findByText(/李明：挖好一半/)).toBeTruthy()
  expect(mockedCall).toHaveBeenCalledWith('council', 'reportProgress', {
    resolutionId: 'r1',
    text: '挖好一半',
    finished: false,
    photoIds: ['p1'],
  })
  // The report's photo is on the list, and the form is empty for the next report.
  expect(screen.getByLabelText('第 1 张照片').getAttribute('src')).toBe(photo('p1').url)
  expect(screen.getByText(/已选 0 张/)).toBeTruthy()
})

it('议事公开栏: the latest progress shows its photos', async () => {
  const item: BoardItem = {
    topicId: 't1',
    title: '村口水渠',
    status: 'passed',
    suggestionCount: 1,
    shownNames: [],
    notDeliberatedReason: null,
    resolution: {
      decision: '修好村口水渠',
      executor: '村两委',
      dueOn: '2026-12-20',
      status: 'inProgress',
      overdue: false,
      progress: [
        {
          text: '挖好一半',
          finished: false,
          byName: '李明',
          at,
          photos: [photo('p1'), photo('p2')],
        },
      ],
      closeOut: null,
    },
    createdAt: at,
    updatedAt: at,
  }
  mockedCall.mockImplementation((async (_fn: string, action: string) => {
    if (action === 'board') return [item]
    if (action === 'figures') {
      return {
        year: 2026,
        received: 1,
        answeredWithin7Days: 1,
        resolved: 1,
        closedOut: 0,
        ratings: { satisfied: 0, mostlySatisfied: 0, dissatisfied: 0 },
        averageRating: null,
      }
    }
    throw new Error(action)
  }) as typeof call)
  render(<BoardPage />)
  expect(await screen.findByText(/最新进展.*挖好一半/)).toBeTruthy()
  expect(screen.getByLabelText('第 2 张照片').getAttribute('src')).toBe(photo('p2').url)
})

it('我的建议: a progress step shows the report’s photos', async () => {
  mockedCall.mockResolvedValue([
    {
      id: 's1',
      title: '村口水渠堵了',
      body: '一下雨就漫到路上。',
      category: 'other',
      showName: true,
      status: 'inTopic',
      contentCheck: 'passed',
      filedByName: '张秀英（3号）',
      filedAt: at,
      topicId: 't1',
      rating: null,
      steps: [
        { kind: 'filed', text: '建议已提交', at, article: null, photos: [] },
        {
          kind: 'progress',
          text: '办理进展：挖好一半',
          at,
          article: null,
          photos: [photo('p1')],
        },
      ],
      photos: [],
    },
  ] as never)
  render(<MySuggestionsPage />)
  expect(await screen.findByText('办理进展：挖好一半')).toBeTruthy()
  expect(screen.getByLabelText('第 1 张照片').getAttribute('src')).toBe(photo('p1').url)
})

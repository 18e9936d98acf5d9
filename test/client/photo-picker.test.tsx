import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import imageCompression from 'browser-image-compression'
import type { Photo } from '../../types/photos'
import PhotoPicker from '../../src/components/photo-picker'
import { setToken } from '../../src/services/session-store'

jest.mock('browser-image-compression', () => ({ __esModule: true, default: jest.fn() }))

const compress = imageCompression as jest.MockedFunction<typeof imageCompression>

const photo = (id: string, changes: Partial<Photo> = {}): Photo => ({
  id,
  check: 'pass',
  checkNote: null,
  url: `/api/photos/${id}?expires=1&sig=s`,
  mime: 'image/jpeg',
  size: 300_000,
  createdAt: '2026-11-28T08:00:00.000Z',
  ...changes,
})

/** A form holding the picker's photos, as a page would in its draft. */
function Form({ initial = [] as Photo[] }) {
  const [photos, setPhotos] = useState(initial)
  return (
    <>
      <PhotoPicker value={photos} onChange={setPhotos} />
      <div data-testid="ids">{photos.map((item) => item.id).join(',')}</div>
    </>
  )
}

let fetchMock: jest.Mock
let chooseImage: jest.SpyInstance

function picks(...names: string[]) {
  chooseImage.mockResolvedValueOnce({
    tempFilePaths: names.map((name) => `blob:${name}`),
    tempFiles: names.map((name) => ({
      path: `blob:${name}`,
      size: 4_000_000,
      originalFileObj: new File([new Uint8Array(4000)], name, { type: 'image/jpeg' }),
    })),
  } as never)
}

const answers = (...bodies: unknown[]) => {
  for (const body of bodies) fetchMock.mockResolvedValueOnce({ json: async () => body })
}

beforeEach(() => {
  setToken('token-1')
  fetchMock = jest.fn()
  globalThis.fetch = fetchMock as never
  chooseImage = jest.spyOn(Taro, 'chooseImage')
  compress.mockReset()
  compress.mockImplementation(
    async () => new File([new Uint8Array(500)], 'small.jpg', { type: 'image/jpeg' }),
  )
})

afterEach(() => chooseImage.mockRestore())

test('chosen photos are compressed, uploaded with the session, and shown as thumbnails', async () => {
  render(<Form />)
  picks('a.jpg', 'b.jpg')
  answers({ ok: true, data: photo('p1') }, { ok: true, data: photo('p2') })
  await act(async () => {
    fireEvent.click(screen.getByText('＋ 添加照片'))
  })
  await waitFor(() => expect(screen.getByTestId('ids').textContent).toBe('p1,p2'))

  // Only as many as there is room for.
  expect(chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 3 }))
  expect(compress).toHaveBeenCalledTimes(2)
  expect(compress.mock.calls[0][1]).toMatchObject({ maxWidthOrHeight: 1280, useWebWorker: false })
  const [url, init] = fetchMock.mock.calls[0]
  expect(url).toBe('/api/upload')
  expect(init.headers).toEqual({ Authorization: 'Bearer token-1' })
  const form = init.body as FormData
  expect((form.get('photo') as Blob).size).toBe(500)
  expect(form.get('requestId')).toMatch(/^[A-Za-z0-9-]+$/)

  const thumbs = screen.getAllByLabelText(/^第 \d 张照片$/)
  expect(thumbs.map((thumb) => thumb.getAttribute('src'))).toEqual([
    '/api/photos/p1?expires=1&sig=s',
    '/api/photos/p2?expires=1&sig=s',
  ])
  expect(screen.getByText('照片（选填，最多 3 张），已选 2 张')).toBeTruthy()
})

test('删除 takes a photo out; with 3 photos there is no way to add a fourth', async () => {
  render(<Form initial={[photo('p1'), photo('p2'), photo('p3')]} />)
  expect(screen.queryByText('＋ 添加照片')).toBeNull()
  fireEvent.click(screen.getByLabelText('删除第 2 张照片'))
  expect(screen.getByTestId('ids').textContent).toBe('p1,p3')
  expect(screen.getByText('＋ 添加照片')).toBeTruthy()
})

test('a refused upload says why in words; closing the album says nothing', async () => {
  render(<Form />)
  picks('scan.jpg')
  answers({
    ok: false,
    error: { code: 'INVALID_ARGUMENT', message: '只能上传 JPG 或 PNG 照片', field: 'photo' },
  })
  await act(async () => {
    fireEvent.click(screen.getByText('＋ 添加照片'))
  })
  await waitFor(() =>
    expect(screen.getByRole('alert').textContent).toBe('只能上传 JPG 或 PNG 照片'),
  )
  expect(screen.getByTestId('ids').textContent).toBe('')

  chooseImage.mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' })
  await act(async () => {
    fireEvent.click(screen.getByText('＋ 添加照片'))
  })
  expect(screen.queryByRole('alert')).toBeNull()
})

test('a photo the check refused shows its reason to its owner, and no image', () => {
  const refused = photo('p9', {
    check: 'risky',
    url: null,
    checkNote: '这张照片没有通过内容安全检查，别人看不到它；请换一张照片',
  })
  render(<Form initial={[refused]} />)
  expect(screen.getByText(refused.checkNote ?? '')).toBeTruthy()
  expect(screen.queryByLabelText('第 1 张照片')).toBeNull()
  expect(screen.getByLabelText('删除第 1 张照片')).toBeTruthy()
})

describe('in the mini-program (HTTP transport)', () => {
  const taro = Taro as unknown as Record<string, unknown>
  const saved: Record<string, unknown> = {}
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    for (const name of ['compressImage', 'getFileSystemManager', 'uploadFile']) {
      saved[name] = taro[name]
    }
  })
  afterEach(() => {
    process.env.TARO_ENV = 'h5'
    Object.assign(taro, saved)
  })

  test('compressImage makes it small, then Taro.uploadFile sends it to /api/upload', async () => {
    const compressImage = jest.fn(async () => ({ tempFilePath: 'wxfile://small.jpg' }))
    const getFileInfo = jest.fn(({ success }: { success: (info: { size: number }) => void }) =>
      success({ size: 420_000 }),
    )
    const uploadFile = jest.fn(async () => ({
      statusCode: 200,
      data: JSON.stringify({ ok: true, data: photo('p7', { url: null }) }),
    }))
    Object.assign(taro, {
      compressImage,
      uploadFile,
      getFileSystemManager: () => ({ getFileInfo }),
    })
    const { uploadPhoto } = await import('../../src/services/photo-upload')

    const uploaded = await uploadPhoto({ path: 'wxfile://big.jpg' })
    expect(uploaded.id).toBe('p7')
    expect(compressImage).toHaveBeenCalledWith({
      src: 'wxfile://big.jpg',
      quality: 70,
      compressedWidth: 1280,
    })
    expect(uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/upload',
        filePath: 'wxfile://small.jpg',
        name: 'photo',
        header: { Authorization: 'Bearer token-1' },
        formData: { requestId: expect.any(String) },
      }),
    )
    expect(compress).not.toHaveBeenCalled()
  })
})

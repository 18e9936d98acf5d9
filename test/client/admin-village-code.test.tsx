import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { VillageQrCode } from '../../types/admin'
import AdminHomePage from '../../src/admin/pages/index'
import VillageCodePage from '../../src/admin/pages/village-code'
import { ApiCallError, call } from '../../src/services/api'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// Signed in as the village admin.
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))

const mockedCall = call as jest.MockedFunction<typeof call>
const TaroApi = Taro as unknown as Record<string, unknown>

const gatewayPoster: VillageQrCode = {
  villageName: '石龙村',
  townName: '仙鹤镇',
  code: 'XH5T6K',
  kind: 'qrCode',
  link: 'https://cun.example.cn/#/pages/home/index?v=XH5T6K',
  image: { mime: 'image/png', base64: 'iVBORw0KGgo=' },
}
const cloudPoster: VillageQrCode = {
  ...gatewayPoster,
  kind: 'miniProgramCode',
  link: null,
  image: { mime: 'image/jpeg', base64: '/9j/4AAQ' },
}

const button = (text: string) => screen.getByText(text, { selector: '.nut-button-children' })

beforeEach(() => {
  mockedCall.mockReset()
})
afterEach(() => jest.restoreAllMocks())

it('the admin menu opens the page', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
  render(<AdminHomePage />)
  fireEvent.click(await screen.findByText('村里的二维码'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/admin/pages/village-code/index' })
})

describe('on H5 (the gateway)', () => {
  it('shows a loading state, then the poster: village, town, code and what to do with it', async () => {
    let answer: (poster: VillageQrCode) => void = () => undefined
    mockedCall.mockImplementation((() => new Promise((resolve) => (answer = resolve))) as never)
    render(<VillageCodePage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('admin', 'villageQrCode')

    await act(async () => answer(gatewayPoster))
    expect(screen.getByText('石龙村')).toBeTruthy()
    expect(screen.getByText('仙鹤镇')).toBeTruthy()
    expect(screen.getByText('村码 XH5T6K')).toBeTruthy()
    const image = screen.getByLabelText('石龙村的二维码').querySelector('[src]')
    expect(image?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=')
    expect(screen.getByText(/用微信或手机相机扫一扫/)).toBeTruthy()
    expect(screen.getByText(/贴在村委会、党群服务中心门口/)).toBeTruthy()
    expect(screen.getByText(`二维码里的网址：${gatewayPoster.link}`)).toBeTruthy()
    // Only the mini-program has an album to save to.
    expect(screen.queryByText('保存到手机相册')).toBeNull()
  })

  it('downloads the image as a file named after the village', async () => {
    mockedCall.mockResolvedValue(gatewayPoster as never)
    const clicked: HTMLAnchorElement[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this)
    })
    render(<VillageCodePage />)
    fireEvent.click(await screen.findByText('下载二维码图片'))
    expect(clicked).toHaveLength(1)
    expect(clicked[0].download).toBe('仙鹤镇石龙村二维码.png')
    expect(clicked[0].href).toBe('data:image/png;base64,iVBORw0KGgo=')
    expect(await screen.findByText(/图片已下载/)).toBeTruthy()
  })

  it('shows why there is no code, and 重试 asks again', async () => {
    mockedCall
      .mockRejectedValueOnce(
        new ApiCallError(
          'FAILED_PRECONDITION',
          '服务器还没有设置网址（PUBLIC_URL），做不了二维码。',
        ),
      )
      .mockResolvedValueOnce(gatewayPoster as never)
    render(<VillageCodePage />)
    expect(await screen.findByText(/服务器还没有设置网址/)).toBeTruthy()
    fireEvent.click(button('重试'))
    expect(await screen.findByText('村码 XH5T6K')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledTimes(2)
  })

  it('offers a way back to the admin menu', async () => {
    mockedCall.mockResolvedValue(gatewayPoster as never)
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
    const navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' })
    render(<VillageCodePage />)
    fireEvent.click(await screen.findByText('‹ 回到管理后台'))
    expect(navigateBack).toHaveBeenCalled()
  })
})

describe('in the mini-program', () => {
  const platform = process.env.TARO_ENV
  let written: { filePath: string; data: string; encoding: string }[]
  let saveImage: jest.Mock
  let previewImage: jest.Mock
  const saved: Record<string, unknown> = {}

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    written = []
    saveImage = jest.fn().mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' })
    previewImage = jest.fn().mockResolvedValue({ errMsg: 'previewImage:ok' })
    const stubs: Record<string, unknown> = {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      getFileSystemManager: () => ({
        writeFile(options: {
          filePath: string
          data: string
          encoding: string
          success: () => void
        }) {
          written.push({
            filePath: options.filePath,
            data: options.data,
            encoding: options.encoding,
          })
          options.success()
        },
      }),
      saveImageToPhotosAlbum: saveImage,
      previewImage,
    }
    for (const [name, stub] of Object.entries(stubs)) {
      saved[name] = TaroApi[name]
      TaroApi[name] = stub
    }
    mockedCall.mockResolvedValue(cloudPoster as never)
  })
  afterEach(() => {
    process.env.TARO_ENV = platform
    Object.assign(TaroApi, saved)
  })

  it('writes the 小程序码 to a file and saves it into the album', async () => {
    render(<VillageCodePage />)
    expect(await screen.findByText(/微信扫一扫，进入石龙村的村民之家/)).toBeTruthy()
    expect(screen.queryByText(/二维码里的网址/)).toBeNull()
    await act(async () => {
      fireEvent.click(button('保存到手机相册'))
    })
    expect(written).toEqual([
      { filePath: 'wxfile://usr/village-code-XH5T6K.jpg', data: '/9j/4AAQ', encoding: 'base64' },
    ])
    expect(saveImage).toHaveBeenCalledWith({ filePath: 'wxfile://usr/village-code-XH5T6K.jpg' })
    expect(await screen.findByText(/已保存到手机相册/)).toBeTruthy()
  })

  it('tells how to allow the album when WeChat refuses, and saving can be tried again', async () => {
    saveImage.mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
    render(<VillageCodePage />)
    await screen.findByText('村码 XH5T6K')
    await act(async () => {
      fireEvent.click(button('保存到手机相册'))
    })
    expect(await screen.findByText(/没有相册权限.*打开“添加到相册”/)).toBeTruthy()
    await act(async () => {
      fireEvent.click(button('保存到手机相册'))
    })
    expect(await screen.findByText(/已保存到手机相册/)).toBeTruthy()
  })

  it('shows the code full screen, where a long press forwards it', async () => {
    render(<VillageCodePage />)
    await screen.findByText('村码 XH5T6K')
    await act(async () => {
      fireEvent.click(button('看大图（长按可转发给打印店）'))
    })
    expect(previewImage).toHaveBeenCalledWith({
      urls: ['wxfile://usr/village-code-XH5T6K.jpg'],
      current: 'wxfile://usr/village-code-XH5T6K.jpg',
    })
  })
})

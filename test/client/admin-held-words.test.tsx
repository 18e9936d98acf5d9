import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HeldWords } from '../../types/held-words'
import AdminHomePage from '../../src/admin/pages/index'
import HeldWordsPage from '../../src/admin/pages/held-words'
import { ApiCallError, call } from '../../src/services/api'
import { typeInto } from './support/native-control'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// Signed in as the village admin.
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))

const mockedCall = call as jest.MockedFunction<typeof call>

const saved: HeldWords = { words: ['傻逼', '去死', '杀了'], inUse: true }
const button = (text: string) => screen.getByText(text, { selector: '.nut-button-children' })
const input = () => '.held-words__add'

beforeEach(() => {
  mockedCall.mockReset()
})
afterEach(() => jest.restoreAllMocks())

it('is on the admin menu', async () => {
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
  render(<AdminHomePage />)
  fireEvent.click(await screen.findByText('敏感词'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/admin/pages/held-words/index' })
})

it('adds and removes words, then saves the whole list', async () => {
  mockedCall.mockImplementation((async (_fn: string, action: string, data: unknown) => {
    if (action === 'heldWords') return saved
    if (action === 'saveHeldWords') return { ...(data as object), inUse: true }
    throw new Error(action)
  }) as typeof call)
  render(<HeldWordsPage />)
  expect(await screen.findByText(/共 3 个/)).toBeTruthy()
  fireEvent.click(screen.getByText('去死'))
  await typeInto(input(), ' 赌钱 ')
  fireEvent.click(button('添加'))
  expect(screen.getByText('赌钱')).toBeTruthy()
  expect(screen.queryByText('去死')).toBeNull()
  expect(screen.getByText(/共 3 个/)).toBeTruthy()
  fireEvent.click(button('保存词表'))
  expect(await screen.findByText('已保存')).toBeTruthy()
  expect(mockedCall).toHaveBeenCalledWith('admin', 'saveHeldWords', {
    words: ['傻逼', '杀了', '赌钱'],
  })
})

it('checks a word with the contract’s schema before adding it', async () => {
  mockedCall.mockResolvedValue(saved)
  render(<HeldWordsPage />)
  await screen.findByText(/共 3 个/)
  await typeInto(input(), '赌'.repeat(11))
  fireEvent.click(button('添加'))
  expect(await screen.findByText('这个词不能超过 10 个字')).toBeTruthy()
  await typeInto(input(), '杀了')
  fireEvent.click(button('添加'))
  expect(await screen.findByText('“杀了”已经在词表里了')).toBeTruthy()
  await typeInto(input(), '   ')
  fireEvent.click(button('添加'))
  expect(await screen.findByText('这个词不能为空')).toBeTruthy()
  expect(screen.getByText(/共 3 个/)).toBeTruthy()
})

it('says when WeChat checks the suggestions instead, and shows a refusal', async () => {
  mockedCall.mockImplementation((async (_fn: string, action: string) => {
    if (action === 'heldWords') return { ...saved, inUse: false }
    throw new ApiCallError('PERMISSION_DENIED', '只有管理员可以修改敏感词')
  }) as typeof call)
  render(<HeldWordsPage />)
  expect(await screen.findByText(/只在体验模式下使用/)).toBeTruthy()
  fireEvent.click(button('保存词表'))
  expect(await screen.findByText('只有管理员可以修改敏感词')).toBeTruthy()
})

it('has a way back to the admin menu', async () => {
  mockedCall.mockResolvedValue(saved)
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
  const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
  render(<HeldWordsPage />)
  fireEvent.click(await screen.findByText('‹ 回到管理后台'))
  expect(redirectTo).toHaveBeenCalledWith({ url: '/admin/pages/index/index' })
})

import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PageShell from '../../src/components/page-shell'
import {
  BIG_TEXT_KEY,
  resetFontScaleForTests,
  setBigText,
  useFontScale,
} from '../../src/hooks/use-font-scale'

function rootOf(container: HTMLElement): HTMLElement {
  const root = container.querySelector('.vh-page')
  if (!(root instanceof HTMLElement)) throw new Error('PageShell root (.vh-page) not rendered')
  return root
}

beforeEach(() => {
  Taro.clearStorageSync()
  resetFontScaleForTests()
})

describe('PageShell font scale', () => {
  it('renders 16px text by default, 20px with 大字模式, and back', () => {
    const { container } = render(
      <PageShell title="首页">
        <span>内容</span>
      </PageShell>,
    )
    const root = rootOf(container)
    expect(root.style.fontSize).toBe('16px')
    expect(root.classList.contains('big-text')).toBe(false)
    expect(screen.getByText('首页')).toBeTruthy()
    expect(screen.getByText('内容')).toBeTruthy()

    act(() => setBigText(true))
    expect(root.style.fontSize).toBe('20px')
    expect(root.classList.contains('big-text')).toBe(true)
    // NutUI sizes scale with the text
    expect(root.style.getPropertyValue('--nutui-font-size-base')).toBe('20px')
    expect(Taro.getStorageSync(BIG_TEXT_KEY)).toBe(true)

    act(() => setBigText(false))
    expect(root.style.fontSize).toBe('16px')
    expect(root.classList.contains('big-text')).toBe(false)
  })

  it('reads 大字模式 from storage on start', () => {
    Taro.setStorageSync(BIG_TEXT_KEY, true)
    resetFontScaleForTests()
    const { container } = render(<PageShell>内容</PageShell>)
    expect(rootOf(container).style.fontSize).toBe('20px')
  })

  it('useFontScale returns scale, bigText and setBigText', () => {
    let seen: ReturnType<typeof useFontScale> | undefined
    function Probe() {
      seen = useFontScale()
      return null
    }
    render(<Probe />)
    expect(seen?.scale).toBe(1)
    expect(seen?.bigText).toBe(false)
    act(() => seen?.setBigText(true))
    expect(seen?.scale).toBe(1.25)
    expect(seen?.bigText).toBe(true)
  })
})

describe('PageShell states', () => {
  it('shows the loading state instead of the content', () => {
    render(
      <PageShell loading>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(screen.queryByText('内容')).toBeNull()
  })

  it('shows the error message and a 重试 button that calls onRetry', () => {
    const onRetry = jest.fn()
    render(
      <PageShell error="网络不通，请稍后再试" onRetry={onRetry}>
        <span>内容</span>
      </PageShell>,
    )
    expect(screen.getByText('网络不通，请稍后再试')).toBeTruthy()
    expect(screen.queryByText('内容')).toBeNull()
    fireEvent.click(screen.getByText('重试'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('accepts an Error and offers 返回首页 when there is no retry', () => {
    render(<PageShell error={new Error('没有找到这一页')} />)
    expect(screen.getByText('没有找到这一页')).toBeTruthy()
    expect(screen.getByText('返回首页')).toBeTruthy()
  })
})

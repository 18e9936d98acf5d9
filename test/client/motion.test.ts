import Taro from '@tarojs/taro'
import { prefersReducedMotion, scrollToElement } from '../../src/utils/motion'

// The page glides to what it brings into view, unless the phone asks for less motion: then it
// jumps (the CSS side, in src/index.html, is checked by the e2e accessibility gate).

function phoneAsks(reduce: boolean): void {
  window.matchMedia = ((query: string) => ({
    matches: reduce && query === '(prefers-reduced-motion: reduce)',
    media: query,
  })) as unknown as typeof window.matchMedia
}

let scroll: jest.SpyInstance

beforeEach(() => {
  scroll = jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
})
afterEach(() => scroll.mockRestore())

test('a short glide by default', () => {
  phoneAsks(false)
  expect(prefersReducedMotion()).toBe(false)
  scrollToElement('#ceremony-advice', -16)
  expect(scroll).toHaveBeenCalledWith({
    selector: '#ceremony-advice',
    duration: 200,
    offsetTop: -16,
  })
})

test('at once when the phone asks for reduced motion', () => {
  phoneAsks(true)
  expect(prefersReducedMotion()).toBe(true)
  scrollToElement('#field-tables', -80)
  expect(scroll).toHaveBeenCalledWith({ selector: '#field-tables', duration: 0, offsetTop: -80 })
})

test('a page that cannot scroll stays put without an error', async () => {
  phoneAsks(false)
  scroll.mockRejectedValue(new Error('no such element'))
  expect(() => scrollToElement('#gone', 0)).not.toThrow()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

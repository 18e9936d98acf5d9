import Taro from '@tarojs/taro'

/**
 * Whether the phone asks for less motion ("reduce motion" / 减弱动态效果). Only the web can tell:
 * WeChat does not tell a mini-program.
 */
export function prefersReducedMotion(): boolean {
  return (
    process.env.TARO_ENV === 'h5' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  )
}

/**
 * Scrolls the page until the element `selector` names is `offsetTop` px below its top: a short
 * glide, or at once when the phone asks for less motion. A page that cannot scroll stays put.
 */
export function scrollToElement(selector: string, offsetTop: number): void {
  const duration = prefersReducedMotion() ? 0 : 200
  Taro.pageScrollTo({ selector, duration, offsetTop }).catch(() => undefined)
}

/**
 * The accessibility attributes WeChat's screen reader reads, added to the components Taro's weapp
 * templates know. Taro's templates pass a component only the attributes listed for it, so without
 * this every `aria-*` written in src/ is dropped from the built WXML.
 *
 * Shared by the build (config/weapp-aria-plugin.ts, which writes them into base.wxml) and the
 * runtime (src/utils/a11y.ts, which must know the same list: Taro numbers a component's
 * attributes p0, p1, … in sorted order, and both sides must agree on the numbers).
 *
 * '' binds the attribute to the element's own value. Only View, and only what src/ (and NutUI's
 * Switch) write: every attribute is repeated in each template level of the main package's
 * base.wxml (about 1 KB each). `aria-live` (the loading state) is left out for that reason.
 */
export const weappAriaAttributes: Record<string, Record<string, string>> = {
  View: {
    'aria-role': '',
    'aria-label': '',
    'aria-checked': '',
    'aria-expanded': '',
  },
}

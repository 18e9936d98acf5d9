import { mergeInternalComponents } from '@tarojs/shared'
import { weappAriaAttributes } from '../../config/weapp-aria-attributes'

// The runtime must number the attributes the way the build wrote base.wxml (see
// config/weapp-aria-attributes.ts); this module is imported first by app.tsx, before any page
// renders.
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(weappAriaAttributes)

interface RoleProps {
  role?: string
  ariaRole?: string
}

/**
 * An element's ARIA role, written once for both platforms: WeChat's components read
 * `aria-role`, which is no valid attribute on the web, where it is `role`. Also clears an
 * `ariaRole` a library component sets itself (NutUI's Switch), so H5 gets no `aria-role`.
 */
export function ariaRole(role: string): RoleProps {
  return process.env.TARO_ENV === 'weapp' ? { ariaRole: role } : { role, ariaRole: undefined }
}

/**
 * A page's level-one heading. WeChat gets only the role (`aria-level` is not in
 * config/weapp-aria-attributes.ts, to keep base.wxml small); the web also needs the level, as a
 * bare `role=heading` is level 2.
 */
export function pageHeading(): RoleProps & { 'aria-level'?: number } {
  return process.env.TARO_ENV === 'weapp'
    ? ariaRole('heading')
    : { ...ariaRole('heading'), 'aria-level': 1 }
}

/**
 * Keyboard focus on the web for a library component that asks for it with `tabIndex`: Taro's
 * H5 components write that as `tab-index`, which browsers ignore. WeChat needs nothing.
 */
export function focusable(): Record<string, number | undefined> {
  return process.env.TARO_ENV === 'weapp' ? {} : { tabIndex: undefined, tabindex: 0 }
}

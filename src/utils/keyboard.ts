/**
 * Keyboard use on H5, for a villager with a keyboard, a switch device or a screen reader: every
 * control is reached with Tab and pressed with Enter or Space, as a native button is.
 *
 * Taro draws its Button, and so NutUI's, as `<taro-button-core>`, a custom element browsers
 * neither focus nor press; NutUI's search-bar clear and Taro's navigation-bar icons are plain
 * boxes. Each gets a tab stop, the button role and, if it shows no words, a name, as it appears.
 * Views the app makes tappable ask for their own tab stop and role (`focusable()`, `ariaRole`);
 * whatever is focused that the browser would not press itself is pressed here. The mini-program
 * needs none of this: WeChat has no keyboard.
 */

/** Controls drawn by the libraries, each with the name read out when it shows no words. */
const libraryControls: [selector: string, name: string | null][] = [
  ['taro-button-core', null],
  ['.nut-searchbar-clear', '清除搜索'],
  ['.taro-navigation-bar-back', '返回'],
  ['.taro-navigation-bar-home', '回首页'],
]
const anyLibraryControl = libraryControls.map(([selector]) => selector).join(',')

/** What the browser presses with the keyboard itself. */
const nativeControls = 'a[href], button, input, textarea, select, summary, [contenteditable]'

/** Roles of a control one presses (a focusable scrolling region is not one). */
const pressableRoles = new Set(['button', 'link', 'radio', 'checkbox', 'switch', 'tab', 'option'])

function makeControl(element: Element): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '0')
  if (!element.hasAttribute('role')) element.setAttribute('role', 'button')
  const name = libraryControls.find(([selector]) => element.matches(selector))?.[1]
  if (name && !element.hasAttribute('aria-label') && !element.textContent?.trim()) {
    element.setAttribute('aria-label', name)
  }
}

function makeControlsWithin(node: Node): void {
  if (!(node instanceof Element)) return
  if (node.matches(anyLibraryControl)) makeControl(node)
  node.querySelectorAll(anyLibraryControl).forEach(makeControl)
}

/** Press the focused control on Enter or Space. */
function press(event: KeyboardEvent): void {
  if ((event.key !== 'Enter' && event.key !== ' ') || event.repeat) return
  const target = event.target
  if (!(target instanceof HTMLElement) || target.matches(nativeControls)) return
  if (!target.hasAttribute('tabindex') || !pressableRoles.has(target.getAttribute('role') ?? '')) {
    return
  }
  // Space would otherwise scroll the page.
  event.preventDefault()
  target.click()
}

/** Makes the controls under `root`, now and to come, reachable and pressable by keyboard. */
export function enableKeyboardControls(root: HTMLElement): () => void {
  makeControlsWithin(root)
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(makeControlsWithin)
  })
  observer.observe(root, { childList: true, subtree: true })
  root.addEventListener('keydown', press)
  return () => {
    observer.disconnect()
    root.removeEventListener('keydown', press)
  }
}

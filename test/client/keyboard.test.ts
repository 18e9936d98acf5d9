import { enableKeyboardControls } from '../../src/utils/keyboard'

// src/utils/keyboard.ts on the web: the controls Taro and NutUI draw get a tab stop, a role and
// a name as they appear, and whatever focused control the browser would not press is pressed on
// Enter and Space. test/e2e/keyboard.e2e.ts does the same with the real build in Chromium.

let stop: () => void = () => undefined

beforeEach(() => {
  document.body.innerHTML = ''
  stop = enableKeyboardControls(document.body)
})
afterEach(() => stop())

/** The next task: after the MutationObserver has seen what was added. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function add(html: string): HTMLElement {
  const holder = document.createElement('div')
  holder.innerHTML = html
  document.body.append(holder)
  return holder.firstElementChild as HTMLElement
}

function key(element: HTMLElement, name: string, repeat = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, repeat })
  element.dispatchEvent(event)
  return event
}

test('a Taro button added later gets a tab stop and the button role, and keeps its words', async () => {
  const button = add('<taro-button-core class="nut-button">保存</taro-button-core>')
  await settle()
  expect(button.tabIndex).toBe(0)
  expect(button.getAttribute('role')).toBe('button')
  expect(button.hasAttribute('aria-label')).toBe(false)
})

test('controls that show no words get a name; a name already given stays', async () => {
  const bar = add(
    '<div><div class="taro-navigation-bar-back"><svg></svg></div>' +
      '<div class="taro-navigation-bar-home"><svg></svg></div>' +
      '<div class="nut-searchbar-clear" aria-label="清除"><i></i></div></div>',
  )
  await settle()
  const labels = [...bar.children].map((element) => element.getAttribute('aria-label'))
  expect(labels).toEqual(['返回', '回首页', '清除'])
  expect([...bar.children].every((element) => (element as HTMLElement).tabIndex === 0)).toBe(true)
})

test('Enter and Space press a focused control; Space does not scroll the page', async () => {
  const button = add('<taro-button-core>保存</taro-button-core>')
  await settle()
  const clicks = jest.fn()
  button.addEventListener('click', clicks)
  expect(key(button, 'Enter').defaultPrevented).toBe(true)
  expect(key(button, ' ').defaultPrevented).toBe(true)
  expect(clicks).toHaveBeenCalledTimes(2)
  // Held down, the key repeats: one press is one tap.
  key(button, 'Enter', true)
  key(button, 'a')
  expect(clicks).toHaveBeenCalledTimes(2)
})

test('a view made focusable by the app is pressed by the role it declares', async () => {
  const radio = add('<div role="radio" tabindex="0">婚嫁</div>')
  const clicks = jest.fn()
  radio.addEventListener('click', clicks)
  key(radio, ' ')
  expect(clicks).toHaveBeenCalledTimes(1)
})

test('native controls, regions and what is not focusable keep their own keys', async () => {
  const clicks = jest.fn()
  const input = add('<input />')
  const region = add('<div role="region" tabindex="0">长长的内容</div>')
  const plain = add('<div role="button">没有 tab 的</div>')
  for (const element of [input, region, plain]) {
    element.addEventListener('click', clicks)
    expect(key(element, ' ').defaultPrevented).toBe(false)
    key(element, 'Enter')
  }
  expect(clicks).not.toHaveBeenCalled()
})

test('a tab stop or role the page gave itself is left as it is', async () => {
  const button = add('<taro-button-core tabindex="-1" role="link">条款</taro-button-core>')
  await settle()
  expect(button.getAttribute('tabindex')).toBe('-1')
  expect(button.getAttribute('role')).toBe('link')
})

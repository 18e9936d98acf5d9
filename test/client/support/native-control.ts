import { fireEvent, waitFor } from '@testing-library/react'

/** Where a control is: a CSS selector for its container, or a function that finds it. */
type Scope = string | (() => ParentNode | null | undefined)

/**
 * The native <input> or <textarea> of a Taro form control. In jsdom Taro's controls are web
 * components that render their native element a tick later, so this waits for it.
 */
export function nativeControl(scope: Scope): Promise<HTMLInputElement | HTMLTextAreaElement> {
  const container = typeof scope === 'string' ? () => document.querySelector(scope) : scope
  return waitFor(() => {
    const control = container()?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      'input, textarea',
    )
    if (!control) throw new Error(`no input rendered yet in ${String(scope)}`)
    return control
  })
}

/** Types a value into a Taro form control, as a user's keyboard would. */
export async function typeInto(scope: Scope, value: string): Promise<void> {
  fireEvent.input(await nativeControl(scope), { target: { value } })
}

import type { Page } from 'playwright-core'

/**
 * Calls the API as the person signed in on this page, with the token the app keeps: the answer's
 * envelope, `{ ok, data }` or `{ ok: false, error }`. For the steps a test takes outside the UI
 * (another person's part, or data a screen needs to show).
 */
export function callAs<T = { ok: boolean }>(
  page: Page,
  fn: string,
  action: string,
  data?: unknown,
): Promise<T> {
  return page.evaluate(
    async ([fnName, actionName, payload]) => {
      const stored = JSON.parse(localStorage.getItem('sessionToken') ?? '{}') as { data?: string }
      const response = await fetch(`/api/${fnName}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stored.data}` },
        body: JSON.stringify({ action: actionName, data: payload, requestId: crypto.randomUUID() }),
      })
      return (await response.json()) as never
    },
    [fn, action, data] as const,
  )
}

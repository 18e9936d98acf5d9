import type { Page } from 'playwright-core'
import type { PersonaKey } from '../../../types/session'

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

/**
 * Calls the API as a demo persona other than the one on this page (another person's part: a
 * member preparing the topic a reviewer then reviews), signed in for this one call through the
 * demo sign-in, without touching the page's own session.
 */
export function callAsPersona<T = { ok: boolean }>(
  page: Page,
  persona: PersonaKey,
  fn: string,
  action: string,
  data?: unknown,
): Promise<T> {
  return page.evaluate(
    async ([personaKey, fnName, actionName, payload]) => {
      const post = async (name: string, body: unknown, token?: string) => {
        const response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        })
        return (await response.json()) as { ok: boolean; data: { token: string } }
      }
      const signedIn = await post('session', {
        action: 'demoSignIn',
        data: { persona: personaKey },
        requestId: crypto.randomUUID(),
      })
      return (await post(
        fnName,
        { action: actionName, data: payload, requestId: crypto.randomUUID() },
        signedIn.data.token,
      )) as never
    },
    [persona, fn, action, data] as const,
  )
}

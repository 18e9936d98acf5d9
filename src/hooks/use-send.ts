import { useState } from 'react'
import type { FieldError } from '../../types/validation'
import { fieldErrorOf } from '../services/api'

/**
 * A form's sends, one at a time: which one is under way (`step`, for its button's spinner; every
 * button waits while any runs), and what went wrong as a field error: the server's refusal by its
 * field, or the plain `fallback` when the network failed. A form's own checks set `error` too.
 */
export function useSend<Step extends string = 'send'>(fallback = '没有办成，请重试') {
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState<Step | null>(null)
  /** Sends; answers what came back, or null once the error is shown. */
  const run = async <T>(step: Step, send: () => Promise<T>): Promise<T | null> => {
    setError(null)
    setBusy(step)
    try {
      return await send()
    } catch (caught) {
      setError(fieldErrorOf(caught, fallback))
      return null
    } finally {
      setBusy(null)
    }
  }
  return { error, setError, busy, run }
}

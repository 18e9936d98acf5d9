import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../types/contract'
import { ApiCallError, call } from '../services/api'

export interface Query<T> {
  data: T | undefined
  error: ApiCallError | null
  loading: boolean
  /** Loads again, keeping the data already shown until the answer arrives. */
  reload: () => Promise<void>
}

/** Loads one action's data for a page, with loading and error state and a retry. */
export function useQuery<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input?: ActionInput<F, A>,
): Query<ActionOutput<F, A>> {
  const [data, setData] = useState<ActionOutput<F, A>>()
  const [error, setError] = useState<ApiCallError | null>(null)
  const [loading, setLoading] = useState(true)
  // The input is compared by value so a page may pass an object literal.
  const key = JSON.stringify(input ?? null)

  // On weak 4G answers can arrive out of order: only the latest request may set the state.
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const request = (latest.current += 1)
    setLoading(true)
    setError(null)
    try {
      const args: unknown[] = key === 'null' ? [] : [JSON.parse(key)]
      const untypedCall = call as (f: F, a: A, ...d: unknown[]) => Promise<ActionOutput<F, A>>
      const result = await untypedCall(fn, action, ...args)
      if (request === latest.current) setData(result)
    } catch (caught) {
      if (request !== latest.current) return
      setError(
        caught instanceof ApiCallError
          ? caught
          : new ApiCallError('INTERNAL', '出了点问题，请重试'),
      )
    } finally {
      if (request === latest.current) setLoading(false)
    }
  }, [fn, action, key])

  useEffect(() => {
    void reload()
  }, [reload])

  return { data, error, loading, reload }
}

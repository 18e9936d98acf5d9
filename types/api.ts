import * as z from 'zod'
import { idSchema } from './common'

/** Error codes of the API contract (README: The API contract). */
export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RESOURCE_EXHAUSTED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface ApiError {
  code: ErrorCode
  /** Plain Chinese a villager understands. */
  message: string
  /** The payload field at fault, as a dotted path (e.g. `chapters.0.title`). */
  field?: string
}

export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** What every call sends to a named function. */
export const requestEnvelopeSchema = z.object({
  action: idSchema,
  data: z.unknown().optional(),
  /**
   * One id per logical call, kept by the client across its own retries: a changing action sent
   * twice with the same id is done once and answered twice with the first answer.
   */
  requestId: idSchema.optional(),
})
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>

/**
 * Declares one action: its input schema, and (as a phantom type) what it returns.
 * Written as `action<Output>()(inputSchema)` so the output type can be given while the
 * input type is inferred.
 */
export function action<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: null as unknown as Output,
    changes: false as const,
  })
}

/**
 * Declares an action that changes village data, written like `action`. The server runs it on
 * the one mutation path (cloud/core/change.ts): one transaction, one audit entry, and its
 * answer kept under the caller's requestId so a repeated request changes nothing more.
 */
export function change<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({
    input,
    output: null as unknown as Output,
    changes: true as const,
  })
}

/** An action that takes no data. */
export const noInput = z.object({}).strict().optional()

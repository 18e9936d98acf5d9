import type { ApiError, ErrorCode } from '../../types/api'

/** An error meant for the caller: its message is shown to the villager as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}

/** Throws a rule's refusal: the domain's `…Refusal` functions give one, or null to go ahead. */
export function refuse(refusal: AppError | null): void {
  if (refusal) throw refusal
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`)

/** True when a write failed on a unique constraint, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const err = error as { code?: string; message?: string }
  return (
    err?.code === '23505' || // PostgreSQL unique_violation
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}

import type { z } from 'zod'

export interface FieldError {
  /** Dotted path of the offending field, e.g. `chapters.0.title`; empty for the whole payload. */
  field: string
  message: string
}

/**
 * Turns the first problem zod found into one plain-Chinese sentence naming the field.
 * Server and client share it so a form shows exactly what the API would answer.
 */
export function firstFieldError(
  error: z.ZodError,
  labels: Record<string, string> = {},
): FieldError {
  const issue = error.issues[0]
  const field = issue.path.map(String).join('.')
  const last = issue.path.length ? String(issue.path[issue.path.length - 1]) : ''
  const label = labels[field] ?? labels[last] ?? ''
  return { field, message: label + describe(issue) }
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? '不能为空' : `至少要写 ${issue.minimum} 个字`
      }
      if (issue.origin === 'array') return `至少要有 ${issue.minimum} 项`
      return `不能小于 ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`
      return `不能大于 ${issue.maximum}`
    case 'invalid_type':
      // zod reports the received type only in its (English) message, not as a field.
      return /received undefined/.test(issue.message) ? '没有填写' : '格式不对'
    case 'invalid_value':
      return '不在可选范围内'
    case 'unrecognized_keys':
      return `有不认识的内容：${issue.keys.join('、')}`
    default:
      // Messages we wrote ourselves in a schema are Chinese already; zod's own are not.
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不对'
  }
}

/** Validates like the server does; returns the parsed data or the first field error. */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  labels?: Record<string, string>,
): { ok: true; data: z.output<S> } | { ok: false; error: FieldError } {
  const result = schema.safeParse(data)
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, error: firstFieldError(result.error, labels) }
}

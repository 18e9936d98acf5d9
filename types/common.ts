import { z } from 'zod'

/** Server-generated ids (UUIDs); bounded so a forged id can't be huge. */
export const idSchema = z.string().min(1).max(64)

/** Trimmed text with a length limit, as typed into a form. */
export function text(max: number, min = 1) {
  return z.string().trim().min(min).max(max)
}

/** A calendar date, `YYYY-MM-DD`. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式不对')
  .refine((value) => {
    // Round-trip so that 2月30日 is refused rather than rolled over into March.
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, '没有这个日期')

/** Whole yuan. */
export function yuan(max: number) {
  return z.number().int().min(0).max(max)
}

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

/**
 * Cursor of a newest-first list: the last item already shown (its createdAt and id). Items
 * written in the same millisecond are told apart by id, so none is skipped at a page boundary.
 */
export const pageCursorSchema = z.object({ createdAt: z.string().max(40), id: idSchema })

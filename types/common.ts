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
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))

/** Whole yuan. */
export function yuan(max: number) {
  return z.number().int().min(0).max(max)
}

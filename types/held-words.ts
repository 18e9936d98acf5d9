import * as z from 'zod'
import { action, change, noInput } from './api'
import { text } from './common'

// 敏感词: in demo mode (no WeChat to check a suggestion), a suggestion containing one of the
// village's words is held until a council member has read it. The admin keeps the list.

export const heldWordLimits = { count: 100, length: 10 } as const

export interface HeldWords {
  words: string[]
  /** Whether the list checks suggestions on this server: only in demo mode; WeChat checks otherwise. */
  inUse: boolean
}

/** One word of the list, as the admin types it. */
export const heldWordSchema = text(heldWordLimits.length)

export const heldWordsSchema = z.strictObject({
  words: z
    .array(heldWordSchema)
    .max(heldWordLimits.count)
    .refine((words) => new Set(words).size === words.length, '同一个词只能写一次'),
})

/** Spread into the admin function's contract (types/admin.ts). */
export const heldWordsContract = {
  heldWords: action<HeldWords>()(noInput),
  /** The admin replaces the village's list; an empty list holds nothing. */
  saveHeldWords: change<HeldWords>()(heldWordsSchema),
}

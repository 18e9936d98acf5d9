import * as z from 'zod'

// These patterns run in the mini-program too, on WeChat JS engines older than Node's: no
// lookbehind, no `u` flag, no String.prototype.isWellFormed. They search for one bad character
// rather than matching the whole string, so a huge input costs one linear scan, not a deep stack.

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/
/**
 * Characters that show nothing, or change how the text around them shows, and that nobody
 * types on a phone: C0 controls but newline, DEL, C1 controls, the Unicode line and paragraph
 * separators, bidirectional overrides and isolates (they can make 100 read as 001), and the
 * byte-order mark. Zero-width joiners stay: emoji are built with them.
 */
const invisible =
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/
const lineBreak = /[\n\r\u2028\u2029]/
const surrogatePair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g

/**
 * How long a text is, as people count it: in characters (code points), so 😀 or 𠀀 counts as
 * one, as 张 does. A character built of several (é as e + ◌́, a family emoji) counts as its parts.
 * Forms check lengths with the schemas below, so with this same count (their native inputs count
 * UTF-16 units and are given room for it: src/utils/input-max-length.ts).
 */
export function textLength(value: string): number {
  return value.length - (value.match(surrogatePair)?.length ?? 0)
}

export type TextLines = 'single' | 'multi'

/** What is wrong with a text's characters, in words a villager understands; null if nothing. */
function textProblem(value: string, lines: TextLines): string | null {
  if (loneSurrogate.test(value)) return '有残缺的字符，请删掉后重新输入'
  if (lines === 'single' && lineBreak.test(value)) return '不能换行'
  if (invisible.test(value)) return '不能包含看不见的控制字符'
  return null
}

/**
 * Text as typed into a form, the one definition for every string the contract accepts: trimmed,
 * well-formed Unicode (a lone surrogate can't be stored as sent: SQLite would keep three
 * replacement bytes and PostgreSQL one), free of NUL and other invisible control characters
 * (PostgreSQL refuses NUL in text outright), and between `min` and `max` characters long
 * (`textLength`). Multi-line text (an article, a note) may hold newlines, kept as `\n` whatever
 * the device sent; single-line text (a name, a title, an id) may not.
 */
export function text(max: number, min = 1, lines: TextLines = 'single') {
  return (
    z
      .string()
      .overwrite((value) => (lines === 'multi' ? value.replace(/\r\n?/g, '\n') : value))
      // Before trimming: JavaScript's trim takes a byte-order mark or U+2028 for a space, and
      // they would vanish from the edges unnoticed while refused in the middle.
      .check((ctx) => {
        const problem = textProblem(ctx.value, lines)
        // Not continuable: the checks after this one never see a refused text.
        if (problem) {
          ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false })
        }
      })
      .trim()
      .check((ctx) => {
        // zod counts UTF-16 units; these issues carry the limits so the usual sentences apply.
        const length = textLength(ctx.value)
        const input = ctx.value
        if (length < min) {
          ctx.issues.push({
            code: 'too_small',
            origin: 'string',
            minimum: min,
            inclusive: true,
            input,
          })
        } else if (length > max) {
          ctx.issues.push({
            code: 'too_big',
            origin: 'string',
            maximum: max,
            inclusive: true,
            input,
          })
        }
      })
  )
}

/**
 * Ids the server made (UUIDs, or seeded ones like `village-shilong`) and request ids the client
 * made: plain ASCII letters, digits, `-` and `_`, so a forged one can't be huge or strange.
 */
export const idSchema = text(64).pipe(z.string().regex(/^[A-Za-z0-9_-]+$/, '编号格式不对'))

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
export const pageCursorSchema = z.strictObject({ createdAt: z.iso.datetime(), id: idSchema })

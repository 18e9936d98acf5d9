/**
 * What a number box holds, for the schema to judge: nothing typed is `undefined` (没有填写),
 * digits are the number, anything else is NaN (格式不对).
 */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

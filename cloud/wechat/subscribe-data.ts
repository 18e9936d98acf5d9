/**
 * The most characters WeChat accepts in a subscribe-message value, by the key's type prefix
 * (`thing2` is a `thing`). One value over its limit fails the whole send with 47003, so values
 * are cut before sending. `time`, `date` and `amount` are formats, not lengths: cutting them would
 * change what they say, so they pass through as they are.
 */
const limits: Record<string, (value: string) => number> = {
  thing: () => 20,
  phrase: () => 5,
  // 10 Chinese characters, or 20 letters and symbols.
  name: (value) => (/^[\x20-\x7e]*$/.test(value) ? 20 : 10),
  character_string: () => 32,
  number: () => 32,
  letter: () => 32,
  symbol: () => 5,
  phone_number: () => 17,
  car_number: () => 8,
}

/** The key's type: `character_string12` → `character_string`. */
export function subscribeKeyType(key: string): string {
  return key.replace(/\d+$/, '')
}

function cut(value: string, limit: number, ellipsis: boolean): string {
  // By code point, so a character outside the BMP is never split in half.
  const chars = Array.from(value)
  if (chars.length <= limit) return value
  return ellipsis ? chars.slice(0, limit - 1).join('') + '…' : chars.slice(0, limit).join('')
}

/** Cuts every value to its key type's limit; a cut `thing` (free text) ends with an ellipsis. */
export function fitSubscribeData(data: Record<string, string>): Record<string, string> {
  const fitted: Record<string, string> = {}
  for (const [key, value] of Object.entries(data)) {
    const type = subscribeKeyType(key)
    const limit = limits[type]
    const trimmed = value.trim()
    fitted[key] = limit ? cut(trimmed, limit(trimmed), type === 'thing') : value
  }
  return fitted
}

/** WeChat's shape for template data: `{ thing1: { value } }`. */
export function toTemplateData(data: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(fitSubscribeData(data)).map(([key, value]) => [key, { value }]),
  )
}

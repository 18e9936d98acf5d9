export interface HighlightSegment {
  text: string
  match: boolean
}

/**
 * Splits `text` into plain and matching segments for every occurrence of `keyword`, so a search
 * result can mark each match. Latin letters match regardless of case; a blank keyword matches
 * nothing.
 */
export function highlight(text: string, keyword: string): HighlightSegment[] {
  const needle = foldCase(keyword.trim())
  if (!needle) return text ? [{ text, match: false }] : []
  const haystack = foldCase(text)
  const segments: HighlightSegment[] = []
  let from = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) segments.push({ text: text.slice(from, at), match: false })
    segments.push({ text: text.slice(at, at + needle.length), match: true })
    from = at + needle.length
  }
  if (from < text.length) segments.push({ text: text.slice(from), match: false })
  return segments
}

/** Whether `text` contains `keyword` the way `highlight` would mark it. */
export function containsKeyword(text: string, keyword: string): boolean {
  const needle = foldCase(keyword.trim())
  return needle !== '' && foldCase(text).includes(needle)
}

/** Lowercases ASCII only, so indexes in the folded text stay valid in the original. */
function foldCase(value: string): string {
  return value.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}

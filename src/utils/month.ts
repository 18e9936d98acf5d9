/** The month `delta` months from `month` (`YYYY-MM`). */
export function shiftMonth(month: string, delta: number): string {
  const [year, number] = month.split('-').map(Number)
  const index = year * 12 + (number - 1) + delta
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** `2026-11` as people say it: 2026年11月. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number)
  return `${year}年${number}月`
}

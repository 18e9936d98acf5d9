const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']
const units = ['', '十', '百', '千']

/**
 * Writes 0–9999 in Chinese numerals the way rules are numbered: 十 not 一十 at the start,
 * one 零 for each run of zeros inside (一百零五, 一千零一十), none at the end (二百).
 */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 9999) return String(value)
  if (value === 0) return digits[0]
  const places = String(value).split('').map(Number)
  let result = ''
  let pendingZero = false
  places.forEach((digit, index) => {
    const unit = units[places.length - 1 - index]
    if (digit === 0) {
      pendingZero = result !== ''
      return
    }
    if (pendingZero) result += digits[0]
    pendingZero = false
    const leadingTen = result === '' && digit === 1 && unit === '十'
    result += (leadingTen ? '' : digits[digit]) + unit
  })
  return result
}

/** 第一条, 第十二条 … */
export function articleLabel(number: number): string {
  return `第${chineseNumeral(number)}条`
}

/** 第一章, 第三章 … */
export function chapterLabel(number: number): string {
  return `第${chineseNumeral(number)}章`
}

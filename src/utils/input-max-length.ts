/**
 * The `maxLength` for a native input whose field the contract limits to `max` characters.
 * The contract counts characters (code points: 😀 and 𠀀 are one each, types/common.ts), while
 * the browser's and WeChat's inputs count UTF-16 units (😀 is two). Twice the limit never cuts
 * off a text the contract accepts, yet still stops an endless paste; the exact count is the
 * form's validation, with the contract's own schema: 称呼不能超过 20 个字.
 */
export function inputMaxLength(max: number): number {
  return max * 2
}

import type { BanquetLimit, CeremonyType, GiftLimit, Relationship } from '../../../types/ceremony'

/** A gift-limit cell of the table: ≤200元, or a dash when the council set none. */
export function giftCell(
  giftLimits: GiftLimit[],
  ceremonyType: CeremonyType,
  relationship: Relationship,
): string {
  const limit = giftLimits.find(
    (item) => item.ceremonyType === ceremonyType && item.relationship === relationship,
  )
  return limit ? `≤${limit.maxAmount}元` : '—'
}

/**
 * The banquet limits as plain sentences. Given a ceremony type, only the ones that apply to it:
 * bride price and wedding cars only concern weddings.
 */
export function banquetLines(limit: BanquetLimit, ceremonyType?: CeremonyType): string[] {
  const lines = [
    `酒席不超过 ${limit.maxTables} 桌`,
    `每桌不超过 ${limit.maxCostPerTable} 元`,
    `香烟每包不超过 ${limit.maxCigarettePrice} 元`,
    `酒每瓶不超过 ${limit.maxLiquorPrice} 元`,
  ]
  if (!ceremonyType || ceremonyType === 'wedding') {
    lines.push(`婚车不超过 ${limit.maxCars} 辆`, `彩礼不超过 ${limit.maxBridePrice} 元`)
  }
  return lines
}

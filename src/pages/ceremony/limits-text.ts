import type { BanquetLimit, GiftLimit } from '../../../types/ceremony'
import {
  ceremonyTypeLabels,
  ceremonyTypes,
  relationshipLabels,
  relationships,
  type CeremonyType,
  type Relationship,
} from '../../../types/ceremony-labels'

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

/**
 * The notes under the gift table, one line per distinct note, saying what it applies to. A note
 * shared by every ceremony for one relationship reads "亲属：…" rather than six lines.
 */
export function giftNotes(giftLimits: GiftLimit[]): string[] {
  const byNote = new Map<string, GiftLimit[]>()
  for (const ceremonyType of ceremonyTypes) {
    for (const relationship of relationships) {
      const limit = giftLimits.find(
        (item) => item.ceremonyType === ceremonyType && item.relationship === relationship,
      )
      const note = limit?.note.trim()
      if (limit && note) byNote.set(note, [...(byNote.get(note) ?? []), limit])
    }
  }
  return Array.from(byNote, ([note, limits]) => {
    const appliesTo = relationships.flatMap((relationship) => {
      const types = limits
        .filter((limit) => limit.relationship === relationship)
        .map((limit) => limit.ceremonyType)
      if (types.length === ceremonyTypes.length) return [relationshipLabels[relationship]]
      return types.map(
        (type) => `${ceremonyTypeLabels[type]} · ${relationshipLabels[relationship]}`,
      )
    })
    return `${appliesTo.join('、')}：${note}`
  })
}

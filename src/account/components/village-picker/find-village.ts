import type { TownWithVillages } from '../../../../types/session'

export interface VillageChoice {
  townId: string
  townName: string
  villageId: string
  villageName: string
}

/** The village with this id and its town, or null when no town has it (e.g. a stale link). */
export function findVillage(
  towns: TownWithVillages[],
  villageId: string | null,
): VillageChoice | null {
  if (!villageId) return null
  for (const town of towns) {
    const village = town.villages.find((candidate) => candidate.id === villageId)
    if (village) {
      return {
        townId: town.id,
        townName: town.name,
        villageId: village.id,
        villageName: village.name,
      }
    }
  }
  return null
}

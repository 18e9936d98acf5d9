import type { Db } from '../store/db'
import { addMember } from '../core/identity'
import { insertRulesVersion } from '../domain/rules-store'
import { insertStartingLimits } from '../domain/village-setup'
import { rulesPublishSchema } from '../../types/rules'
import {
  bailuRules,
  demoCeremonyCouncil,
  demoLimitNotes,
  demoPersonas,
  demoTowns,
  demoVillages,
  shilongRulesV1,
  shilongRulesV2,
} from './demo-content'

const demoVillageId = 'village-shilong'

/**
 * Fills an empty database with the demo village and its neighbours. Does nothing when any
 * town exists, so a restart keeps whatever people changed.
 */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('towns').select('id').limit(1).executeTakeFirst()
    if (existing) return false
    const at = now.toISOString()
    await trx.insertInto('towns').values(demoTowns).execute()
    await trx
      .insertInto('villages')
      .values(demoVillages.map((village) => ({ ...village, createdAt: at })))
      .execute()
    for (const village of demoVillages) {
      await insertStartingLimits(trx, village.id, at, demoLimitNotes)
    }
    await trx
      .insertInto('ceremonyCouncilMembers')
      .values(demoCeremonyCouncil.map((member) => ({ ...member, villageId: demoVillageId })))
      .execute()
    for (const [villageId, rules] of [
      [demoVillageId, { ...shilongRulesV1, basedOnVersionNo: 0 }],
      [demoVillageId, { ...shilongRulesV2, basedOnVersionNo: 1 }],
      ['village-bailu', { ...bailuRules, basedOnVersionNo: 0 }],
    ] as const) {
      const published = new Date(Date.parse(`${rules.adoptedOn}T10:00:00Z`) + 86400_000)
      await insertRulesVersion(
        trx,
        villageId,
        rulesPublishSchema.parse(rules),
        null,
        published.toISOString(),
      )
    }
    for (const persona of demoPersonas) {
      await addMember(
        trx,
        {
          villageId: demoVillageId,
          displayName: persona.displayName,
          demoPersona: persona.key,
          roles: persona.roles,
        },
        at,
      )
    }
    return true
  })
}

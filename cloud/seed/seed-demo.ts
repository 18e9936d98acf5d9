import type { Db } from '../store/db'
import { addMember } from '../core/identity'
import { insertRulesVersion } from '../domain/rules-store'
import { insertStartingLimits } from '../domain/village-setup'
import { rulesPublishSchema } from '../../types/rules'
import { seedDemoCouncil } from './demo-council'
import { seedDemoServiceCenter } from './demo-service-center'
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
 * Seeds the demo village and its neighbours unless the demo village is already there, so a restart
 * keeps whatever people changed, and villages opened with `npm run village:add` (before or after)
 * neither stop the demo nor are touched by it. Two starts racing: the loser's insert of the demo
 * village fails on its key and its whole transaction rolls back.
 */
export async function seedDemoIfAbsent(db: Db, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('villages')
      .select('id')
      .where('id', '=', demoVillageId)
      .executeTakeFirst()
    if (existing) return false
    const at = now.toISOString()
    // A town the operator opened is another town, whatever its name: only the demo's own ids count.
    await trx
      .insertInto('towns')
      .values(demoTowns)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('villages')
      .values(demoVillages.map((village) => ({ ...village, createdAt: at })))
      .execute()
    for (const village of demoVillages) {
      await insertStartingLimits(trx, village.id, at, demoLimitNotes)
    }
    await seedDemoServiceCenter(trx, demoVillageId, now)
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
    const people = new Map<string, string>()
    for (const persona of demoPersonas) {
      const userId = await addMember(
        trx,
        {
          villageId: demoVillageId,
          displayName: persona.displayName,
          demoPersona: persona.key,
          roles: persona.roles,
        },
        at,
      )
      people.set(persona.key, userId)
    }
    const person = (key: string) => people.get(key) ?? ''
    await seedDemoCouncil(
      trx,
      demoVillageId,
      {
        villager: person('villager'),
        councilMember: person('councilMember'),
        councilChair: person('councilChair'),
        partyReviewer: person('partyReviewer'),
        // 李明 works at the service center and, as a 村两委 cadre, carries out resolutions.
        villageCommittee: person('staff'),
      },
      now,
    )
    return true
  })
}

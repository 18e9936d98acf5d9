import {
  ceremonyTypes,
  relationships,
  type CeremonyType,
  type Relationship,
} from '../../types/ceremony'
import { changeAsSystem } from '../core/change'
import type { Db } from '../store/db'
import { formatInvitationCode, newInvitationCode } from './invitation-code'
import { newVillageCode, retryOnCodeClash } from './village-code'
import { newRowId } from '../store/row-id'

/**
 * The limits a new village starts from, before its ceremony council sets its own: caps seen in
 * Chinese villages' rules (gifts ≤200 yuan for relatives, ≤100 or ≤50 for neighbours, ≤20 tables
 * at ≤350 yuan, ≤6 cars, bride price ≤20,000 yuan).
 */
const startingGiftCaps: Record<CeremonyType, Record<Relationship, number>> = {
  wedding: { relative: 200, neighborFriend: 100 },
  funeral: { relative: 200, neighborFriend: 100 },
  schoolAdmission: { relative: 200, neighborFriend: 50 },
  houseWarming: { relative: 200, neighborFriend: 50 },
  fullMonth: { relative: 200, neighborFriend: 50 },
  longevity: { relative: 200, neighborFriend: 50 },
}
export const startingBanquetLimit = {
  maxTables: 20,
  maxCostPerTable: 350,
  maxCigarettePrice: 15,
  maxLiquorPrice: 50,
  maxCars: 6,
  maxBridePrice: 20000,
}

type GiftNoteKey = `${CeremonyType}.${Relationship}`

/** Writes a village's starting gift and banquet limits, with any notes given. */
export async function insertStartingLimits(
  db: Db,
  villageId: string,
  at: string,
  notes: { gifts?: Partial<Record<GiftNoteKey, string>>; banquet?: string } = {},
): Promise<void> {
  await db
    .insertInto('giftLimits')
    .values(
      ceremonyTypes.flatMap((ceremonyType) =>
        relationships.map((relationship) => ({
          villageId,
          ceremonyType,
          relationship,
          maxAmount: startingGiftCaps[ceremonyType][relationship],
          note: notes.gifts?.[`${ceremonyType}.${relationship}`] ?? '',
          updatedAt: at,
        })),
      ),
    )
    .execute()
  await db
    .insertInto('banquetLimits')
    .values({ ...startingBanquetLimit, note: notes.banquet ?? '', villageId, updatedAt: at })
    .execute()
}

export class VillageExistsError extends Error {}

export interface ProvisionOptions {
  adminCodeValidDays?: number
  /** Where the village's code comes from; tests pass a taken one to see the clash retried. */
  newCode?: () => string
}

/**
 * Opens a real village: its town (found by name or created), the village with the code its QR
 * code carries, its starting limits, and a one-time 管理员 invitation code for the person who
 * will run it. Returns both codes. A random village code that clashes with another village's is
 * drawn again, in a new transaction. The operator who runs it is no user of the village, so the
 * village's audit log opens with an entry by 系统.
 */
export async function provisionVillage(
  db: Db,
  names: { townName: string; villageName: string },
  now: Date,
  { adminCodeValidDays = 30, newCode = newVillageCode }: ProvisionOptions = {},
): Promise<{ villageId: string; villageCode: string; adminCode: string; expiresAt: string }> {
  const at = now.toISOString()
  const villageId = newRowId()
  const open = () =>
    changeAsSystem({ db, now: () => now }, villageId, 'village.open', async (trx) => {
      const town =
        (await trx
          .selectFrom('towns')
          .select('id')
          .where('name', '=', names.townName)
          .executeTakeFirst()) ??
        (await trx
          .insertInto('towns')
          .values({ id: newRowId(), name: names.townName })
          .returning('id')
          .executeTakeFirstOrThrow())
      const existing = await trx
        .selectFrom('villages')
        .select('id')
        .where('townId', '=', town.id)
        .where('name', '=', names.villageName)
        .executeTakeFirst()
      if (existing)
        throw new VillageExistsError(`${names.townName}${names.villageName}已经开通过了`)
      const villageCode = newCode()
      await trx
        .insertInto('villages')
        .values({
          id: villageId,
          code: villageCode,
          townId: town.id,
          name: names.villageName,
          intro: '',
          createdAt: at,
        })
        .execute()
      await insertStartingLimits(trx, villageId, at)
      const code = newInvitationCode()
      const expiresAt = new Date(now.getTime() + adminCodeValidDays * 86400_000).toISOString()
      await trx
        .insertInto('invitations')
        .values({
          id: newRowId(),
          villageId,
          code,
          role: 'admin',
          // No one in the village exists yet: the code comes from whoever opened it.
          createdBy: null,
          createdAt: at,
          expiresAt,
          redeemedBy: null,
          redeemedAt: null,
          revokedAt: null,
        })
        .execute()
      return {
        result: { villageId, villageCode, adminCode: formatInvitationCode(code), expiresAt },
        audit: {
          target: `${names.townName}${names.villageName}`,
          before: null,
          after: { role: 'admin', expiresAt },
        },
      }
    })
  return retryOnCodeClash(open)
}

import * as z from 'zod'
import { action, change, noInput } from './api'
import { idSchema, text } from './common'
import type { Role } from './roles'
import type { MembershipStatus } from './membership'

export const personaKeys = [
  'villager',
  'staff',
  'councilMember',
  'councilChair',
  'partyReviewer',
  'admin',
] as const
export type PersonaKey = (typeof personaKeys)[number]

export interface VillageSummary {
  id: string
  name: string
  townId: string
  townName: string
}

export interface Me {
  user: { id: string; displayName: string }
  /** Null until a first-time user has picked their village. */
  village: VillageSummary | null
  roles: Role[]
  /**
   * Where the user stands with the village they picked: 'pending' until it approves them,
   * 'declined' (then `village` is null: they may pick another), null before picking one.
   */
  membership: MembershipStatus | null
  /** True when the server runs in demo mode (persona switching allowed). */
  demo: boolean
}

export interface SignInResult {
  token: string
  me: Me
}

export interface Persona {
  key: PersonaKey
  displayName: string
  roles: Role[]
  villageName: string
}

export interface TownWithVillages {
  id: string
  name: string
  villages: { id: string; name: string }[]
}

/** Invitation codes are shown as `ABCD-2345`; villagers may type them with spaces or lowercase. */
export const invitationCodeSchema = text(32)
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码是 8 位字母或数字'))

/**
 * A village's code, from its QR code (`v=<code>`): 6 to 8 letters and digits. Read leniently
 * (case, spaces); a well-formed code no village has is answered NOT_FOUND.
 */
export const villageCodeSchema = text(32)
  .transform((value) => value.replace(/\s/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6,8}$/, '二维码上的村码不对'))

/** A first-time user joins a village under the name people there know them by. */
export const joinVillageSchema = z.strictObject({ villageId: idSchema, displayName: text(20) })

export const sessionContract = {
  listPersonas: action<Persona[]>()(noInput),
  // Signing in and out are declared as plain actions, not changes: they touch only session
  // bookkeeping (a session row, and a village-less user row on a first WeChat sign-in), never
  // village data, so there is nothing for a village's audit log. Nor may their answers be kept
  // for replay: a sign-in's answer is a bearer token, which the store keeps only as a hash.
  demoSignIn: action<SignInResult>()(z.strictObject({ persona: z.enum(personaKeys) })),
  wxSignIn: action<SignInResult>()(z.strictObject({ code: text(128) })),
  me: action<Me>()(noInput),
  listTowns: action<TownWithVillages[]>()(noInput),
  /** The village a QR code names, to preselect in the village picker. */
  villageByCode: action<VillageSummary>()(z.strictObject({ code: villageCodeSchema })),
  joinVillage: change<Me>()(joinVillageSchema),
  redeemInvitation: change<Me>()(z.strictObject({ code: invitationCodeSchema })),
  /** Leaves the village: its roles end, the person is in no village and may join another. */
  leaveVillage: change<Me>()(noInput),
  /** Closes the account (注销): see cloud/domain/account-closing.ts for what goes and stays. */
  closeAccount: change<{ closed: true }>()(noInput),
  signOut: action<{ signedOut: true }>()(noInput),
  signOutEverywhere: action<{ signedOut: true; sessionsEnded: number }>()(noInput),
}

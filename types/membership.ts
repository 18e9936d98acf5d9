import * as z from 'zod'
import { action, change, noInput } from './api'
import { idSchema } from './common'

/**
 * Where a villager stands in their village: 待同意 (joined a village that approves its members,
 * not yet approved), 村民, or 未同意 (the village said no; they may pick another village). Only an approved member sees the council's phone numbers and may do
 * what villagers do; a pending one reads the rules and the limits.
 */
export const membershipStatuses = ['pending', 'approved', 'declined'] as const
export type MembershipStatus = (typeof membershipStatuses)[number]

/** Whether a village approves each new member ('approval') or lets anyone in ('open'). */
export const joinPolicies = ['approval', 'open'] as const
export type JoinPolicy = (typeof joinPolicies)[number]

export interface PendingMember {
  userId: string
  displayName: string
  villagerNo: number | null
}

export interface PendingMembers {
  joinPolicy: JoinPolicy
  members: PendingMember[]
}

const memberInput = z.strictObject({ userId: idSchema })

export const membershipContract = {
  /** Staff and admins: the members waiting to be approved, and the village's join policy. */
  pending: action<PendingMembers>()(noInput),
  approve: change<PendingMember>()(memberInput),
  /** The person leaves the village at once and may pick another one. */
  decline: change<PendingMember>()(memberInput),
  setJoinPolicy: change<{ joinPolicy: JoinPolicy }>()(
    z.strictObject({ joinPolicy: z.enum(joinPolicies) }),
  ),
}

import type { JoinPolicy, MembershipStatus } from '../../types/membership'

/** What a member the village has yet to approve is told when they try a villager's action. */
export const pendingRefusal =
  '村里还没有同意您加入，同意后才能办这件事；有邀请码的可以在“我的”里输入，马上生效'

/** Where a new member stands on joining: a village that approves its members has them wait. */
export function membershipOnJoining(policy: JoinPolicy): MembershipStatus {
  return policy === 'approval' ? 'pending' : 'approved'
}

/**
 * A phone number as a member may see it: the council's numbers are for approved members only,
 * so joining a village (anyone can pick one) never hands them out.
 */
export function phoneFor(membership: MembershipStatus, phone: string | null): string | null {
  return membership === 'approved' ? phone : null
}

/**
 * Roles a user can hold in their village. Every signed-in member of a village is a villager;
 * the others are granted (by invitation code) and can be revoked.
 */
export const grantableRoles = [
  'staff',
  'councilMember',
  'councilChair',
  'partyReviewer',
  'ceremonyCouncilMember',
  'villageCommittee',
  'admin',
] as const
export type GrantableRole = (typeof grantableRoles)[number]
export type Role = 'villager' | GrantableRole

export const roleLabels: Record<Role, string> = {
  villager: '村民',
  staff: '工作人员',
  councilMember: '议事会成员',
  councilChair: '理事长',
  partyReviewer: '党组织审核人',
  ceremonyCouncilMember: '红白理事会成员',
  villageCommittee: '村两委',
  admin: '管理员',
}

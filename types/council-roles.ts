import type { GrantableRole, Role } from './roles'

// Apart from council.ts, which builds the contract's schemas with zod: the 议事 tab in the main
// package asks who is on the council, and must not bring zod along.

/** Who works the council's inbox and sees who filed an anonymous suggestion. */
export const councilRoles = [
  'councilMember',
  'councilChair',
  'partyReviewer',
] as const satisfies readonly GrantableRole[]
export const onCouncil = (roles: readonly Role[]) =>
  roles.some((role) => (councilRoles as readonly Role[]).includes(role))

/** Who prepares topics: the members and the chair (the party reviewer reviews them). */
export const topicMakers = [
  'councilMember',
  'councilChair',
] as const satisfies readonly GrantableRole[]
export const makesTopics = (roles: readonly Role[]) =>
  roles.some((role) => (topicMakers as readonly Role[]).includes(role))

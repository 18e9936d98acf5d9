import type { GrantableRole, Role } from './roles'

// Apart from the schemas in ./ceremony-filing: 红白喜事 (main package) asks it without zod.

/** Who handles filings and sees every filing of the village: the ceremony council, and admins. */
export const filingCouncilRoles = [
  'ceremonyCouncilMember',
  'admin',
] as const satisfies readonly GrantableRole[]
export const handlesFilings = (roles: readonly Role[]) =>
  roles.some((role) => (filingCouncilRoles as readonly Role[]).includes(role))

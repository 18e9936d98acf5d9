import { roleLabels, type Role } from '../../../../types/roles'

/** Roles in `after` that were not in `before`: what an invitation code just granted. */
export function grantedRoles(before: Role[], after: Role[]): Role[] {
  return after.filter((role) => !before.includes(role))
}

/** The sentence shown after redeeming a code, e.g. "已获得：理事长、议事会成员". */
export function grantedMessage(granted: Role[]): string {
  return granted.length
    ? `已获得：${granted.map((role) => roleLabels[role]).join('、')}`
    : '这个邀请码的身份您已经有了'
}

import type { InvitationStatus } from '../../../../types/admin'

export const invitationStatusLabels: Record<InvitationStatus, string> = {
  active: '有效',
  redeemed: '已使用',
  expired: '已过期',
  revoked: '已作废',
}

/** Codes are read aloud and typed by hand: shown as ABCD-2345, however the server spells them. */
export function formatInvitationCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '').toUpperCase()
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain
}

import type { AppointmentStatus } from '../../types/service-center'

/** What staff or the villager can do to an appointment, and from which statuses. */
export const transitions = {
  confirm: { from: ['pending'], to: 'confirmed' },
  reject: { from: ['pending'], to: 'rejected' },
  cancel: { from: ['pending', 'confirmed'], to: 'cancelled' },
  move: { from: ['pending', 'confirmed'], to: null },
  checkIn: { from: ['pending', 'confirmed'], to: 'checkedIn' },
  finish: { from: ['checkedIn'], to: 'done' },
  markNoShow: { from: ['pending', 'confirmed'], to: 'noShow' },
  recordFollowUp: { from: ['done'], to: 'archived' },
} as const satisfies Record<
  string,
  { from: readonly AppointmentStatus[]; to: AppointmentStatus | null }
>
export type Transition = keyof typeof transitions

/** Whether the step makes sense from this status. */
export function canTransition(step: Transition, status: AppointmentStatus): boolean {
  return (transitions[step].from as readonly AppointmentStatus[]).includes(status)
}

/** Statuses that free the place the appointment held. */
export function freesPlace(status: AppointmentStatus): boolean {
  return status === 'cancelled' || status === 'rejected' || status === 'noShow'
}

/** Whether a villager may still cancel: a place-holding status, and before the cut-off. */
export function canCancel(
  status: AppointmentStatus,
  slotStart: string,
  cancelCutoffMinutes: number,
  now: Date,
): boolean {
  return (
    canTransition('cancel', status) &&
    now.getTime() <= Date.parse(slotStart) - cancelCutoffMinutes * 60_000
  )
}

/**
 * The no-show rule: `limit` no-shows within the window block online booking until `blockDays`
 * after now. A limit of 0 turns the rule off. Answers the end of the block, or null.
 */
export function noShowBlockUntil(
  noShowsInWindow: number,
  rule: { noShowLimit: number; noShowBlockDays: number },
  now: Date,
): string | null {
  if (rule.noShowLimit === 0 || noShowsInWindow < rule.noShowLimit) return null
  return new Date(now.getTime() + rule.noShowBlockDays * 86_400_000).toISOString()
}

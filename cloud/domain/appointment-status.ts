import { canTransition, type AppointmentStatus } from '../../types/service-center'

// The steps and the statuses they start from are the contract's: the desk shows only the buttons
// that make sense.
export { canTransition, transitions, type Transition } from '../../types/service-center'

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

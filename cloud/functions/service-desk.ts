import type { ChangeDef, ReadDef } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'

/**
 * The staff side of the 党群服务中心 is declared in the contract but not built yet: every action
 * answers plainly that it is not open, rather than pretending to work.
 */
function notOpenYet(changes: true): ChangeDef<unknown, never>
function notOpenYet(changes: false): ReadDef<unknown, never>
function notOpenYet(changes: boolean): ChangeDef<unknown, never> | ReadDef<unknown, never> {
  return {
    access: ['staff', 'admin'],
    changes,
    handle: () =>
      Promise.reject(new AppError('FAILED_PRECONDITION', '服务中心的这项功能还没有开通')),
  } as ChangeDef<unknown, never>
}

export const serviceDeskHandlers: FunctionHandlers<'serviceDesk'> = {
  day: notOpenYet(false),
  confirm: notOpenYet(true),
  reject: notOpenYet(true),
  move: notOpenYet(true),
  checkIn: notOpenYet(true),
  finish: notOpenYet(true),
  markNoShow: notOpenYet(true),
  registerWalkIn: notOpenYet(true),
  followUps: notOpenYet(false),
  recordFollowUp: notOpenYet(true),
  blocks: notOpenYet(false),
  liftBlock: notOpenYet(true),
  settings: notOpenYet(false),
  saveSettings: notOpenYet(true),
  services: notOpenYet(false),
  saveService: notOpenYet(true),
  plan: notOpenYet(false),
  savePlan: notOpenYet(true),
  closedDates: notOpenYet(false),
  addClosedDate: notOpenYet(true),
  removeClosedDate: notOpenYet(true),
  roster: notOpenYet(false),
  saveRoster: notOpenYet(true),
  export: notOpenYet(false),
  monthFigures: notOpenYet(false),
}

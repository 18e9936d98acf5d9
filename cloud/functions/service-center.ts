import type { ChangeDef, ReadDef } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'

/**
 * The villagers' side of the 党群服务中心 is declared in the contract but not built yet: every action
 * answers plainly that it is not open, rather than pretending to work.
 */
function notOpenYet(changes: true): ChangeDef<unknown, never>
function notOpenYet(changes: false): ReadDef<unknown, never>
function notOpenYet(changes: boolean): ChangeDef<unknown, never> | ReadDef<unknown, never> {
  return {
    access: 'villager',
    changes,
    handle: () =>
      Promise.reject(new AppError('FAILED_PRECONDITION', '服务中心的这项功能还没有开通')),
  } as ChangeDef<unknown, never>
}

export const serviceCenterHandlers: FunctionHandlers<'serviceCenter'> = {
  center: notOpenYet(false),
  service: notOpenYet(false),
  availability: notOpenYet(false),
  lastContact: notOpenYet(false),
  book: notOpenYet(true),
  myAppointments: notOpenYet(false),
  cancel: notOpenYet(true),
  rate: notOpenYet(true),
}

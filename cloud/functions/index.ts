import type { Handlers } from '../core/dispatch'
import { adminHandlers } from './admin'
import { ceremonyHandlers } from './ceremony'
import { membershipHandlers } from './membership'
import { messagesHandlers } from './messages'
import { rulesHandlers } from './rules'
import { serviceCenterHandlers } from './service-center'
import { serviceDeskHandlers } from './service-desk'
import { sessionHandlers } from './session'

/** Every API function's handlers, keyed like the contract in types/contract.ts. */
export const handlers: Handlers = {
  session: sessionHandlers,
  rules: rulesHandlers,
  ceremony: ceremonyHandlers,
  admin: adminHandlers,
  messages: messagesHandlers,
  membership: membershipHandlers,
  serviceCenter: serviceCenterHandlers,
  serviceDesk: serviceDeskHandlers,
}

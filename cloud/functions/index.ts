import type { Handlers } from '../core/dispatch'
import { adminHandlers } from './admin'
import { heldWordsHandlers } from './held-words'
import { ceremonyHandlers } from './ceremony'
import { suggestionHandlers } from './council-suggestions'
import { meetingHandlers } from './council-meetings'
import { outcomeHandlers } from './council-outcomes'
import { topicHandlers } from './council-topics'
import { filingFamilyHandlers } from './ceremony-filing'
import { filingCouncilHandlers } from './ceremony-filing-council'
import { filingSummaryHandlers } from './ceremony-filing-summary'
import { membershipHandlers } from './membership'
import { messagesHandlers } from './messages'
import { photosHandlers } from './photos'
import { rulesHandlers } from './rules'
import { serviceCenterHandlers } from './service-center'
import { serviceDeskHandlers } from './service-desk'
import { sessionHandlers } from './session'

/** Every API function's handlers, keyed like the contract in types/contract.ts. */
export const handlers: Handlers = {
  session: sessionHandlers,
  rules: rulesHandlers,
  ceremony: ceremonyHandlers,
  admin: { ...adminHandlers, ...heldWordsHandlers },
  messages: messagesHandlers,
  membership: membershipHandlers,
  ceremonyFiling: { ...filingFamilyHandlers, ...filingCouncilHandlers, ...filingSummaryHandlers },
  council: { ...suggestionHandlers, ...topicHandlers, ...meetingHandlers, ...outcomeHandlers },
  serviceCenter: serviceCenterHandlers,
  serviceDesk: serviceDeskHandlers,
  photos: photosHandlers,
}

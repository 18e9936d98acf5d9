import type { MessageKind } from '../../types/messages'
import { canAskForSubscription } from '../services/subscribe'
import { useQuery } from './use-query'

/**
 * The subscribe templates of one kind of message (a booking asks for the appointment template,
 * a suggestion for the council's), loaded before the tap: WeChat shows its dialog only straight
 * from a tap, so nothing may be fetched inside it. Empty where there is nothing to ask (H5).
 */
export function useSubscribeTemplates(kind: MessageKind): string[] {
  // A build-time constant (weapp or not): every render of a build takes the same branch.
  const templates = canAskForSubscription
    ? // eslint-disable-next-line react-hooks/rules-of-hooks
      useQuery('messages', 'subscribeTemplates', { kind })
    : null
  return templates?.data?.templateIds ?? []
}

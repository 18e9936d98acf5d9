import Taro from '@tarojs/taro'
import { maxTemplatesPerRequest } from '../../types/wechat-limits'
import { call } from './api'

/** Only the mini-program has WeChat's subscribe dialog; on H5 there is nothing to ask. */
export const canAskForSubscription = process.env.TARO_ENV === 'weapp'

export type SubscribeOutcome = 'accepted' | 'rejected' | 'failed'

/**
 * Shows WeChat's subscribe dialog for these templates and tells the server what the user
 * accepted. Must be called straight from a tap handler: WeChat refuses the dialog otherwise,
 * so the template ids are loaded before the tap, never fetched inside it.
 */
export async function askForSubscription(templateIds: string[]): Promise<SubscribeOutcome> {
  const tmplIds = templateIds.slice(0, maxTemplatesPerRequest)
  let answer: Record<string, unknown>
  try {
    // Taro's option type also demands alipay's entityIds; weapp takes tmplIds alone.
    answer = (await Taro.requestSubscribeMessage({ tmplIds } as never)) as Record<string, unknown>
  } catch {
    return 'failed'
  }
  const results = tmplIds.map((templateId) => ({
    templateId,
    accepted: answer[templateId] === 'accept',
  }))
  await call('messages', 'recordSubscription', { results })
  return results.some((result) => result.accepted) ? 'accepted' : 'rejected'
}

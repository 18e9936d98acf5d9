import cloud from 'wx-server-sdk'
import { readConfig } from '../config'
import { startServices } from '../app'
import type { Services } from '../core/context'
import { dispatch } from '../core/dispatch'
import { handlers } from '../functions'
import { recordMediaVerdict } from '../domain/photos'
import { runJobs } from '../jobs'
import { createCloudWeChat } from '../wechat/cloud-wechat'

/**
 * The WeChat 云开发 entry: one cloud function named `api` hosts every API function. The
 * client sends `{ function, action, data, requestId }`; the caller is whoever WeChat says
 * (`getWXContext().OPENID`), never anything in the payload.
 */
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

// Kept across invocations of a warm instance: connect and migrate once.
let services: Promise<Services> | null = null

export async function main(event: Record<string, unknown>) {
  services ??= startServices(
    readConfig(process.env, 'cloudFunction'),
    createCloudWeChat(cloud.openapi, cloud),
  ).catch((error) => {
    services = null
    throw error
  })
  let ready: Services
  try {
    ready = await services
  } catch (error) {
    // The store is unreachable or a migration failed: answer in the envelope, try again next call.
    console.error('[api] start', error)
    return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } }
  }
  const { OPENID } = cloud.getWXContext()
  // 云开发's timer trigger (config.json `triggers`); nobody reads the answer. A mini-program
  // call always carries its user's OPENID, so a client cannot pose as the timer.
  if (!OPENID && event?.Type === 'timer' && event.TriggerName === 'outbox') {
    return { ok: true, data: await runJobs(ready) }
  }
  // WeChat's media-check verdict, pushed to this function (云开发 消息推送). Only WeChat knows a
  // check's trace id (no answer of ours carries one), so a client sending this event itself
  // cannot settle a check.
  if (event?.MsgType === 'event' && event.Event === 'wxa_media_check') {
    await recordMediaVerdict(ready, event)
    return 'success'
  }
  const { function: functionName, ...envelope } = event ?? {}
  return dispatch(
    ready,
    handlers,
    typeof functionName === 'string' ? functionName : '',
    envelope,
    // wx-server-sdk turns an all-digit value into a number; an openid is always a string.
    { kind: 'openid', openid: OPENID ? String(OPENID) : null },
    'cloud',
  )
}

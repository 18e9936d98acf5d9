import type { Config } from '../config'
import { AppError } from '../core/errors'

export interface WxSession {
  openid: string
  sessionKey: string
}

/** The one WeChat server call we make: exchanging a wx.login code for an openid. */
export interface WxApi {
  code2Session(code: string): Promise<WxSession>
}

interface Code2SessionReply {
  openid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

export function createWxApi(config: Pick<Config, 'wxAppId' | 'wxSecret' | 'wxApiBase'>): WxApi {
  return {
    async code2Session(code) {
      if (!config.wxAppId || !config.wxSecret) {
        throw new AppError('FAILED_PRECONDITION', '服务器还没有配置微信登录，请联系村里管理员')
      }
      const url = new URL('/sns/jscode2session', config.wxApiBase)
      url.search = new URLSearchParams({
        appid: config.wxAppId,
        secret: config.wxSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString()
      let reply: Code2SessionReply
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(8000) })
        reply = (await response.json()) as Code2SessionReply
      } catch {
        throw new AppError('INTERNAL', '暂时连不上微信，请稍后再试')
      }
      if (!reply.openid || !reply.session_key) {
        // 40029 (bad code) and 40163 (code used) mean: log in again. Not UNAUTHENTICATED, which
        // tells a client its session ended; here the sign-in itself failed and says so.
        throw new AppError('FAILED_PRECONDITION', '微信登录没有成功，请再试一次', 'code')
      }
      return { openid: reply.openid, sessionKey: reply.session_key }
    },
  }
}

// The parts of wx-server-sdk we use; the package ships no usable types.
declare module 'wx-server-sdk' {
  const cloud: {
    DYNAMIC_CURRENT_ENV: symbol
    init(options?: { env?: string | symbol }): void
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string }
    openapi: import('../wechat/cloud-wechat').CloudOpenApi
    getTempFileURL: import('../wechat/cloud-wechat').CloudFiles['getTempFileURL']
  }
  export default cloud
}

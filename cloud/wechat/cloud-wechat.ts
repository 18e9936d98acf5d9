import { toTemplateData } from './subscribe-data'
import { checkTextInParts, WeChatError, type WeChat } from './wechat'

/**
 * The 云调用 (openapi) this implementation uses. The cloud function's config.json grants exactly
 * these (scripts/build-cloud.mjs writes it from cloud/cloud-function/function-config.ts); a
 * call to one that is not listed is refused in the cloud.
 */
export const cloudOpenapiPermissions = [
  'subscribeMessage.send',
  'security.msgSecCheck',
  'security.mediaCheckAsync',
  'wxacode.getUnlimited',
] as const

/**
 * The part of wx-server-sdk's `cloud.openapi` we call. The SDK turns camelCase arguments into
 * WeChat's snake_case and answers camelCase; a WeChat refusal is thrown as `{ errCode, errMsg }`.
 */
export interface CloudOpenApi {
  subscribeMessage: {
    send(data: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: string
      lang: 'zh_CN'
    }): Promise<unknown>
  }
  security: {
    msgSecCheck(data: {
      content: string
      version: 2
      scene: number
      openid: string
      title?: string
    }): Promise<{ result?: { suggest?: string; label?: number | string } }>
    mediaCheckAsync(data: {
      mediaUrl: string
      mediaType: number
      version: 2
      scene: number
      openid: string
    }): Promise<{ traceId?: string }>
  }
  wxacode: {
    getUnlimited(data: {
      scene: string
      page: string
      checkPath: boolean
      envVersion: string
      width?: number
    }): Promise<{ contentType?: string; buffer?: Buffer }>
  }
}

/** The part of wx-server-sdk's 云存储 we call (`cloud.getTempFileURL`); it needs no permission. */
export interface CloudFiles {
  getTempFileURL(options: {
    fileList: Array<{ fileID: string; maxAge: number }>
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL?: string; status?: number }> }>
}

/** What the SDK threw, as a WeChatError: WeChat's errCode, or a network failure without one. */
function toWeChatError(api: string, error: unknown): WeChatError {
  const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown }
  if (typeof errCode === 'number') return new WeChatError(errCode, `${api}: ${String(errMsg)}`)
  return WeChatError.network(api, error)
}

async function calling<T>(api: (typeof cloudOpenapiPermissions)[number], run: () => Promise<T>) {
  try {
    return await run()
  } catch (error) {
    throw toWeChatError(api, error)
  }
}

/**
 * WeChat inside the cloud function: `cloud.openapi` brings its own access token. Without `files`
 * (a test of the openapi calls alone) there is no 云存储 to ask.
 */
export function createCloudWeChat(openapi: CloudOpenApi, files?: CloudFiles): WeChat {
  return {
    async code2Session() {
      // Never reached by a user: wxSignIn refuses cloud callers, whom getWXContext identifies.
      throw new Error('code2Session is not available in the cloud function: use getWXContext()')
    },

    async sendSubscribeMessage(message) {
      await calling('subscribeMessage.send', () =>
        openapi.subscribeMessage.send({
          touser: message.touser,
          templateId: message.templateId,
          page: message.page,
          data: toTemplateData(message.data),
          miniprogramState: message.miniprogramState,
          lang: 'zh_CN',
        }),
      )
    },

    msgSecCheck({ content, openid, scene, title }) {
      return checkTextInParts(content, async (part) => {
        const reply = await calling('security.msgSecCheck', () =>
          openapi.security.msgSecCheck({
            content: part,
            version: 2,
            scene,
            openid,
            ...(title === undefined ? {} : { title }),
          }),
        )
        const suggest = reply.result?.suggest
        if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
          throw new WeChatError(-1, `security.msgSecCheck: no verdict in ${JSON.stringify(reply)}`)
        }
        return { suggest, label: Number(reply.result?.label ?? 0) }
      })
    },

    async mediaCheckAsync({ mediaUrl, mediaType, openid, scene }) {
      const reply = await calling('security.mediaCheckAsync', () =>
        openapi.security.mediaCheckAsync({ mediaUrl, mediaType, version: 2, scene, openid }),
      )
      if (typeof reply.traceId !== 'string') {
        throw new WeChatError(-1, 'security.mediaCheckAsync: no traceId')
      }
      return { traceId: reply.traceId }
    },

    async cloudFileUrls(fileIds, maxAgeSeconds) {
      const urls = new Map<string, string>()
      if (fileIds.length === 0) return urls
      if (!files) throw new Error('cloudFileUrls needs wx-server-sdk’s cloud storage')
      let reply: Awaited<ReturnType<CloudFiles['getTempFileURL']>>
      try {
        reply = await files.getTempFileURL({
          fileList: fileIds.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })),
        })
      } catch (error) {
        throw toWeChatError('getTempFileURL', error)
      }
      for (const file of reply.fileList ?? []) {
        if (file.status === 0 && file.tempFileURL) urls.set(file.fileID, file.tempFileURL)
      }
      return urls
    },

    async getUnlimitedCode({ scene, page, checkPath, envVersion, width }) {
      const reply = await calling('wxacode.getUnlimited', () =>
        openapi.wxacode.getUnlimited({
          scene,
          page,
          checkPath,
          envVersion,
          ...(width === undefined ? {} : { width }),
        }),
      )
      if (!Buffer.isBuffer(reply.buffer))
        throw new WeChatError(-1, 'wxacode.getUnlimited: no image')
      return reply.buffer
    },
  }
}

import QRCode from 'qrcode'
import type { VillageQrCode } from '../../types/admin'
import type { BaseContext, Services } from '../core/context'
import { AppError, notFound } from '../core/errors'
import { WeChatError } from '../wechat/wechat'
import { villageScene } from './village-code'

/**
 * The page a scanned code opens: 首页, which remembers the village before anything else, so a
 * first-time villager finds it chosen on the sign-in page (src/services/launch-village.ts).
 * Without a leading slash, as getUnlimited wants it.
 */
export const villageCodePage = 'pages/home/index'

/** The H5 address of the village: the gateway's QR code holds it; `v` is read like the scene. */
export function villageLink(publicUrl: string, code: string): string {
  return `${publicUrl}/#/${villageCodePage}?v=${encodeURIComponent(code)}`
}

/** WeChat answers JPEG unless asked for a transparent PNG; tell the client which it got. */
function imageMime(bytes: Buffer): 'image/png' | 'image/jpeg' {
  return bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    ? 'image/png'
    : 'image/jpeg'
}

/** WeChat's refusal, said so an admin knows whether to wait, retry or ask for help. */
function wechatRefusal(error: WeChatError): AppError {
  if (error.errcode === 41030) {
    return new AppError(
      'FAILED_PRECONDITION',
      '小程序还没有发布首页，微信暂时做不出小程序码。请等小程序发布以后再来生成。',
    )
  }
  if (error.errcode === 45009) {
    return new AppError('RESOURCE_EXHAUSTED', '这一会儿生成二维码的人太多了，请过一分钟再试。')
  }
  if (error.errcode === -1) {
    return new AppError('INTERNAL', '暂时连不上微信，请过一会儿再试。')
  }
  console.error('[admin.villageQrCode]', error)
  return new AppError('INTERNAL', '微信没有做出小程序码，请稍后再试；一直不行请联系开通本村的人。')
}

async function miniProgramCode(services: Services, code: string): Promise<Buffer> {
  const envVersion = services.config.wxCodeEnvVersion
  try {
    return await services.wechat.getUnlimitedCode({
      scene: villageScene(code),
      page: villageCodePage,
      // WeChat can only check the page against the released version; a trial or develop build
      // may have pages the released one lacks.
      checkPath: envVersion === 'release',
      envVersion,
      width: 430,
    })
  } catch (error) {
    throw error instanceof WeChatError ? wechatRefusal(error) : error
  }
}

/**
 * The village's QR code for its poster. Called from the mini-program (the cloud function) it is
 * a 小程序码 that opens the mini-program with the village chosen; on the gateway, an ordinary QR
 * code of the H5 link, which any phone camera or WeChat can open.
 */
export async function makeVillageQrCode(
  services: Services,
  via: BaseContext['via'],
  villageId: string,
): Promise<VillageQrCode> {
  const village = await services.db
    .selectFrom('villages')
    .innerJoin('towns', 'towns.id', 'villages.townId')
    .select(['villages.name', 'villages.code', 'towns.name as townName'])
    .where('villages.id', '=', villageId)
    .executeTakeFirst()
  if (!village) throw notFound('这个村')
  const about = { villageName: village.name, townName: village.townName, code: village.code }

  if (via === 'cloud') {
    const bytes = await miniProgramCode(services, village.code)
    return {
      ...about,
      kind: 'miniProgramCode',
      link: null,
      image: { mime: imageMime(bytes), base64: bytes.toString('base64') },
    }
  }

  const { publicUrl } = services.config
  if (!publicUrl) {
    throw new AppError(
      'FAILED_PRECONDITION',
      '服务器还没有设置网址（PUBLIC_URL），做不了二维码。请联系为本村开通村民之家的人。',
    )
  }
  const link = villageLink(publicUrl, village.code)
  // Level M survives a little dirt or a fold on a poster by the door; the margin is the quiet
  // zone scanners need around the code; 10 pixels a module keep the modules sharp in print
  // (about 410 pixels for a link this long).
  const bytes = await QRCode.toBuffer(link, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 10,
  })
  return {
    ...about,
    kind: 'qrCode',
    link,
    image: { mime: 'image/png', base64: bytes.toString('base64') },
  }
}

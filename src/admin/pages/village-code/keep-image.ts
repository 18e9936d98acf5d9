import Taro from '@tarojs/taro'
import type { VillageQrCode } from '../../../../types/admin'

/** The poster's image as a data: URL, which <Image> shows on both platforms. */
export function imageSrc(poster: VillageQrCode): string {
  return `data:${poster.image.mime};base64,${poster.image.base64}`
}

function fileName(poster: VillageQrCode): string {
  return `${poster.townName}${poster.villageName}二维码.${poster.image.mime === 'image/png' ? 'png' : 'jpg'}`
}

/** A failed WeChat API call, told to the admin in words. */
export class KeepImageError extends Error {}

/**
 * Writes the image to a file of the mini-program's own: saving to the album and previewing
 * take a file path, not image data.
 */
async function writeImageFile(poster: VillageQrCode): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/village-code-${poster.code}.${poster.image.mime === 'image/png' ? 'png' : 'jpg'}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: poster.image.base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: () =>
        reject(new KeepImageError('手机存储空间不够，没能保存图片。请清理一下手机再试。')),
    }),
  )
  return filePath
}

/** Mini-program: saves the code into the phone's album, from where it can be printed. */
export async function saveToAlbum(poster: VillageQrCode): Promise<void> {
  const filePath = await writeImageFile(poster)
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
  } catch (caught) {
    const errMsg = String((caught as { errMsg?: unknown } | null)?.errMsg ?? '')
    if (/cancel/.test(errMsg)) throw new KeepImageError('没有保存。想保存时再点一次。')
    if (/auth|deny|denied|permission/i.test(errMsg)) {
      throw new KeepImageError(
        '没有相册权限，保存不了。请点右上角“···”→“设置”，打开“添加到相册”，再点一次保存。',
      )
    }
    throw new KeepImageError('没能保存到相册，请再试一次。')
  }
}

/** Mini-program: the code full screen; a long press there offers 保存图片 and 发送给朋友. */
export async function previewLarge(poster: VillageQrCode): Promise<void> {
  const filePath = await writeImageFile(poster)
  await Taro.previewImage({ urls: [filePath], current: filePath })
}

/** H5: downloads the image as a file named after the village. */
export function downloadImage(poster: VillageQrCode): void {
  const link = document.createElement('a')
  link.href = imageSrc(poster)
  link.download = fileName(poster)
  document.body.appendChild(link)
  link.click()
  link.remove()
}

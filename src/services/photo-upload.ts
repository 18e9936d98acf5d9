import Taro from '@tarojs/taro'
import type { ApiResponse } from '../../types/api'
import { maxPhotoBytes, type Photo } from '../../types/photos'
import { ApiCallError, call, newRequestId, usesCloudTransport } from './api'
import { getToken } from './session-store'

/**
 * Photos from the phone to the server, compressed first (a phone photo is several MB; weak
 * village 4G and the server's limit want a few hundred KB). Three ways, one result (a Photo):
 * - mini-program with the cloud transport: 云存储 (`Taro.cloud.uploadFile`), then photos.register;
 * - mini-program with the HTTP transport: `Taro.uploadFile` to the gateway's /api/upload;
 * - H5: the same endpoint with `fetch` (Taro's H5 uploadFile re-reads a blob: address, which
 *   the gateway's Content-Security-Policy does not allow).
 */

/** A photo as picked on the phone: its temporary path, and on H5 the File behind it. */
export interface PickedPhoto {
  path: string
  file?: File
}

/** Longest side and JPEG quality after compression: sharp enough to read a sign in the photo. */
const maxSide = 1280
const quality = 70
const apiBase = process.env.TARO_APP_API_BASE || ''
const timeoutMs = 30000
const tooLarge = '照片太大了，请换一张'

/** Lets the villager pick up to `count` photos, from the album or the camera. */
export async function choosePhotos(count: number): Promise<PickedPhoto[]> {
  if (process.env.TARO_ENV === 'weapp') {
    const { tempFiles } = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    return tempFiles.map((file) => ({ path: file.tempFilePath }))
  }
  const { tempFiles } = await Taro.chooseImage({ count, sizeType: ['compressed'] })
  return tempFiles.map((file) => ({
    path: file.path,
    file: (file as { originalFileObj?: File }).originalFileObj,
  }))
}

function answerOf(body: unknown): Photo {
  const response = (typeof body === 'string' ? JSON.parse(body) : body) as ApiResponse<Photo>
  if (!response || typeof response !== 'object' || !('ok' in response)) {
    throw new ApiCallError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  if (!response.ok) {
    const { code, message, field } = response.error
    throw new ApiCallError(code, message, field)
  }
  return response.data
}

const authorization = (): Record<string, string> => {
  const token = getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** A picked photo made smaller in the browser; a JPEG or PNG Blob. */
async function compressInBrowser(file: File): Promise<Blob> {
  // The test is the build's constant: in the mini-program build this branch (and the library)
  // is left out. No web worker: the page's Content-Security-Policy allows no blob: script.
  if (process.env.TARO_ENV === 'h5') {
    const { default: imageCompression } = await import('browser-image-compression')
    return imageCompression(file, {
      maxSizeMB: 0.5,
      maxWidthOrHeight: maxSide,
      initialQuality: quality / 100,
      useWebWorker: false,
    })
  }
  throw new Error('compressInBrowser runs in the H5 app only')
}

async function uploadInBrowser(picked: PickedPhoto): Promise<Photo> {
  if (!picked.file) throw new ApiCallError('INVALID_ARGUMENT', '没有读到这张照片，请重新选择')
  const compressed = await compressInBrowser(picked.file)
  if (compressed.size > maxPhotoBytes) throw new ApiCallError('INVALID_ARGUMENT', tooLarge)
  const form = new FormData()
  form.append('requestId', newRequestId())
  form.append('photo', compressed, picked.file.name || 'photo.jpg')
  const response = await fetch(`${apiBase}/api/upload`, {
    method: 'POST',
    headers: authorization(),
    body: form,
  })
  return answerOf(await response.json())
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (info) => resolve(info.size),
      fail: reject,
    }),
  )
}

async function uploadInMiniProgram(picked: PickedPhoto): Promise<Photo> {
  // compressImage answers a JPEG.
  const { tempFilePath } = await Taro.compressImage({
    src: picked.path,
    quality,
    compressedWidth: maxSide,
  })
  const size = await fileSize(tempFilePath)
  if (size > maxPhotoBytes) throw new ApiCallError('INVALID_ARGUMENT', tooLarge)
  if (usesCloudTransport) {
    const { folder } = await call('photos', 'uploadFolder')
    if (!folder) throw new ApiCallError('FAILED_PRECONDITION', '请用微信登录后再传照片')
    const { fileID } = await Taro.cloud.uploadFile({
      cloudPath: `${folder}${Date.now()}-${newRequestId().slice(0, 8)}.jpg`,
      filePath: tempFilePath,
    })
    return call('photos', 'register', { fileId: fileID, size, mime: 'image/jpeg' })
  }
  const result = await Taro.uploadFile({
    url: `${apiBase}/api/upload`,
    filePath: tempFilePath,
    name: 'photo',
    header: authorization(),
    formData: { requestId: newRequestId() },
    timeout: timeoutMs,
  })
  return answerOf(result.data)
}

/**
 * Compresses and uploads one picked photo; resolves with the server's Photo, or rejects with an
 * ApiCallError whose message can be shown as is.
 */
export async function uploadPhoto(picked: PickedPhoto): Promise<Photo> {
  try {
    return await (process.env.TARO_ENV === 'weapp'
      ? uploadInMiniProgram(picked)
      : uploadInBrowser(picked))
  } catch (error) {
    if (error instanceof ApiCallError) throw error
    throw new ApiCallError('NETWORK', '照片没有传上去，请检查网络后再试')
  }
}

/** Where to show a photo: the gateway's addresses are paths on the API's server. */
export function photoSrc(photo: Photo): string | null {
  if (!photo.url) return null
  return photo.url.startsWith('/') ? `${apiBase}${photo.url}` : photo.url
}

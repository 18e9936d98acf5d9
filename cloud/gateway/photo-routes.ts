import { createHash, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import busboy from 'busboy'
import type { ApiResponse } from '../../types/api'
import { idSchema } from '../../types/common'
import { maxPhotoBytes } from '../../types/photos'
import type { Services } from '../core/context'
import { failure, perform } from '../core/dispatch'
import { AppError } from '../core/errors'
import { photoFile, recordMediaVerdict, sniffMime, validPhotoSignature } from '../domain/photos'
import { uploadPhoto } from '../functions/photos'
import { plainAnswer } from './static-files'

type Upload =
  | { kind: 'photo'; bytes: Buffer; requestId: string | null }
  | { kind: 'refused'; error: AppError }
  | { kind: 'gone' }

/**
 * Reads `multipart/form-data` as `Taro.uploadFile` sends it (H5 and mini-program alike): one
 * file, and the call's requestId as a form field. Past the size limit the rest is drained, so
 * the phone still gets its answer in words.
 */
function readUpload(req: http.IncomingMessage): Promise<Upload> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxPhotoBytes, fields: 1, fieldSize: 100, parts: 2 },
      })
    } catch {
      const error = new AppError('INVALID_ARGUMENT', '请选择一张照片上传', 'photo')
      req.resume()
      return resolve({ kind: 'refused', error })
    }
    const chunks: Buffer[] = []
    let files = 0
    let tooLarge = false
    let requestId: string | null = null
    parser.on('file', (_name, stream) => {
      files += 1
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => {
        tooLarge = true
      })
    })
    parser.on('field', (name, value) => {
      if (name === 'requestId') requestId = value
    })
    parser.on('close', () => {
      if (tooLarge) {
        const mb = maxPhotoBytes / 1024 / 1024
        const error = new AppError('INVALID_ARGUMENT', `照片太大了，最大 ${mb} MB`, 'photo')
        return resolve({ kind: 'refused', error })
      }
      if (files !== 1) {
        const error = new AppError('INVALID_ARGUMENT', '请选择一张照片上传', 'photo')
        return resolve({ kind: 'refused', error })
      }
      resolve({ kind: 'photo', bytes: Buffer.concat(chunks), requestId })
    })
    parser.on('error', () =>
      resolve({
        kind: 'refused',
        error: new AppError('INVALID_ARGUMENT', '照片没有传完整，请再试一次', 'photo'),
      }),
    )
    req.on('error', () => resolve({ kind: 'gone' }))
    req.pipe(parser)
  })
}

/** `sha1` of the sorted token, timestamp and nonce: how WeChat signs what it pushes to us. */
function signedByWeChat(token: string, query: URLSearchParams): boolean {
  const parts = [token, query.get('timestamp') ?? '', query.get('nonce') ?? ''].sort()
  const expected = Buffer.from(createHash('sha1').update(parts.join('')).digest('hex'))
  const given = Buffer.from(query.get('signature') ?? '')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** A push is a few hundred bytes of JSON; anything larger is not WeChat's. */
const maxPushBytes = 64 * 1024

function readSmallBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxPushBytes) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > maxPushBytes ? null : Buffer.concat(chunks).toString()))
    req.on('error', () => resolve(null))
  })
}

type Send = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: ApiResponse<unknown>,
) => void

/**
 * The gateway's routes for photos, beside the JSON API:
 * - `POST /api/upload`: a villager's photo (JPEG or PNG, at most maxPhotoBytes), with the bearer
 *   token; stored under the data directory, answered with the Photo.
 * - `GET /api/photos/<id>?expires=&sig=`: the photo, to whoever holds an address the API signed
 *   for them (an <Image> cannot send a bearer token); never a refused one.
 * - `GET|POST /api/wechat/push`: WeChat's 消息推送 (明文模式, JSON), signed with WX_PUSH_TOKEN:
 *   the URL check (echostr) and the media-check verdicts.
 * Answers false for any other path.
 */
export function createPhotoRoutes(services: Services, send: Send) {
  async function upload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    address: string | null,
  ) {
    const header = String(req.headers.authorization ?? '')
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null
    const read = await readUpload(req)
    if (read.kind === 'gone') return
    const requestId =
      read.kind === 'photo' && idSchema.safeParse(read.requestId).success ? read.requestId : null
    try {
      const photo = await perform(
        services,
        uploadPhoto,
        {
          operation: 'photos.upload',
          credentials: { kind: 'token', token },
          via: 'http',
          address,
          requestId,
        },
        () => {
          if (read.kind === 'refused') throw read.error
          const mime = sniffMime(read.bytes)
          if (!mime) throw new AppError('INVALID_ARGUMENT', '只能上传 JPG 或 PNG 照片', 'photo')
          return { bytes: read.bytes, mime }
        },
      )
      send(req, res, { ok: true, data: photo })
    } catch (error) {
      send(req, res, failure(error, 'upload', requestId).response)
    }
  }

  async function servePhoto(res: http.ServerResponse, photoId: string, query: URLSearchParams) {
    const signed = validPhotoSignature(
      services.config.photoUrlSecret,
      photoId,
      query.get('expires') ?? '',
      query.get('sig') ?? '',
      services.now(),
    )
    const photo = signed
      ? await services.db
          .selectFrom('photos')
          .select(['storageKey', 'mime', 'checkStatus'])
          .where('id', '=', photoId)
          .executeTakeFirst()
      : undefined
    // Refused since the address was signed: shown to nobody any more.
    if (!photo?.storageKey || photo.checkStatus === 'risky') {
      return plainAnswer(res, 404, '没有这张照片')
    }
    const file = photoFile(services.config.dataDir, photo.storageKey)
    const stat = await fs.promises.stat(file).catch(() => null)
    if (!stat) return plainAnswer(res, 404, '没有这张照片')
    res.writeHead(200, {
      'content-type': photo.mime,
      'content-length': stat.size,
      'cache-control': 'private, max-age=3600',
    })
    fs.createReadStream(file).pipe(res)
  }

  async function wechatPush(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    query: URLSearchParams,
  ) {
    const token = services.config.wxPushToken
    if (!token || !signedByWeChat(token, query)) {
      req.resume()
      return plainAnswer(res, 403, '签名不对')
    }
    if (req.method === 'GET') return plainAnswer(res, 200, query.get('echostr') ?? '')
    const text = await readSmallBody(req)
    let event: unknown
    try {
      event = JSON.parse(text ?? '')
    } catch {
      return plainAnswer(res, 400, '不是 JSON')
    }
    const isMediaCheck = (event as { Event?: unknown } | null)?.Event === 'wxa_media_check'
    // An unknown trace id: the verdict came before the check's start was recorded. Not
    // `success`, so WeChat sends it again.
    if (isMediaCheck && !(await recordMediaVerdict(services, event))) {
      return plainAnswer(res, 503, 'unknown trace_id')
    }
    plainAnswer(res, 200, 'success')
  }

  return async function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    address: string | null,
  ): Promise<boolean> {
    const photo = /^\/api\/photos\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname)
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      await upload(req, res, address)
    } else if (photo && (req.method === 'GET' || req.method === 'HEAD')) {
      await servePhoto(res, photo[1], url.searchParams)
    } else if (
      url.pathname === '/api/wechat/push' &&
      (req.method === 'GET' || req.method === 'POST')
    ) {
      await wechatPush(req, res, url.searchParams)
    } else {
      return false
    }
    return true
  }
}

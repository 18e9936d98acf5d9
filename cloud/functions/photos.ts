import fs from 'node:fs/promises'
import path from 'node:path'
import { cloudPhotoFolder, type Photo, type PhotoMime } from '../../types/photos'
import { change } from '../core/change'
import { forVillager, limited, type ActionLimit, type ChangeDef } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import {
  addPhoto,
  anyPhotoModerator,
  ownPhoto,
  photoCheckLabels,
  photoFile,
  photoTarget,
  releasePhoto,
  startPhotoCheck,
  storageKeyFor,
} from '../domain/photos'
import { newRowId } from '../store/row-id'

/** A villager adds a few photos a week; the cap stops a script filling the disk or 云存储. */
const photoLimits: readonly ActionLimit[] = [
  { per: 'caller', counts: 'attempts', max: 60, windowSeconds: 86400 },
]

/**
 * After the upload's change has committed (WeChat fetches the photo, which must be there to
 * fetch), its check starts. A repeated request gets the first answer, and starts nothing twice.
 */
function thenCheck<D>(def: ChangeDef<D, Photo>): ChangeDef<D, Photo> {
  return {
    ...def,
    handle: async (ctx, data) => {
      const photo = await def.handle(ctx, data)
      if (photo.check === 'pending') await startPhotoCheck(ctx.services, photo.id)
      return photo
    },
  }
}

/** A photo sent to the gateway (`POST /api/upload`), already read and found to be JPEG or PNG. */
export interface UploadedPhoto {
  bytes: Buffer
  mime: PhotoMime
}

/**
 * The gateway's upload, on the one mutation path: the file is written under the data directory
 * inside the change, and removed again if the change fails, so no row lacks its file.
 */
export const uploadPhoto: ChangeDef<UploadedPhoto, Photo> = thenCheck(
  limited(
    photoLimits,
    change('villager', 'photos.upload', async (ctx, trx, { bytes, mime }) => {
      const id = newRowId()
      const storageKey = storageKeyFor(ctx.user.villageId, id, mime)
      const file = photoFile(ctx.services.config.dataDir, storageKey)
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, bytes, { flag: 'wx' })
      try {
        const row = await addPhoto(trx, ctx.services, {
          id,
          villageId: ctx.user.villageId,
          ownerId: ctx.user.id,
          place: { storageKey },
          size: bytes.length,
          mime,
          at: ctx.services.now().toISOString(),
        })
        return {
          result: ownPhoto(ctx.services, row),
          audit: { target: photoTarget(id), before: null, after: { size: bytes.length } },
        }
      } catch (error) {
        await fs.rm(file, { force: true })
        throw error
      }
    }),
  ),
)

export const photosHandlers: FunctionHandlers<'photos'> = {
  release: change(anyPhotoModerator, 'photos.release', async (ctx, trx, { photoId }) => {
    const photo = await releasePhoto(trx, ctx.services, ctx.user, photoId)
    return {
      result: photo,
      audit: {
        target: photoTarget(photo.id),
        before: { check: photoCheckLabels.review },
        after: { check: photoCheckLabels.pass },
      },
    }
  }),

  uploadFolder: forVillager(async (ctx) => {
    const user = await ctx.services.db
      .selectFrom('users')
      .select('openid')
      .where('id', '=', ctx.user.id)
      .executeTakeFirstOrThrow()
    return { folder: user.openid ? cloudPhotoFolder(user.openid) : null }
  }),

  register: thenCheck(
    limited(
      photoLimits,
      change('villager', 'photos.register', async (ctx, trx, { fileId, size, mime }) => {
        const owner = await trx
          .selectFrom('users')
          .select('openid')
          .where('id', '=', ctx.user.id)
          .executeTakeFirstOrThrow()
        // Only a file in the caller's own folder: a fileID someone else uploaded stays theirs.
        if (!owner.openid || !fileId.includes(`/${cloudPhotoFolder(owner.openid)}`)) {
          throw new AppError('PERMISSION_DENIED', '只能使用您自己上传的照片', 'fileId')
        }
        const row = await addPhoto(trx, ctx.services, {
          villageId: ctx.user.villageId,
          ownerId: ctx.user.id,
          place: { fileId },
          size,
          mime,
          at: ctx.services.now().toISOString(),
        })
        return {
          result: ownPhoto(ctx.services, row),
          audit: { target: photoTarget(row.id), before: null, after: { size } },
        }
      }),
    ),
  ),
}

import * as z from 'zod'
import { action, change, noInput } from './api'
import { idSchema } from './common'

/**
 * Photos villagers attach to what they write (a suggestion, a resolution's progress report). A
 * photo is uploaded first, on its own, and attached by id to the item it belongs to. Nobody but
 * its owner sees it until WeChat's media check has passed it (issue 11).
 */

/** At most this many photos go with one item. */
export const maxPhotosPerItem = 3
/** Bytes of one photo: the phone compresses it first, to a few hundred KB. */
export const maxPhotoBytes = 2 * 1024 * 1024
export const photoMimes = ['image/jpeg', 'image/png'] as const
export type PhotoMime = (typeof photoMimes)[number]

/**
 * The content check of a photo: `pending` until WeChat's verdict arrives, then `pass`, `review`
 * (held for a person to look at) or `risky` (refused: its owner alone sees that, and why).
 */
export const photoChecks = ['pending', 'pass', 'review', 'risky'] as const
export type PhotoCheck = (typeof photoChecks)[number]

/** What the owner is told about a photo not (yet) shown to others. */
export const photoCheckNotes: Record<Exclude<PhotoCheck, 'pass'>, string> = {
  pending: '照片正在检查，通过后别人才能看到',
  review: '照片要先由村里的人看过，才给大家看',
  risky: '这张照片没有通过内容安全检查，别人看不到它；请换一张照片',
}

/** The kinds of item a photo can be attached to; each says who may see its photos. */
export const photoSubjectKinds = ['suggestion', 'progress'] as const
export type PhotoSubjectKind = (typeof photoSubjectKinds)[number]

export interface Photo {
  id: string
  check: PhotoCheck
  /** Plain words about the check for its owner (null once passed, and for everyone else). */
  checkNote: string | null
  /**
   * Where to show it, for this reader only: a short-lived address (a path on the gateway, an
   * https address in the WeChat cloud); null when it can't be shown to them (yet).
   */
  url: string | null
  mime: PhotoMime
  size: number
  createdAt: string
}

/** The photos an item takes: ids of the caller's own uploaded photos, each at most once. */
export const photoIdsSchema = z
  .array(idSchema)
  .max(maxPhotosPerItem, `最多 ${maxPhotosPerItem} 张照片`)
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能放一次')

/**
 * A file the mini-program put in 云存储 with `Taro.cloud.uploadFile`, under
 * `photos/<the uploader's openid>/`: only the uploader can register it.
 */
export const cloudFileIdSchema = z
  .string()
  .max(500)
  .regex(
    /^cloud:\/\/[A-Za-z0-9-]+\.[A-Za-z0-9-]+\/photos\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_.-]{1,100}$/,
    '照片的云存储地址不对',
  )

/** The folder of 云存储 a user's photos go to: the server checks the fileID is in theirs. */
export const cloudPhotoFolder = (openid: string) => `photos/${openid}/`

export const photosContract = {
  /**
   * The 云存储 folder the caller's photos go to (`photos/<openid>/`): the mini-program does not
   * know its own openid. Null for someone who did not sign in with WeChat.
   */
  uploadFolder: action<{ folder: string | null }>()(noInput),
  /**
   * In the WeChat cloud: records a photo the caller uploaded to 云存储 and starts its check.
   * (Behind the gateway a photo is sent to `POST /api/upload` instead.)
   */
  /**
   * A photo WeChat held for review, looked at by a moderator of its item and found fit: from
   * now on everyone who sees the item sees it.
   */
  release: change<Photo>()(z.strictObject({ photoId: idSchema })),
  register: change<Photo>()(
    z.strictObject({
      fileId: cloudFileIdSchema,
      size: z.number().int().min(1).max(maxPhotoBytes),
      mime: z.enum(photoMimes),
    }),
  ),
}

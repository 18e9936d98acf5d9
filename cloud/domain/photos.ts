import { createHmac, timingSafeEqual } from 'node:crypto'
import path from 'node:path'
import { sql } from 'kysely'
import {
  photoSubjectKinds,
  photoCheckNotes,
  type Photo,
  type PhotoCheck,
  type PhotoMime,
  type PhotoSubjectKind,
} from '../../types/photos'
import { councilRoles } from '../../types/council'
import type { MessageKind } from '../../types/messages'
import type { GrantableRole, Role } from '../../types/roles'
import { changeAsSystem } from '../core/change'
import type { Services } from '../core/context'
import { AppError } from '../core/errors'
import type { Database } from '../store/schema'
import type { Db } from '../store/db'
import { WeChatError } from '../wechat/wechat'
import { writeMessages } from './messages'
import { newRowId } from '../store/row-id'

/** How long an address handed to a reader shows the photo: long enough for a page's visit. */
const readerUrlSeconds = 3600
/** WeChat fetches the photo some time after the check starts. */
const checkUrlSeconds = 86400

/**
 * How the 操作日志 names an uploaded photo (photos.upload, photos.register): by the last characters
 * of its id, which are random (the first ones are the time it was made, store/row-id.ts, the same
 * for all the photos of about a minute).
 */
export const photoTarget = (photoId: string) => `照片 ${photoId.slice(-8)}`

/** How entries written while ids were wholly random named a photo: by their first characters. */
export const earlierPhotoTarget = (photoId: string) => `照片 ${photoId.slice(0, 8)}`

export const photoCheckLabels: Record<PhotoCheck, string> = {
  pending: '检查中',
  pass: '通过',
  review: '待人工查看',
  risky: '未通过',
}

type PhotoRow = Database['photos']

/** Where a photo uploaded to the gateway lives: `<data dir>/photos/<village>/<id>.<ext>`. */
export function photoFile(dataDir: string, storageKey: string): string {
  return path.join(dataDir, 'photos', storageKey)
}

export function storageKeyFor(villageId: string, photoId: string, mime: PhotoMime): string {
  return `${villageId}/${photoId}.${mime === 'image/png' ? 'png' : 'jpg'}`
}

/** JPEG or PNG by the file's first bytes, whatever the phone called it; null for anything else. */
export function sniffMime(bytes: Buffer): PhotoMime | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg'
  }
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return bytes.length > 8 && bytes.subarray(0, 8).equals(png) ? 'image/png' : null
}

function signature(secret: string, photoId: string, expires: number): string {
  return createHmac('sha256', secret).update(`photo:${photoId}:${expires}`).digest('base64url')
}

/**
 * A gateway address that shows the photo until `expires` (seconds), to whoever holds it: handed
 * only to those who may see the photo, and to WeChat's checker. Rounded up to the hour, so one
 * reader's address stays the same for a while and the phone can keep the image.
 */
export function signedPhotoPath(
  secret: string,
  photoId: string,
  now: Date,
  lifetimeSeconds: number,
): string {
  const expires = Math.ceil((now.getTime() / 1000 + lifetimeSeconds) / 3600) * 3600
  return `/api/photos/${photoId}?expires=${expires}&sig=${signature(secret, photoId, expires)}`
}

export function validPhotoSignature(
  secret: string,
  photoId: string,
  expires: string,
  sig: string,
  now: Date,
): boolean {
  const at = Number(expires)
  if (!Number.isInteger(at) || at * 1000 < now.getTime()) return false
  const expected = Buffer.from(signature(secret, photoId, at))
  const given = Buffer.from(sig)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Records a photo its owner has just put on the gateway's disk or in 云存储, inside the change
 * that uploads it. Demo mode has no WeChat to ask: its photos pass at once.
 */
export async function addPhoto(
  trx: Db,
  services: Pick<Services, 'config'>,
  photo: {
    id?: string
    villageId: string
    ownerId: string
    place: { storageKey: string } | { fileId: string }
    size: number
    mime: PhotoMime
    at: string
  },
): Promise<PhotoRow> {
  const row: PhotoRow = {
    id: photo.id ?? newRowId(),
    villageId: photo.villageId,
    ownerId: photo.ownerId,
    storageKey: 'storageKey' in photo.place ? photo.place.storageKey : null,
    fileId: 'fileId' in photo.place ? photo.place.fileId : null,
    size: photo.size,
    mime: photo.mime,
    checkStatus: services.config.demoMode ? 'pass' : 'pending',
    checkLabel: null,
    traceId: null,
    subjectKind: null,
    subjectId: null,
    createdAt: photo.at,
    checkedAt: services.config.demoMode ? photo.at : null,
  }
  await trx.insertInto('photos').values(row).execute()
  return row
}

/**
 * Settles a pending photo's check (WeChat's verdict, or a person's look where WeChat can't be
 * asked), on the one mutation path as the system. False when it was settled already (WeChat
 * sends a push again when our answer was slow): nothing changes then.
 */
export async function settlePhotoCheck(
  services: Services,
  photo: { id: string; villageId: string },
  verdict: { check: Exclude<PhotoCheck, 'pending'>; label: number | null },
): Promise<boolean> {
  try {
    return await changeAsSystem(services, photo.villageId, 'photos.checked', async (trx) => {
      const at = services.now().toISOString()
      const settled = await trx
        .updateTable('photos')
        .set({ checkStatus: verdict.check, checkLabel: verdict.label, checkedAt: at })
        .where('id', '=', photo.id)
        .where('checkStatus', '=', 'pending')
        .executeTakeFirst()
      // Rolls the (absent) change back with its audit entry.
      if (Number(settled.numUpdatedRows) === 0) throw new AppError('CONFLICT', '照片已检查过')
      if (verdict.check === 'risky') await tellOwnerRefused(trx, services, photo.id, at)
      return {
        result: true,
        audit: {
          target: photoTarget(photo.id),
          before: { check: photoCheckLabels.pending },
          after: { check: photoCheckLabels[verdict.check], label: verdict.label },
        },
      }
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return false
    throw error
  }
}

/** Who looks at a photo WeChat held for review, per kind of item: they see it, and release it. */
export const photoModerators: Record<PhotoSubjectKind, readonly GrantableRole[]> = {
  suggestion: councilRoles,
  // 两委's progress photos: the council that handed them the resolution looks at a held one.
  progress: councilRoles,
}
/** Everyone who moderates photos of some kind of item: who may call the release at all. */
export const anyPhotoModerator: readonly GrantableRole[] = [
  ...new Set(Object.values(photoModerators).flat()),
]

/** The kind of message about an item's photos, by the kind of item. */
const subjectMessageKinds: Record<PhotoSubjectKind, MessageKind> = {
  suggestion: 'council',
  progress: 'council',
}

/**
 * A refused photo already sent with an item: its owner is told in 消息 (one still in a form is
 * refused when the form is sent, with the same words).
 */
async function tellOwnerRefused(trx: Db, services: Services, photoId: string, at: string) {
  const photo = await trx
    .selectFrom('photos')
    .select(['villageId', 'ownerId', 'subjectKind'])
    .where('id', '=', photoId)
    .executeTakeFirstOrThrow()
  if (!photo.subjectKind) return
  await writeMessages(trx, services.config, at, {
    villageId: photo.villageId,
    to: { userIds: [photo.ownerId] },
    kind: subjectMessageKinds[photo.subjectKind],
    title: '您的一张照片没有通过检查',
    body: photoCheckNotes.risky,
    link: null,
  })
}

/** Where WeChat can fetch the photo for its check; null when nothing public can serve it. */
async function checkUrl(services: Services, photo: PhotoRow): Promise<string | null> {
  if (photo.fileId) {
    return (
      (await services.wechat.cloudFileUrls([photo.fileId], checkUrlSeconds)).get(photo.fileId) ??
      null
    )
  }
  const { publicUrl, photoUrlSecret } = services.config
  if (!publicUrl) return null
  return publicUrl + signedPhotoPath(photoUrlSecret, photo.id, services.now(), checkUrlSeconds)
}

/**
 * Starts WeChat's media check of a pending photo (after the upload committed: WeChat fetches
 * the photo, which must be there to fetch), and keeps the trace id its verdict will carry.
 * WeChat busy: the photo stays pending, and the scheduled job tries again. WeChat unable to
 * check it at all (no openid, no public address, a refusal): held for a person to look at.
 */
export async function startPhotoCheck(services: Services, photoId: string): Promise<void> {
  const photo = await services.db
    .selectFrom('photos')
    .innerJoin('users', 'users.id', 'photos.ownerId')
    .selectAll('photos')
    .select('users.openid')
    .where('photos.id', '=', photoId)
    .executeTakeFirst()
  if (!photo || photo.checkStatus !== 'pending' || photo.traceId) return
  const hold = () => settlePhotoCheck(services, photo, { check: 'review', label: null })
  try {
    const mediaUrl = await checkUrl(services, photo)
    if (!photo.openid || !mediaUrl) return void (await hold())
    const { traceId } = await services.wechat.mediaCheckAsync({
      mediaUrl,
      mediaType: 2,
      openid: photo.openid,
      // 3: a post in a forum, as for the suggestion's text.
      scene: 3,
    })
    // Bookkeeping for the verdict to find the photo, not a change anyone sees: no audit entry.
    await services.db
      .updateTable('photos')
      .set({ traceId })
      .where('id', '=', photo.id)
      .where('traceId', 'is', null)
      .execute()
  } catch (error) {
    if (!(error instanceof WeChatError)) throw error
    console.error(`[photos] media check of ${photo.id} not started:`, error.message)
    if (!error.retryable) await hold()
  }
}

/**
 * The scheduled retry of checks that could not start (WeChat was busy): pending photos without
 * a trace id, uploaded more than a minute ago (a newer one may still be starting).
 */
export async function restartPhotoChecks(services: Services): Promise<{ started: number }> {
  if (services.config.demoMode) return { started: 0 }
  const before = new Date(services.now().getTime() - 60_000).toISOString()
  const waiting = await services.db
    .selectFrom('photos')
    .select('id')
    .where('checkStatus', '=', 'pending')
    .where('traceId', 'is', null)
    .where('createdAt', '<', before)
    .orderBy('createdAt')
    .limit(20)
    .execute()
  for (const { id } of waiting) await startPhotoCheck(services, id)
  return { started: waiting.length }
}

const verdicts: Record<string, Exclude<PhotoCheck, 'pending'>> = {
  pass: 'pass',
  review: 'review',
  risky: 'risky',
}

/**
 * WeChat's `wxa_media_check` push: the verdict for the check with this trace id. A push without
 * a verdict (WeChat could not fetch or read the photo: errcode set) holds the photo for a
 * person. False when the trace id is unknown (the push came before the trace id was kept:
 * WeChat sends it again when not told `success`) or the push is no media check.
 */
export async function recordMediaVerdict(services: Services, event: unknown): Promise<boolean> {
  const push = (event ?? {}) as {
    Event?: unknown
    trace_id?: unknown
    result?: { suggest?: unknown; label?: unknown }
  }
  if (push.Event !== 'wxa_media_check' || typeof push.trace_id !== 'string') return false
  const photo = await services.db
    .selectFrom('photos')
    .select(['id', 'villageId', 'checkStatus'])
    .where('traceId', '=', push.trace_id)
    .executeTakeFirst()
  if (!photo) return false
  if (photo.checkStatus === 'pending') {
    const check = verdicts[String(push.result?.suggest)] ?? 'review'
    const label = Number(push.result?.label)
    await settlePhotoCheck(services, photo, {
      check,
      label: check === 'pass' || !Number.isInteger(label) ? null : label,
    })
  }
  return true
}

/**
 * A moderator's release of a photo held for review, by compare-and-swap: two moderators at once
 * leave one release, the other is told someone was first. Only photos of items whose kind the
 * caller moderates, in their village.
 */
export async function releasePhoto(
  trx: Db,
  services: Pick<Services, 'config' | 'now'>,
  moderator: { id: string; villageId: string; roles: readonly Role[] },
  photoId: string,
): Promise<Photo> {
  const kinds = photoSubjectKinds.filter((kind) =>
    photoModerators[kind].some((role) => moderator.roles.includes(role)),
  )
  const gone = new AppError('NOT_FOUND', '这张照片不存在或已被删除')
  if (kinds.length === 0) throw gone
  const found = await trx
    .selectFrom('photos')
    .select('checkStatus')
    .where('id', '=', photoId)
    .where('villageId', '=', moderator.villageId)
    .where('subjectKind', 'in', kinds)
    .executeTakeFirst()
  if (!found) throw gone
  const released = await trx
    .updateTable('photos')
    .set({ checkStatus: 'pass', checkedAt: services.now().toISOString() })
    .where('id', '=', photoId)
    .where('checkStatus', '=', 'review')
    .returningAll()
    .executeTakeFirst()
  if (!released) throw new AppError('CONFLICT', '这张照片已经有人处理过了，请刷新看看')
  const url = released.storageKey
    ? signedPhotoPath(services.config.photoUrlSecret, released.id, services.now(), readerUrlSeconds)
    : null
  return toPhoto(released, { userId: moderator.id, moderator: true }, url)
}

/**
 * Attaches the owner's uploaded photos to an item, inside the change that files it. Each photo
 * is attached once, by compare-and-swap: another item (or the same request racing itself) that
 * took one first leaves this change refused and rolled back.
 */
export async function attachPhotos(
  trx: Db,
  owner: { id: string; villageId: string },
  photoIds: readonly string[],
  subject: { kind: PhotoSubjectKind; id: string },
): Promise<void> {
  if (photoIds.length === 0) return
  const refused = await trx
    .selectFrom('photos')
    .select('id')
    .where('id', 'in', [...photoIds])
    .where('ownerId', '=', owner.id)
    .where('checkStatus', '=', 'risky')
    .executeTakeFirst()
  if (refused) {
    const place = photoIds.indexOf(refused.id) + 1
    throw new AppError(
      'INVALID_ARGUMENT',
      `第 ${place} 张照片没有通过内容安全检查，请换一张照片`,
      'photoIds',
    )
  }
  const attached = await trx
    .updateTable('photos')
    .set({ subjectKind: subject.kind, subjectId: subject.id })
    .where('id', 'in', [...photoIds])
    .where('ownerId', '=', owner.id)
    .where('villageId', '=', owner.villageId)
    .where('subjectKind', 'is', null)
    .executeTakeFirst()
  if (Number(attached.numUpdatedRows) !== photoIds.length) {
    throw new AppError(
      'INVALID_ARGUMENT',
      '有照片找不到了，或已经用在别处；请重新选择照片',
      'photoIds',
    )
  }
}

/**
 * For a query over an item table: true when one of the item's photos is still being checked or
 * was refused. Such an item is kept from everyone but its author (the brief of issue 11: the
 * council sees a suggestion once its text and its photos passed).
 */
export function photosWithheld(kind: PhotoSubjectKind, subjectIdColumn: string) {
  return sql<boolean>`exists (select 1 from photos where photos.subject_kind = ${kind}
    and photos.subject_id = ${sql.ref(subjectIdColumn)}
    and photos.check_status in ('pending', 'risky'))`
}

/**
 * Who is looking at an item's photos: its owner sees every photo with what its check said; a
 * moderator of the item (the council, for a suggestion) also sees a photo held for review;
 * anyone else who may see the item sees the photos that passed.
 */
export interface PhotoViewer {
  userId: string
  moderator: boolean
}

/** A reader of a kind of item's photos: a moderator of that kind if one of their roles is. */
export function photoViewer(
  user: { id: string; roles: readonly Role[] },
  kind: PhotoSubjectKind,
): PhotoViewer {
  return {
    userId: user.id,
    moderator: photoModerators[kind].some((role) => user.roles.includes(role)),
  }
}

function visibleTo(viewer: PhotoViewer, row: Pick<PhotoRow, 'ownerId' | 'checkStatus'>): boolean {
  if (row.ownerId === viewer.userId) return true
  return row.checkStatus === 'pass' || (viewer.moderator && row.checkStatus === 'review')
}

/** What showing photos needs besides the store: the signing secret, 云存储 links, the time. */
export type PhotoServices = Pick<Services, 'config' | 'wechat' | 'now'>

/** The photos of these items that this viewer may see, by item id, in upload order. */
export async function photosOf(
  db: Db,
  services: PhotoServices,
  kind: PhotoSubjectKind,
  subjectIds: readonly string[],
  viewer: PhotoViewer,
): Promise<Map<string, Photo[]>> {
  const byItem = new Map<string, Photo[]>()
  if (subjectIds.length === 0) return byItem
  const rows = (
    await db
      .selectFrom('photos')
      .selectAll()
      .where('subjectKind', '=', kind)
      .where('subjectId', 'in', [...subjectIds])
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
  ).filter((row) => visibleTo(viewer, row))
  const urls = await photoUrls(services, rows)
  for (const row of rows) {
    const list = byItem.get(row.subjectId ?? '') ?? []
    list.push(toPhoto(row, viewer, urls.get(row.id) ?? null))
    byItem.set(row.subjectId ?? '', list)
  }
  return byItem
}

/**
 * A photo as its owner reads it right after uploading. A photo in 云存储 comes without an
 * address (the phone shows the file it has; asking WeChat for one inside the change would hold
 * the transaction on a network call).
 */
export function ownPhoto(services: Pick<Services, 'config' | 'now'>, row: PhotoRow): Photo {
  const url = row.storageKey
    ? signedPhotoPath(services.config.photoUrlSecret, row.id, services.now(), readerUrlSeconds)
    : null
  return toPhoto(row, { userId: row.ownerId, moderator: false }, url)
}

function toPhoto(row: PhotoRow, viewer: PhotoViewer, url: string | null): Photo {
  const owner = row.ownerId === viewer.userId
  return {
    id: row.id,
    check: row.checkStatus,
    checkNote: owner && row.checkStatus !== 'pass' ? photoCheckNotes[row.checkStatus] : null,
    url: row.checkStatus === 'risky' ? null : url,
    mime: row.mime,
    size: row.size,
    createdAt: row.createdAt,
  }
}

/**
 * Short-lived addresses of these photos: signed gateway paths, or 云存储 temporary links (one
 * call for all of them; if WeChat can't give them now, the photos show without an image).
 */
async function photoUrls(services: PhotoServices, rows: PhotoRow[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>()
  const now = services.now()
  for (const row of rows) {
    if (row.storageKey) {
      urls.set(
        row.id,
        signedPhotoPath(services.config.photoUrlSecret, row.id, now, readerUrlSeconds),
      )
    }
  }
  const inCloud = rows.filter((row) => row.fileId && row.checkStatus !== 'risky')
  if (inCloud.length > 0) {
    try {
      const links = await services.wechat.cloudFileUrls(
        inCloud.map((row) => row.fileId ?? ''),
        readerUrlSeconds,
      )
      for (const row of inCloud) {
        const link = links.get(row.fileId ?? '')
        if (link) urls.set(row.id, link)
      }
    } catch (error) {
      if (!(error instanceof WeChatError)) throw error
      console.error('[photos] no temporary links from 云存储:', error.message)
    }
  }
  return urls
}

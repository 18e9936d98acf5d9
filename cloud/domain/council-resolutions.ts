import type { Resolution } from '../../types/council-meetings'
import { resolutionOverdue, type ResolutionStatus } from '../../types/council-rules'
import type { Photo } from '../../types/photos'
import { villagerLabel } from '../../types/villager-label'
import { AppError, notFound, refuse } from '../core/errors'
import type { Db } from '../store/db'
import { photosOf, type PhotoServices, type PhotoViewer } from './photos'
import { newRowId } from '../store/row-id'

// 决议: what a meeting hands to 两委, carried out (progress, finished) and closed out (销号) at a
// later meeting. Each step is a compare-and-swap on the resolution's status.

/** Why a resolution cannot be closed out: only a finished one is (see `closeOutAllowed`). */
export function closeOutRefusal(status: ResolutionStatus | undefined): AppError {
  if (status === undefined) return notFound('这项决议')
  return new AppError(
    'FAILED_PRECONDITION',
    status === 'closedOut' ? '这项决议已经销号了' : '决议还没办完，不能销号',
  )
}

/** Why 两委 cannot report progress: only a resolution in progress takes it. */
export function progressRefusal(status: ResolutionStatus | undefined): AppError {
  if (status === undefined) return notFound('这项决议')
  return new AppError(
    'FAILED_PRECONDITION',
    status === 'finished' ? '决议已经办完，等议事会议销号' : '决议已经销号了',
  )
}

/** Statements, votes and decisions wait until every finished resolution is closed out. */
export function closeOutsFirstRefusal(waiting: number): AppError | null {
  if (waiting === 0) return null
  return new AppError(
    'FAILED_PRECONDITION',
    `还有${waiting}项已办完的决议没有销号：请先逐项销号，再讨论议题`,
  )
}

async function statusOf(db: Db, villageId: string, resolutionId: string) {
  const row = await db
    .selectFrom('councilResolutions')
    .select('status')
    .where('id', '=', resolutionId)
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  return row?.status
}

/** The topic a resolution decided, for its authors' timelines and the audit entry. */
async function topicOf(db: Db, topicId: string) {
  return db
    .selectFrom('councilTopics')
    .select(['id', 'title'])
    .where('id', '=', topicId)
    .executeTakeFirstOrThrow()
}

/** Finished resolutions of the village not yet closed out: taken first at every meeting. */
export async function closeOutsWaiting(db: Db, villageId: string): Promise<number> {
  const row = await db
    .selectFrom('councilResolutions')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('villageId', '=', villageId)
    .where('status', '=', 'finished')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Resolutions of the village, with their progress and close-out; `overdue` as of `now`. */
export async function loadResolutions(
  db: Db,
  villageId: string,
  now: Date,
  where: {
    meetingId?: string
    resolutionId?: string
    topicIds?: readonly string[]
    status?: ResolutionStatus
  } = {},
  /** Who reads the progress photos; without one (meeting minutes) the reports carry none. */
  photoReader?: { services: PhotoServices; viewer: PhotoViewer },
): Promise<Resolution[]> {
  let query = db
    .selectFrom('councilResolutions')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilResolutions.topicId')
    .leftJoin('councilCloseOuts', 'councilCloseOuts.resolutionId', 'councilResolutions.id')
    .select([
      'councilResolutions.id',
      'councilResolutions.topicId',
      'councilTopics.title as topicTitle',
      'councilResolutions.meetingId',
      'councilResolutions.decision',
      'councilResolutions.executor',
      'councilResolutions.dueOn',
      'councilResolutions.status',
      'councilResolutions.createdAt',
      'councilCloseOuts.meetingId as closeOutMeetingId',
      'councilCloseOuts.note as closeOutNote',
      'councilCloseOuts.createdAt as closeOutAt',
    ])
    .where('councilResolutions.villageId', '=', villageId)
  if (where.meetingId) query = query.where('councilResolutions.meetingId', '=', where.meetingId)
  if (where.resolutionId) query = query.where('councilResolutions.id', '=', where.resolutionId)
  if (where.topicIds) query = query.where('councilResolutions.topicId', 'in', [...where.topicIds])
  if (where.status) query = query.where('councilResolutions.status', '=', where.status)
  const rows = await query
    .orderBy('councilResolutions.dueOn')
    .orderBy('councilResolutions.id')
    .limit(500)
    .execute()
  if (rows.length === 0) return []
  const progress = await db
    .selectFrom('councilProgress')
    .innerJoin('users', 'users.id', 'councilProgress.reportedBy')
    .select([
      'councilProgress.id',
      'councilProgress.resolutionId',
      'councilProgress.text',
      'councilProgress.finished',
      'councilProgress.createdAt',
      'users.displayName',
      'users.villagerNo',
    ])
    .where(
      'councilProgress.resolutionId',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('councilProgress.createdAt')
    .orderBy('councilProgress.id')
    .execute()
  const photos = photoReader
    ? await photosOf(
        db,
        photoReader.services,
        'progress',
        progress.map((update) => update.id),
        photoReader.viewer,
      )
    : new Map<string, Photo[]>()
  return rows.map((row) => ({
    id: row.id,
    topicId: row.topicId,
    topicTitle: row.topicTitle,
    meetingId: row.meetingId,
    decision: row.decision,
    executor: row.executor,
    dueOn: row.dueOn,
    status: row.status,
    overdue: resolutionOverdue(row, now),
    progress: progress
      .filter((update) => update.resolutionId === row.id)
      .map((update) => ({
        text: update.text,
        finished: Number(update.finished) === 1,
        byName: villagerLabel(update.displayName, update.villagerNo),
        at: update.createdAt,
        photos: photos.get(update.id) ?? [],
      })),
    closeOut:
      row.closeOutMeetingId && row.closeOutAt
        ? { meetingId: row.closeOutMeetingId, note: row.closeOutNote ?? '', at: row.closeOutAt }
        : null,
    createdAt: row.createdAt,
  }))
}

/** Refuses a step at a meeting while finished resolutions wait for their close-out. */
export async function requireCloseOutsDone(db: Db, villageId: string): Promise<void> {
  refuse(closeOutsFirstRefusal(await closeOutsWaiting(db, villageId)))
}

/** The resolution of a topic passed at a meeting, handed to 两委 in progress. */
export async function createResolution(
  trx: Db,
  resolution: {
    decision: string
    executor: string
    dueOn: string
    villageId: string
    topicId: string
    meetingId: string
    at: string
  },
): Promise<void> {
  await trx
    .insertInto('councilResolutions')
    .values({
      id: newRowId(),
      villageId: resolution.villageId,
      topicId: resolution.topicId,
      meetingId: resolution.meetingId,
      decision: resolution.decision,
      executor: resolution.executor,
      dueOn: resolution.dueOn,
      status: 'inProgress',
      finishedAt: null,
      closedOutAt: null,
      createdAt: resolution.at,
      updatedAt: resolution.at,
    })
    .execute()
}

/**
 * 销号 at a meeting: a finished resolution moves to closed out by compare-and-swap (of two taps,
 * one closes it out) and takes the meeting's next close-out position, with the chair's note.
 * Returns the topic it decided.
 */
export async function closeOutResolution(
  trx: Db,
  closeOut: {
    villageId: string
    resolutionId: string
    meetingId: string
    note: string
    closedBy: string
    at: string
  },
): Promise<{ id: string; title: string }> {
  const { villageId, resolutionId, meetingId, at } = closeOut
  const moved = await trx
    .updateTable('councilResolutions')
    .set({ status: 'closedOut', closedOutAt: at, updatedAt: at })
    .where('id', '=', resolutionId)
    .where('villageId', '=', villageId)
    .where('status', '=', 'finished')
    .returning('topicId')
    .executeTakeFirst()
  if (!moved) throw closeOutRefusal(await statusOf(trx, villageId, resolutionId))
  const done = await trx
    .selectFrom('councilCloseOuts')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('meetingId', '=', meetingId)
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('councilCloseOuts')
    .values({
      resolutionId,
      meetingId,
      position: Number(done.count) + 1,
      note: closeOut.note,
      closedBy: closeOut.closedBy,
      createdAt: at,
    })
    .execute()
  return topicOf(trx, moved.topicId)
}

/**
 * 两委's progress on a resolution, by compare-and-swap on its status: progress reaches only a
 * resolution in progress, and `finished` moves it on once. Returns the topic it decided and the
 * resolution's due day.
 */
export async function recordProgress(
  trx: Db,
  progress: {
    villageId: string
    resolutionId: string
    text: string
    finished: boolean
    reportedBy: string
    at: string
  },
): Promise<{ topic: { id: string; title: string }; dueOn: string; progressId: string }> {
  const { villageId, resolutionId, at } = progress
  const moved = await trx
    .updateTable('councilResolutions')
    .set(
      progress.finished ? { status: 'finished', finishedAt: at, updatedAt: at } : { updatedAt: at },
    )
    .where('id', '=', resolutionId)
    .where('villageId', '=', villageId)
    .where('status', '=', 'inProgress')
    .returning(['topicId', 'dueOn'])
    .executeTakeFirst()
  if (!moved) throw progressRefusal(await statusOf(trx, villageId, resolutionId))
  const progressId = newRowId()
  await trx
    .insertInto('councilProgress')
    .values({
      id: progressId,
      resolutionId,
      text: progress.text,
      finished: progress.finished ? 1 : 0,
      reportedBy: progress.reportedBy,
      createdAt: at,
    })
    .execute()
  return { topic: await topicOf(trx, moved.topicId), dueOn: moved.dueOn, progressId }
}

import { sql } from 'kysely'
import type {
  ContentCheck,
  CouncilRating,
  Suggestion,
  SuggestionStatus,
  SuggestionStepKind,
} from '../../types/council'
import type { ResolutionStatus } from '../../types/council-rules'
import { villagerLabel } from '../../types/villager-label'
import { AppError, notFound, refuse } from '../core/errors'
import type { Photo } from '../../types/photos'
import type { Services } from '../core/context'
import type { Db } from '../store/db'
import { containsHeldWord, loadHeldWords } from './held-words'
import { photosOf, photosWithheld, type PhotoServices, type PhotoViewer } from './photos'
import { WeChatError } from '../wechat/wechat'
import { newRowId } from '../store/row-id'

/** 我的建议: where every message to a suggestion's author takes them, to its timeline. */
export const mySuggestionsPage = '/suggest/pages/mine/index'

/** Who is reading: the author sees their own, the council every suggestion of the village. */
export interface SuggestionReader {
  userId: string
  villageId: string
  council: boolean
  /** To show the suggestions' photos (signed addresses, 云存储 links). */
  photoServices: PhotoServices
}

/** What the content check found, and what the author is told about it. */
export interface CheckOutcome {
  contentCheck: ContentCheck
  step: SuggestionStepKind
  text: string
}

const outcomes: Record<ContentCheck, CheckOutcome> = {
  passed: { contentCheck: 'passed', step: 'filed', text: '建议已提交，议事会成员会尽快处理' },
  held: {
    contentCheck: 'held',
    step: 'held',
    text: '建议已收到，先由议事会成员看过再公开；内容没有问题就照常处理',
  },
  refused: {
    contentCheck: 'refused',
    step: 'refused',
    text: '建议里有不文明或不适合公开的内容，没有提交给议事会；请修改后重新提交',
  },
}

/**
 * The content check of a suggestion before anyone else reads it. In demo mode the village's own
 * word list holds it; otherwise WeChat's msgSecCheck (version 2) decides with the author's openid.
 * When WeChat cannot be asked (no openid, not configured, an error) the suggestion is held for a
 * member rather than lost or shown unchecked.
 */
export async function checkSuggestion(
  services: Services,
  author: { id: string; villageId: string },
  content: { title: string; body: string },
): Promise<CheckOutcome> {
  if (services.config.demoMode) {
    const words = await loadHeldWords(services.db, author.villageId)
    const text = `${content.title}\n${content.body}`
    return outcomes[containsHeldWord(text, words) ? 'held' : 'passed']
  }
  const user = await services.db
    .selectFrom('users')
    .select('openid')
    .where('id', '=', author.id)
    .executeTakeFirst()
  if (!user?.openid) return outcomes.held
  try {
    const verdict = await services.wechat.msgSecCheck({
      content: content.body,
      title: content.title,
      openid: user.openid,
      // 3: a post in a forum, which a suggestion to the village is closest to.
      scene: 3,
    })
    return outcomes[
      verdict.suggest === 'pass' ? 'passed' : verdict.suggest === 'review' ? 'held' : 'refused'
    ]
  } catch (error) {
    if (!(error instanceof WeChatError)) throw error
    console.error('[council] content check unavailable, suggestion held:', error.message)
    return outcomes.held
  }
}

export async function recordStep(
  trx: Db,
  step: {
    villageId: string
    suggestionId: string
    kind: SuggestionStepKind
    text: string
    actorId: string | null
    at: string
    /** The rules article behind the step, if any. */
    articleId?: string | null
  },
): Promise<void> {
  await trx
    .insertInto('councilEvents')
    .values({ id: newRowId(), ...step })
    .execute()
}

/**
 * A council member's step on a suggestion: moves it from `from` to `to` by compare-and-swap, so
 * two members acting on it at once leave one outcome and the other is told someone was first (as
 * is a member acting on a suggestion already dealt with: to them it is the same news), and puts
 * the step on its timeline. Gives the suggestion as it now is, and who filed it (to tell them).
 */
export async function stepSuggestion(
  trx: Db,
  reader: SuggestionReader,
  suggestionId: string,
  move: {
    from: { status: SuggestionStatus; contentChecks: readonly ContentCheck[] }
    to: { status?: SuggestionStatus; contentCheck?: ContentCheck; topicId?: string }
    step: { kind: SuggestionStepKind; text: string }
  },
  at: string,
): Promise<{ suggestion: Suggestion; filedBy: string }> {
  const moved = await trx
    .updateTable('suggestions')
    .set({ ...move.to, updatedAt: at })
    .where('id', '=', suggestionId)
    .where('villageId', '=', reader.villageId)
    .where('status', '=', move.from.status)
    .where('contentCheck', 'in', [...move.from.contentChecks])
    .returning('filedBy')
    .executeTakeFirst()
  if (!moved) {
    // Nothing moved: say whether the suggestion is not there (for this reader) or was handled.
    await loadSuggestion(trx, reader, suggestionId)
    throw new AppError('CONFLICT', '这条建议已经有人处理过了，请刷新看看')
  }
  await recordStep(trx, {
    villageId: reader.villageId,
    suggestionId,
    ...move.step,
    actorId: reader.userId,
    at,
  })
  return { suggestion: await loadSuggestion(trx, reader, suggestionId), filedBy: moved.filedBy }
}

const suggestionColumns = [
  'suggestions.id',
  'suggestions.title',
  'suggestions.body',
  'suggestions.category',
  'suggestions.showName',
  'suggestions.status',
  'suggestions.contentCheck',
  'suggestions.filedBy',
  'suggestions.filedAt',
  'suggestions.topicId',
  'users.displayName',
  'users.villagerNo',
] as const

function suggestionsOf(db: Db, villageId: string) {
  return db
    .selectFrom('suggestions')
    .innerJoin('users', 'users.id', 'suggestions.filedBy')
    .select(suggestionColumns)
    .select(photosWithheld('suggestion', 'suggestions.id').as('photosWithheld'))
    .where('suggestions.villageId', '=', villageId)
}

type SuggestionRow = Awaited<ReturnType<ReturnType<typeof suggestionsOf>['execute']>>[number]

async function withSteps(db: Db, reader: SuggestionReader, rows: SuggestionRow[]) {
  if (rows.length === 0) return []
  const events = await db
    .selectFrom('councilEvents')
    .leftJoin('rulesArticles', 'rulesArticles.id', 'councilEvents.articleId')
    .select([
      'councilEvents.suggestionId',
      'councilEvents.kind',
      'councilEvents.text',
      'councilEvents.at',
      'rulesArticles.id as articleId',
      'rulesArticles.number as articleNumber',
      'rulesArticles.text as articleText',
    ])
    .where(
      'councilEvents.suggestionId',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('councilEvents.at')
    .orderBy('councilEvents.id')
    .execute()
  const ratings = await db
    .selectFrom('councilRatings')
    .select(['suggestionId', 'rating', 'comment', 'createdAt'])
    .where(
      'suggestionId',
      'in',
      rows.map((row) => row.id),
    )
    .execute()
  const viewer = { userId: reader.userId, moderator: reader.council }
  const photos = await photosOf(
    db,
    reader.photoServices,
    'suggestion',
    rows.map((row) => row.id),
    viewer,
  )
  const reportPhotos = await progressPhotos(db, reader, rows, viewer)
  return rows.map((row): Suggestion => ({
    id: row.id,
    title: row.title,
    body: row.body,
    category: row.category,
    showName: Number(row.showName) === 1,
    status: row.status,
    contentCheck: row.contentCheck,
    filedByName:
      reader.council || row.filedBy === reader.userId
        ? villagerLabel(row.displayName, row.villagerNo)
        : null,
    filedAt: row.filedAt,
    topicId: row.topicId,
    rating: ratingOf(ratings, row.id),
    steps: events
      .filter((event) => event.suggestionId === row.id)
      .map((event) => ({
        kind: event.kind,
        text: event.text,
        at: event.at,
        article:
          event.articleId && event.articleText !== null
            ? { id: event.articleId, number: Number(event.articleNumber), text: event.articleText }
            : null,
        photos: progressStepKinds.includes(event.kind)
          ? (reportPhotos.get(`${row.topicId}@${event.at}`) ?? [])
          : [],
      })),
    photos: photos.get(row.id) ?? [],
  }))
}

/** The steps that tell the author of a progress report on their topic's resolution. */
const progressStepKinds: readonly SuggestionStepKind[] = ['progress', 'finished']

/**
 * The photos of the progress reports on these suggestions' topics, by `topic@instant`: a report
 * and the steps that tell the authors of it are written in one change, at one instant.
 */
async function progressPhotos(
  db: Db,
  reader: SuggestionReader,
  rows: SuggestionRow[],
  viewer: PhotoViewer,
): Promise<Map<string, Photo[]>> {
  const topicIds = [...new Set(rows.flatMap((row) => (row.topicId ? [row.topicId] : [])))]
  const byStep = new Map<string, Photo[]>()
  if (topicIds.length === 0) return byStep
  const reports = await db
    .selectFrom('councilProgress')
    .innerJoin('councilResolutions', 'councilResolutions.id', 'councilProgress.resolutionId')
    .select(['councilProgress.id', 'councilProgress.createdAt', 'councilResolutions.topicId'])
    .where('councilResolutions.topicId', 'in', topicIds)
    .execute()
  const photos = await photosOf(
    db,
    reader.photoServices,
    'progress',
    reports.map((report) => report.id),
    viewer,
  )
  for (const report of reports) {
    byStep.set(`${report.topicId}@${report.createdAt}`, photos.get(report.id) ?? [])
  }
  return byStep
}

function ratingOf(
  ratings: { suggestionId: string; rating: CouncilRating; comment: string; createdAt: string }[],
  suggestionId: string,
): Suggestion['rating'] {
  const found = ratings.find((rating) => rating.suggestionId === suggestionId)
  return found ? { rating: found.rating, comment: found.comment, at: found.createdAt } : null
}

/** One suggestion, for its author or the council; anyone else is told it does not exist. */
export async function loadSuggestion(
  db: Db,
  reader: SuggestionReader,
  suggestionId: string,
): Promise<Suggestion> {
  const row = await suggestionsOf(db, reader.villageId)
    .where('suggestions.id', '=', suggestionId)
    .executeTakeFirst()
  // A refused suggestion is its author's alone, even to the council; so is one whose photos
  // are still being checked, or were refused.
  const readable =
    row &&
    (row.filedBy === reader.userId ||
      (reader.council && row.contentCheck !== 'refused' && !Number(row.photosWithheld)))
  if (!readable) throw notFound('这条建议')
  const [suggestion] = await withSteps(db, reader, [row])
  return suggestion
}

/** 我的建议, newest first. At most 200: a villager files a handful a year. */
export async function listMine(db: Db, reader: SuggestionReader): Promise<Suggestion[]> {
  const rows = await suggestionsOf(db, reader.villageId)
    .where('suggestions.filedBy', '=', reader.userId)
    .orderBy('suggestions.filedAt', 'desc')
    .orderBy('suggestions.id', 'desc')
    .limit(200)
    .execute()
  return withSteps(db, { ...reader, council: false }, rows)
}

/** The council's inbox: received suggestions whose text and photos passed the check, oldest first. */
export async function listInbox(db: Db, reader: SuggestionReader): Promise<Suggestion[]> {
  const rows = await suggestionsOf(db, reader.villageId)
    .where('suggestions.status', '=', 'received')
    .where('suggestions.contentCheck', '<>', 'refused')
    .where(sql<boolean>`not ${photosWithheld('suggestion', 'suggestions.id')}`)
    .orderBy('suggestions.filedAt')
    .orderBy('suggestions.id')
    .limit(200)
    .execute()
  return withSteps(db, reader, rows)
}

/** A suggestion filed: received, with what the content check found. Returns its id. */
export async function insertSuggestion(
  trx: Db,
  suggestion: {
    villageId: string
    filedBy: string
    title: string
    body: string
    category: Suggestion['category']
    showName: boolean
    contentCheck: ContentCheck
    at: string
  },
): Promise<string> {
  const id = newRowId()
  const { showName, at, ...fields } = suggestion
  await trx
    .insertInto('suggestions')
    .values({
      id,
      ...fields,
      showName: showName ? 1 : 0,
      status: 'received',
      filedAt: at,
      updatedAt: at,
    })
    .execute()
  return id
}

/**
 * Only its author rates a suggestion (the council reads others' too, but does not rate them), and
 * only once the resolution it became is closed out.
 */
export function ratingRefusal(
  suggestion: { filedBy: string; resolutionStatus: ResolutionStatus | null },
  userId: string,
): AppError | null {
  if (suggestion.filedBy !== userId) return new AppError('PERMISSION_DENIED', '只能评价自己的建议')
  if (suggestion.resolutionStatus !== 'closedOut') {
    return new AppError('FAILED_PRECONDITION', '决议销号以后才能评价')
  }
  return null
}

/** The author's rating of a suggestion's outcome: one per suggestion, held by its key. */
export async function rateSuggestion(
  trx: Db,
  rating: {
    villageId: string
    suggestionId: string
    userId: string
    rating: CouncilRating
    comment: string
    at: string
  },
): Promise<void> {
  const { villageId, suggestionId } = rating
  const suggestion = await trx
    .selectFrom('suggestions')
    .leftJoin('councilResolutions', 'councilResolutions.topicId', 'suggestions.topicId')
    .select(['suggestions.filedBy', 'councilResolutions.status as resolutionStatus'])
    .where('suggestions.id', '=', suggestionId)
    .executeTakeFirstOrThrow()
  refuse(ratingRefusal(suggestion, rating.userId))
  // The key holds one rating per suggestion, whatever requests race.
  const rated = await trx
    .insertInto('councilRatings')
    .values({
      suggestionId,
      villageId,
      rating: rating.rating,
      comment: rating.comment,
      createdAt: rating.at,
    })
    .onConflict((oc) => oc.column('suggestionId').doNothing())
    .executeTakeFirst()
  if (Number(rated.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError('CONFLICT', '您已经评价过了，每条建议只评价一次')
  }
}

import { randomUUID } from 'node:crypto'
import { councilRatingLabels, councilRoles } from '../../types/council'
import { resolutionReaders } from '../../types/council-outcomes'
import { formatVillageDate } from '../../types/village-time'
import { change } from '../core/change'
import { forRoles, forVillager, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { loadCouncilRules, loadResolutions } from '../domain/council-meetings'
import { loadBoard, loadFigures, loadPoints } from '../domain/council-outcomes'
import { loadSuggestion, recordStep } from '../domain/council-suggestions'
import { tellTopicAuthors } from '../domain/council-topics'
import { attachPhotos, photoViewer } from '../domain/photos'

/** The caller reads progress photos as the council or as anyone else (photos.ts). */
const progressPhotoReader = (ctx: VillagerContext) => ({
  services: ctx.services,
  viewer: photoViewer(ctx.user, 'progress'),
})

/** 民主评事: 两委 carry resolutions out, villagers rate them, the village sees it all. */
export const outcomeHandlers: Pick<
  FunctionHandlers<'council'>,
  'resolutions' | 'reportProgress' | 'rateSuggestion' | 'board' | 'figures' | 'points'
> = {
  resolutions: forRoles(resolutionReaders, (ctx, { status }) =>
    loadResolutions(
      ctx.services.db,
      ctx.user.villageId,
      ctx.services.now(),
      { status },
      progressPhotoReader(ctx),
    ),
  ),

  reportProgress: change(
    ['villageCommittee'],
    'council.reportProgress',
    async (ctx, trx, input) => {
      const at = ctx.services.now().toISOString()
      const { villageId } = ctx.user
      // Compare-and-swap on the status: a progress report reaches only a resolution in progress,
      // and `finished` moves it on once.
      const moved = await trx
        .updateTable('councilResolutions')
        .set(
          input.finished
            ? { status: 'finished', finishedAt: at, updatedAt: at }
            : { updatedAt: at },
        )
        .where('id', '=', input.resolutionId)
        .where('villageId', '=', villageId)
        .where('status', '=', 'inProgress')
        .returning(['topicId', 'dueOn'])
        .executeTakeFirst()
      if (!moved) {
        const [resolution] = await loadResolutions(trx, villageId, ctx.services.now(), {
          resolutionId: input.resolutionId,
        })
        if (!resolution) throw notFound('这项决议')
        throw new AppError(
          'FAILED_PRECONDITION',
          resolution.status === 'finished' ? '决议已经办完，等议事会议销号' : '决议已经销号了',
        )
      }
      const progressId = randomUUID()
      await trx
        .insertInto('councilProgress')
        .values({
          id: progressId,
          resolutionId: input.resolutionId,
          text: input.text,
          finished: input.finished ? 1 : 0,
          reportedBy: ctx.user.id,
          createdAt: at,
        })
        .execute()
      await attachPhotos(trx, ctx.user, input.photoIds, { kind: 'progress', id: progressId })
      const topic = await trx
        .selectFrom('councilTopics')
        .select(['id', 'title'])
        .where('id', '=', moved.topicId)
        .executeTakeFirstOrThrow()
      await tellTopicAuthors(
        trx,
        ctx.services.config,
        { ...topic, villageId },
        {
          kind: input.finished ? 'finished' : 'progress',
          text: input.finished
            ? `决议已办完：${input.text}。将在下次议事会议上销号`
            : `办理进展：${input.text}（${formatVillageDate(moved.dueOn)}前完成）`,
          title: input.finished ? '决议已办完' : '决议有新进展',
          actorId: ctx.user.id,
          at,
        },
      )
      const [resolution] = await loadResolutions(
        trx,
        villageId,
        ctx.services.now(),
        { resolutionId: input.resolutionId },
        progressPhotoReader(ctx),
      )
      return {
        result: resolution,
        audit: {
          target: `决议“${topic.title}”`,
          before: null,
          after: { progress: input.text, finished: input.finished, photos: input.photoIds.length },
        },
      }
    },
  ),

  rateSuggestion: change('villager', 'council.rateSuggestion', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    const { villageId } = ctx.user
    const reader = { userId: ctx.user.id, villageId, council: false, photoServices: ctx.services }
    const suggestion = await loadSuggestion(trx, reader, input.suggestionId)
    // Only its author rates it (the council reads others' too, but does not rate them).
    const mine = await trx
      .selectFrom('suggestions')
      .leftJoin('councilResolutions', 'councilResolutions.topicId', 'suggestions.topicId')
      .select(['suggestions.filedBy', 'councilResolutions.status'])
      .where('suggestions.id', '=', input.suggestionId)
      .executeTakeFirstOrThrow()
    if (mine.filedBy !== ctx.user.id) throw new AppError('PERMISSION_DENIED', '只能评价自己的建议')
    if (mine.status !== 'closedOut') {
      throw new AppError('FAILED_PRECONDITION', '决议销号以后才能评价')
    }
    // The key holds one rating per suggestion, whatever requests race.
    const rated = await trx
      .insertInto('councilRatings')
      .values({
        suggestionId: input.suggestionId,
        villageId,
        rating: input.rating,
        comment: input.comment,
        createdAt: at,
      })
      .onConflict((oc) => oc.column('suggestionId').doNothing())
      .executeTakeFirst()
    if (Number(rated.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError('CONFLICT', '您已经评价过了，每条建议只评价一次')
    }
    const label = councilRatingLabels[input.rating]
    await recordStep(trx, {
      villageId,
      suggestionId: input.suggestionId,
      kind: 'rated',
      text: input.comment ? `${label}：${input.comment}` : label,
      actorId: ctx.user.id,
      at,
    })
    return {
      result: await loadSuggestion(trx, reader, input.suggestionId),
      audit: { target: `建议“${suggestion.title}”`, before: null, after: { rating: label } },
    }
  }),

  board: forVillager((ctx, { before }) =>
    loadBoard(
      ctx.services.db,
      ctx.user.villageId,
      ctx.services.now(),
      before,
      progressPhotoReader(ctx),
    ),
  ),

  figures: forVillager((ctx, { year }) => loadFigures(ctx.services.db, ctx.user.villageId, year)),

  points: forRoles(councilRoles, async (ctx, { year }) => {
    const rules = await loadCouncilRules(ctx.services.db, ctx.user.villageId)
    return loadPoints(ctx.services.db, ctx.user.villageId, year, rules.points)
  }),
}

import { councilRatingLabels, councilRoles } from '../../types/council'
import { resolutionReaders } from '../../types/council-outcomes'
import { formatVillageDate } from '../../types/village-time'
import { change } from '../core/change'
import { forRoles, forVillager, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { suggestionTarget } from '../domain/anonymous-filers'
import { loadCouncilRules } from '../domain/council-meeting-views'
import { loadResolutions, recordProgress } from '../domain/council-resolutions'
import { loadBoard, loadFigures, loadPoints } from '../domain/council-outcomes'
import { loadSuggestion, rateSuggestion, recordStep } from '../domain/council-suggestions'
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
      const { topic, dueOn, progressId } = await recordProgress(trx, {
        villageId,
        resolutionId: input.resolutionId,
        text: input.text,
        finished: input.finished,
        reportedBy: ctx.user.id,
        at,
      })
      await attachPhotos(trx, ctx.user, input.photoIds, { kind: 'progress', id: progressId })
      await tellTopicAuthors(
        trx,
        ctx.services.config,
        { ...topic, villageId },
        {
          kind: input.finished ? 'finished' : 'progress',
          text: input.finished
            ? `决议已办完：${input.text}。将在下次议事会议上销号`
            : `办理进展：${input.text}（${formatVillageDate(dueOn)}前完成）`,
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
    await rateSuggestion(trx, {
      villageId,
      suggestionId: input.suggestionId,
      userId: ctx.user.id,
      rating: input.rating,
      comment: input.comment,
      at,
    })
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
      audit: { target: suggestionTarget(suggestion.title), before: null, after: { rating: label } },
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
    return loadPoints(ctx.services.db, ctx.user.villageId, year, rules.points, ctx.user.id)
  }),
}

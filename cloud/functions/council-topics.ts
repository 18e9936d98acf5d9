import { councilRoles, preReviewOutcomeLabels, type Topic } from '../../types/council'
import { topicMakers } from '../../types/council-roles'
import { change } from '../core/change'
import { forRoles, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { refuse } from '../core/errors'
import { mySuggestionsPage, stepSuggestion } from '../domain/council-suggestions'
import {
  articleRefusal,
  currentArticle,
  editDraftTopic,
  insertTopic,
  listTopics,
  loadTopic,
  mergeRefusal,
  moveTopic,
  preReviewMove,
  preReviewStep,
  recordPreReview,
  submitRefusal,
  tellTopicAuthors,
} from '../domain/council-topics'
import { writeMessages } from '../domain/messages'
import type { Db } from '../store/db'

const target = (topic: Pick<Topic, 'title'>) => `议题“${topic.title}”`

/**
 * Takes received suggestions into a topic, each by compare-and-swap (one already taken, answered
 * or declined by someone else fails the whole change), with the step on each timeline and a
 * message to their authors.
 */
async function takeSuggestions(
  ctx: VillagerContext,
  trx: Db,
  topic: { id: string; title: string },
  suggestionIds: readonly string[],
  at: string,
) {
  const reader = {
    userId: ctx.user.id,
    villageId: ctx.user.villageId,
    council: true,
    photoServices: ctx.services,
  }
  const authors: string[] = []
  for (const suggestionId of new Set(suggestionIds)) {
    const { filedBy } = await stepSuggestion(
      trx,
      reader,
      suggestionId,
      {
        // A held suggestion taken into a topic has been read by the member who took it.
        from: { status: 'received', contentChecks: ['passed', 'held'] },
        to: { status: 'inTopic', contentCheck: 'passed', topicId: topic.id },
        step: { kind: 'inTopic', text: `已列为议题“${topic.title}”，议事会将准备后提交会前预审` },
      },
      at,
    )
    authors.push(filedBy)
  }
  await writeMessages(trx, ctx.services.config, at, {
    villageId: ctx.user.villageId,
    to: { userIds: [...new Set(authors)] },
    kind: 'council',
    title: `您的建议已列为议题：${topic.title}`,
    body: '议事会成员会准备材料，提交村党组织会前预审后上会讨论。',
    link: mySuggestionsPage,
  })
}

/** 议题: made from suggestions, prepared, submitted, pre-reviewed by 村党组织. */
export const topicHandlers: Pick<
  FunctionHandlers<'council'>,
  'createTopic' | 'addToTopic' | 'editTopic' | 'submitTopic' | 'preReview' | 'topics' | 'topic'
> = {
  createTopic: change(topicMakers, 'council.createTopic', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    const id = await insertTopic(trx, {
      villageId: ctx.user.villageId,
      title: input.title,
      background: input.background,
      options: input.options,
      materials: input.materials,
      createdBy: ctx.user.id,
      at,
    })
    await takeSuggestions(ctx, trx, { id, title: input.title }, input.suggestionIds, at)
    const topic = await loadTopic(trx, ctx.user.villageId, id)
    return {
      result: topic,
      audit: {
        target: target(topic),
        before: null,
        after: { suggestions: topic.suggestions.length },
      },
    }
  }),

  addToTopic: change(topicMakers, 'council.addToTopic', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    const before = await loadTopic(trx, ctx.user.villageId, input.topicId)
    refuse(mergeRefusal(before.status))
    // Bumps the topic (and holds its row) while it is still open to more suggestions.
    await moveTopic(
      trx,
      ctx.user.villageId,
      before.id,
      [before.status],
      before.status,
      at,
      '这个议题已经变了，请刷新看看',
    )
    await takeSuggestions(ctx, trx, before, input.suggestionIds, at)
    const topic = await loadTopic(trx, ctx.user.villageId, input.topicId)
    return {
      result: topic,
      audit: {
        target: target(topic),
        before: { suggestions: before.suggestions.length },
        after: { suggestions: topic.suggestions.length },
      },
    }
  }),

  editTopic: change(topicMakers, 'council.editTopic', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    await editDraftTopic(trx, ctx.user.villageId, input.topicId, input, at)
    const topic = await loadTopic(trx, ctx.user.villageId, input.topicId)
    return {
      result: topic,
      audit: { target: target(topic), before: null, after: { materials: topic.materials.length } },
    }
  }),

  submitTopic: change(topicMakers, 'council.submitTopic', async (ctx, trx, { topicId }) => {
    const at = ctx.services.now().toISOString()
    const { villageId } = ctx.user
    await moveTopic(trx, villageId, topicId, ['draft'], 'submitted', at)
    // Read after the move, which holds the row: what is checked is what is submitted.
    const topic = await loadTopic(trx, villageId, topicId)
    refuse(submitRefusal(topic))
    await tellTopicAuthors(
      trx,
      ctx.services.config,
      { ...topic, villageId },
      {
        kind: 'submitted',
        text: '议题已提交村党组织会前预审',
        title: '议题提交预审',
        actorId: ctx.user.id,
        at,
      },
    )
    return {
      result: topic,
      audit: { target: target(topic), before: { status: 'draft' }, after: { status: 'submitted' } },
    }
  }),

  preReview: change(['partyReviewer'], 'council.preReview', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    const { villageId } = ctx.user
    const article =
      input.outcome === 'coveredByRules'
        ? await currentArticle(trx, villageId, input.articleId)
        : null
    refuse(articleRefusal(input.outcome, article))
    const to = preReviewMove(input.outcome)
    await moveTopic(trx, villageId, input.topicId, ['submitted'], to, at)
    await recordPreReview(trx, input, {
      villageId,
      articleId: article?.id ?? null,
      reviewedBy: ctx.user.id,
      at,
    })
    const topic = await loadTopic(trx, villageId, input.topicId)
    const step = preReviewStep(input, article ? Number(article.number) : null)
    await tellTopicAuthors(
      trx,
      ctx.services.config,
      { ...topic, villageId },
      {
        ...step,
        title: `会前预审结果（${preReviewOutcomeLabels[input.outcome]}）`,
        actorId: ctx.user.id,
        at,
        articleId: article?.id ?? null,
      },
    )
    return {
      result: topic,
      audit: {
        target: target(topic),
        before: { status: 'submitted' },
        after: { status: to, outcome: preReviewOutcomeLabels[input.outcome] },
      },
    }
  }),

  topics: forRoles(councilRoles, (ctx, { status }) =>
    listTopics(ctx.services.db, ctx.user.villageId, status),
  ),

  topic: forRoles(councilRoles, (ctx, { topicId }) =>
    loadTopic(ctx.services.db, ctx.user.villageId, topicId),
  ),
}

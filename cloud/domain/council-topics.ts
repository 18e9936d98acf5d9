import type { z } from 'zod'
import {
  preReviewOutcomeLabels,
  topicStatusLabels,
  type PreReview,
  type preReviewSchema,
  type SuggestionStepKind,
  type Topic,
  type TopicMaterial,
} from '../../types/council'
import type { TopicStatus } from '../../types/council-rules'
import { villagerLabel } from '../../types/villager-label'
import type { Config } from '../config'
import { AppError, notFound } from '../core/errors'
import type { Db } from '../store/db'
import { mySuggestionsPage, recordStep } from './council-suggestions'
import { writeMessages } from './messages'
import { newRowId } from '../store/row-id'

/**
 * Moves a topic of the village from one of `from` to `to` by compare-and-swap: of two council
 * members acting on it at once, one moves it and the other is told it has moved on. An unknown
 * topic (or another village's) is NOT_FOUND.
 */
export async function moveTopic(
  trx: Db,
  villageId: string,
  topicId: string,
  from: readonly TopicStatus[],
  to: TopicStatus,
  at: string,
  refusal = '这个议题已经有人处理过了，请刷新看看',
): Promise<void> {
  const moved = await trx
    .updateTable('councilTopics')
    .set({ status: to, updatedAt: at })
    .where('id', '=', topicId)
    .where('villageId', '=', villageId)
    .where('status', 'in', [...from])
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) > 0) return
  await loadTopic(trx, villageId, topicId)
  throw new AppError('CONFLICT', refusal)
}

/**
 * A step of a topic reaches every suggestion in it: on each one's timeline (what its author reads
 * in 我的建议), and in 消息 to their authors, in the transaction of the change.
 */
export async function tellTopicAuthors(
  trx: Db,
  config: Pick<Config, 'demoMode' | 'wxTemplates'>,
  topic: { id: string; villageId: string; title: string },
  step: {
    kind: SuggestionStepKind
    text: string
    title: string
    actorId: string | null
    at: string
    articleId?: string | null
  },
): Promise<void> {
  const suggestions = await trx
    .selectFrom('suggestions')
    .select(['id', 'filedBy'])
    .where('topicId', '=', topic.id)
    .execute()
  for (const suggestion of suggestions) {
    await recordStep(trx, {
      villageId: topic.villageId,
      suggestionId: suggestion.id,
      kind: step.kind,
      text: step.text,
      actorId: step.actorId,
      at: step.at,
      articleId: step.articleId ?? null,
    })
  }
  await writeMessages(trx, config, step.at, {
    villageId: topic.villageId,
    to: { userIds: [...new Set(suggestions.map((suggestion) => suggestion.filedBy))] },
    kind: 'council',
    title: `${step.title}：${topic.title}`,
    body: step.text,
    link: mySuggestionsPage,
  })
}

function topicsOf(db: Db, villageId: string) {
  return db
    .selectFrom('councilTopics')
    .innerJoin('users', 'users.id', 'councilTopics.createdBy')
    .select([
      'councilTopics.id',
      'councilTopics.title',
      'councilTopics.background',
      'councilTopics.options',
      'councilTopics.materialsJson',
      'councilTopics.status',
      'councilTopics.createdAt',
      'councilTopics.updatedAt',
      'users.displayName',
      'users.villagerNo',
    ])
    .where('councilTopics.villageId', '=', villageId)
}
type TopicRow = Awaited<ReturnType<ReturnType<typeof topicsOf>['execute']>>[number]

async function withParts(db: Db, rows: TopicRow[]): Promise<Topic[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const [suggestions, reviews] = await Promise.all([
    db
      .selectFrom('suggestions')
      .innerJoin('users', 'users.id', 'suggestions.filedBy')
      .select([
        'suggestions.id',
        'suggestions.title',
        'suggestions.topicId',
        'users.displayName',
        'users.villagerNo',
      ])
      .where('suggestions.topicId', 'in', ids)
      .orderBy('suggestions.filedAt')
      .execute(),
    db
      .selectFrom('councilPreReviews')
      .innerJoin('users', 'users.id', 'councilPreReviews.reviewedBy')
      .leftJoin('rulesArticles', 'rulesArticles.id', 'councilPreReviews.articleId')
      .select([
        'councilPreReviews.topicId',
        'councilPreReviews.outcome',
        'councilPreReviews.note',
        'councilPreReviews.law',
        'councilPreReviews.createdAt',
        'users.displayName',
        'users.villagerNo',
        'rulesArticles.id as articleId',
        'rulesArticles.number as articleNumber',
        'rulesArticles.text as articleText',
      ])
      .where('councilPreReviews.topicId', 'in', ids)
      .orderBy('councilPreReviews.createdAt')
      .orderBy('councilPreReviews.id')
      .execute(),
  ])
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    background: row.background,
    options: row.options,
    materials: JSON.parse(row.materialsJson) as TopicMaterial[],
    status: row.status,
    suggestions: suggestions
      .filter((suggestion) => suggestion.topicId === row.id)
      .map((suggestion) => ({
        id: suggestion.id,
        title: suggestion.title,
        filedByName: villagerLabel(suggestion.displayName, suggestion.villagerNo),
      })),
    preReviews: reviews
      .filter((review) => review.topicId === row.id)
      .map((review): PreReview => ({
        outcome: review.outcome,
        outcomeLabel: preReviewOutcomeLabels[review.outcome],
        note: review.note,
        law: review.law,
        article:
          review.articleId && review.articleText !== null
            ? {
                id: review.articleId,
                number: Number(review.articleNumber),
                text: review.articleText,
              }
            : null,
        reviewedByName: villagerLabel(review.displayName, review.villagerNo),
        at: review.createdAt,
      })),
    createdByName: villagerLabel(row.displayName, row.villagerNo),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }))
}

/** One topic of the village, with its suggestions and pre-reviews. */
export async function loadTopic(db: Db, villageId: string, topicId: string): Promise<Topic> {
  const row = await topicsOf(db, villageId)
    .where('councilTopics.id', '=', topicId)
    .executeTakeFirst()
  if (!row) throw notFound('这个议题')
  const [topic] = await withParts(db, [row])
  return topic
}

/** The village's topics, newest first; at most 200 (a village raises dozens a year). */
export async function listTopics(
  db: Db,
  villageId: string,
  status: TopicStatus | undefined,
): Promise<Topic[]> {
  let query = topicsOf(db, villageId)
  if (status) query = query.where('councilTopics.status', '=', status)
  const rows = await query
    .orderBy('councilTopics.createdAt', 'desc')
    .orderBy('councilTopics.id', 'desc')
    .limit(200)
    .execute()
  return withParts(db, rows)
}

/** An article of the village's CURRENT rules, or null: only that may settle a topic. */
export async function currentArticle(db: Db, villageId: string, articleId: string) {
  const latest = db
    .selectFrom('rulesVersions')
    .select((eb) => eb.fn.max('versionNo').as('latest'))
    .where('villageId', '=', villageId)
  return db
    .selectFrom('rulesArticles')
    .innerJoin('rulesVersions', 'rulesVersions.id', 'rulesArticles.versionId')
    .select(['rulesArticles.id', 'rulesArticles.number', 'rulesArticles.text'])
    .where('rulesArticles.id', '=', articleId)
    .where('rulesVersions.villageId', '=', villageId)
    .where('rulesVersions.versionNo', '=', latest)
    .executeTakeFirst()
}

/** 会前预审 as the 党组织审核人 gives it: approved, or one reason with what that reason needs. */
export type PreReviewInput = z.infer<typeof preReviewSchema>

/** What a topic is made of while the council prepares it. */
export interface TopicDraft {
  title: string
  background: string
  options: string
  materials: readonly TopicMaterial[]
}

/** Suggestions are merged into a topic until its vote: not into one rejected or decided. */
export function mergeRefusal(status: TopicStatus): AppError | null {
  if (['draft', 'submitted', 'approved', 'scheduled'].includes(status)) return null
  return new AppError('FAILED_PRECONDITION', `议题已经${topicStatusLabels[status]}，不能再并入建议`)
}

/** A topic is submitted for 会前预审 only with its background written and every material ready. */
export function submitRefusal(topic: Pick<Topic, 'background' | 'materials'>): AppError | null {
  const missing = topic.materials.filter((material) => !material.ready)
  if (missing.length > 0) {
    return new AppError(
      'FAILED_PRECONDITION',
      `材料还没备齐：${missing.map((material) => material.item).join('、')}`,
    )
  }
  if (topic.background === '') {
    return new AppError('FAILED_PRECONDITION', '请先写明议题的背景情况', 'background')
  }
  return null
}

/**
 * 村规民约已有约定 must name an article of the village's current rules (an older version's article
 * may have been changed since).
 */
export function articleRefusal(
  outcome: PreReviewInput['outcome'],
  article: { id: string } | null | undefined,
): AppError | null {
  if (outcome !== 'coveredByRules' || article) return null
  return new AppError('INVALID_ARGUMENT', '这一条不在本村现行的村规民约里', 'articleId')
}

/** Where 会前预审 sends a topic: on to a meeting, back to rework, or to its end. */
export function preReviewMove(outcome: PreReviewInput['outcome']): TopicStatus {
  if (outcome === 'approved') return 'approved'
  return outcome === 'insufficientPreparation' ? 'draft' : 'rejected'
}

/** The step 会前预审 puts on the timelines of the topic's suggestions. */
export function preReviewStep(
  review: PreReviewInput,
  articleNumber: number | null,
): { kind: SuggestionStepKind; text: string } {
  switch (review.outcome) {
    case 'approved':
      return { kind: 'approved', text: '议题通过会前预审，等待安排议事会议' }
    case 'insufficientPreparation':
      return {
        kind: 'sentBack',
        text: `会前预审：准备不充分，议事会补充后再提交。${review.note}`,
      }
    case 'coveredByLaw':
      return {
        kind: 'notDeliberated',
        text: `会前预审：法律政策已有规定（${review.law}），不再上会讨论`,
      }
    case 'coveredByRules':
      return {
        kind: 'notDeliberated',
        text: `会前预审：村规民约第${Number(articleNumber)}条已有约定，不再上会讨论`,
      }
  }
}

/** A topic made by a council member, in draft. Returns its id. */
export async function insertTopic(
  trx: Db,
  topic: TopicDraft & { villageId: string; createdBy: string; at: string },
): Promise<string> {
  const id = newRowId()
  await trx
    .insertInto('councilTopics')
    .values({
      id,
      villageId: topic.villageId,
      title: topic.title,
      background: topic.background,
      options: topic.options,
      materialsJson: JSON.stringify(topic.materials),
      status: 'draft',
      createdBy: topic.createdBy,
      createdAt: topic.at,
      updatedAt: topic.at,
    })
    .execute()
  return id
}

/** Rewrites a topic while it is a draft, by compare-and-swap on that status. */
export async function editDraftTopic(
  trx: Db,
  villageId: string,
  topicId: string,
  draft: TopicDraft,
  at: string,
): Promise<void> {
  const edited = await trx
    .updateTable('councilTopics')
    .set({
      title: draft.title,
      background: draft.background,
      options: draft.options,
      materialsJson: JSON.stringify(draft.materials),
      updatedAt: at,
    })
    .where('id', '=', topicId)
    .where('villageId', '=', villageId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (Number(edited.numUpdatedRows) > 0) return
  const topic = await loadTopic(trx, villageId, topicId)
  throw new AppError(
    'FAILED_PRECONDITION',
    `议题已经${topicStatusLabels[topic.status]}，不能再修改`,
  )
}

/** The 会前预审 decision on the record, with the law or the article it names. */
export async function recordPreReview(
  trx: Db,
  review: PreReviewInput,
  by: { villageId: string; articleId: string | null; reviewedBy: string; at: string },
): Promise<void> {
  await trx
    .insertInto('councilPreReviews')
    .values({
      id: newRowId(),
      villageId: by.villageId,
      topicId: review.topicId,
      outcome: review.outcome,
      note: 'note' in review ? review.note : '',
      law: review.outcome === 'coveredByLaw' ? review.law : null,
      articleId: by.articleId,
      reviewedBy: by.reviewedBy,
      createdAt: by.at,
    })
    .execute()
}

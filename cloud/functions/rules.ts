import { change } from '../core/change'
import { forPendingOrMember, preloadedForPendingOrMember, tagged } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, isUniqueViolation, notFound } from '../core/errors'
import { writeMessages } from '../domain/messages'
import { formatVillageDate } from '../../types/village-time'
import {
  currentVersion,
  currentVersionPreload,
  insertRulesVersion,
  latestVersionNo,
  listVersions,
  loadVersion,
  versionTag,
} from '../domain/rules-store'

export const rulesHandlers: FunctionHandlers<'rules'> = {
  // One round trip: the current version's row comes with the caller's identity.
  current: tagged(
    versionTag,
    preloadedForPendingOrMember(currentVersionPreload, async (ctx, _data, row) =>
      currentVersion(ctx.services.db, ctx.user.villageId, row),
    ),
  ),

  versions: forPendingOrMember(async (ctx) => listVersions(ctx.services.db, ctx.user.villageId)),

  version: tagged(
    versionTag,
    forPendingOrMember(async (ctx, { versionId }) => {
      const version = await loadVersion(ctx.services.db, ctx.user.villageId, versionId)
      if (!version) throw notFound('这个版本的村规民约')
      return version
    }),
  ),

  article: forPendingOrMember(async (ctx, { articleId }) => {
    const { db } = ctx.services
    // The village check is in the join: an article of another village is simply not found.
    const row = await db
      .selectFrom('rulesArticles')
      .innerJoin('rulesChapters', 'rulesChapters.id', 'rulesArticles.chapterId')
      .innerJoin('rulesVersions', 'rulesVersions.id', 'rulesArticles.versionId')
      .select([
        'rulesArticles.id',
        'rulesArticles.number',
        'rulesArticles.text',
        'rulesChapters.id as chapterId',
        'rulesChapters.number as chapterNumber',
        'rulesChapters.title as chapterTitle',
        'rulesVersions.id as versionId',
      ])
      .where('rulesArticles.id', '=', articleId)
      .where('rulesVersions.villageId', '=', ctx.user.villageId)
      .executeTakeFirst()
    if (!row) throw notFound('这一条')
    const version = (await listVersions(db, ctx.user.villageId)).find(
      (candidate) => candidate.id === row.versionId,
    )
    if (!version) throw notFound('这一条')
    return {
      article: { id: row.id, number: Number(row.number), text: row.text },
      chapter: { id: row.chapterId, number: Number(row.chapterNumber), title: row.chapterTitle },
      version,
    }
  }),

  publish: change(['admin'], 'rules.publish', async (ctx, trx, input) => {
    const { villageId } = ctx.user
    const latest = (await latestVersionNo(trx, villageId)) ?? 0
    if (latest !== input.basedOnVersionNo) {
      throw new AppError(
        'CONFLICT',
        `村规刚刚有人发布了第 ${latest} 版，您的修改没有发布。请返回后重新打开，在新版本上修改`,
        'basedOnVersionNo',
      )
    }
    try {
      const { articleCount, ...summary } = await insertRulesVersion(
        trx,
        villageId,
        input,
        ctx.user.id,
        ctx.services.now().toISOString(),
      )
      await writeMessages(trx, ctx.services.config, ctx.services.now().toISOString(), {
        villageId,
        to: 'allMembers',
        kind: 'rulesPublished',
        title: `村规民约第 ${summary.versionNo} 版发布了`,
        body: `${input.title}，${formatVillageDate(input.adoptedOn)}通过，请点开查看`,
        link: '/pages/rules/index',
      })
      return {
        result: summary,
        audit: {
          target: `${input.title}（第 ${summary.versionNo} 版）`,
          before: summary.versionNo > 1 ? { versionNo: summary.versionNo - 1 } : null,
          after: {
            versionNo: summary.versionNo,
            adoptedOn: input.adoptedOn,
            chapters: input.chapters.length,
            articles: articleCount,
          },
        },
      }
    } catch (error) {
      // Two admins publishing at once: the unique (village, version number) lets one win.
      if (isUniqueViolation(error)) {
        throw new AppError('CONFLICT', '刚刚有人发布了新版本，请刷新后再发布')
      }
      throw error
    }
  }),
}

import * as z from 'zod'
import { action, change, noInput } from './api'
import { dateSchema, idSchema, text } from './common'

export interface RulesArticle {
  id: string
  /** Numbered through the whole version: 第 1 条, 第 2 条 … */
  number: number
  text: string
}

export interface RulesChapter {
  id: string
  number: number
  title: string
  articles: RulesArticle[]
}

export interface RulesVersionSummary {
  id: string
  versionNo: number
  title: string
  adoptedOn: string
  publishedAt: string
  current: boolean
}

export interface RulesVersion extends RulesVersionSummary {
  preamble: string
  chapters: RulesChapter[]
}

export interface RulesArticleDetail {
  article: RulesArticle
  chapter: { id: string; number: number; title: string }
  version: RulesVersionSummary
}

export const rulesPublishSchema = z.strictObject({
  /**
   * The version the admin edited a copy of (0 for the first). Publishing on top of a version
   * someone else published meanwhile would silently drop their changes, so it is refused.
   */
  basedOnVersionNo: z.number().int().min(0),
  title: text(60),
  adoptedOn: dateSchema,
  preamble: text(2000, 0, 'multi').default(''),
  chapters: z
    .array(
      z.strictObject({
        title: text(60),
        articles: z
          .array(z.strictObject({ text: text(2000, 1, 'multi') }))
          .min(1)
          .max(100),
      }),
    )
    .min(1)
    .max(30),
})
export type RulesPublishInput = z.input<typeof rulesPublishSchema>

export const rulesContract = {
  current: action<RulesVersion | null>()(noInput),
  versions: action<RulesVersionSummary[]>()(noInput),
  version: action<RulesVersion>()(z.strictObject({ versionId: idSchema })),
  article: action<RulesArticleDetail>()(z.strictObject({ articleId: idSchema })),
  publish: change<RulesVersionSummary>()(rulesPublishSchema),
}

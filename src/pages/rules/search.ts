import type { RulesChapter } from '../../../types/rules'
import { containsKeyword } from '../../utils/highlight'

export interface RulesSearchResult {
  /** Only the chapters with a matching article, each with only its matching articles. */
  chapters: RulesChapter[]
  /** How many articles matched. */
  count: number
}

/** Finds the articles whose text contains the keyword, keeping them grouped by chapter. */
export function searchRules(chapters: RulesChapter[], keyword: string): RulesSearchResult {
  let count = 0
  const matching: RulesChapter[] = []
  for (const chapter of chapters) {
    const articles = chapter.articles.filter((article) => containsKeyword(article.text, keyword))
    if (articles.length) {
      matching.push({ ...chapter, articles })
      count += articles.length
    }
  }
  return { chapters: matching, count }
}

import type { RulesPublishInput, RulesVersion } from '../../../../types/rules'
import { articleLabel, chapterLabel } from '../../../components/rules-article-text/numbering'

/** The form's copy of a rules version; keys keep React's rows steady while rows are added. */
export interface DraftArticle {
  key: string
  text: string
}

export interface DraftChapter {
  key: string
  title: string
  articles: DraftArticle[]
}

export interface RulesDraft {
  /** The version this draft copies; the server refuses it if a newer one appeared meanwhile. */
  basedOnVersionNo: number
  title: string
  adoptedOn: string
  preamble: string
  chapters: DraftChapter[]
}

let lastKey = 0
function newKey(): string {
  lastKey += 1
  return `draft-${lastKey}`
}

export function emptyArticle(): DraftArticle {
  return { key: newKey(), text: '' }
}

export function emptyChapter(): DraftChapter {
  return { key: newKey(), title: '', articles: [emptyArticle()] }
}

/**
 * A copy of the current version to edit (or a blank one when there is none yet). The adoption
 * date starts at `today`: a new version is adopted on a new date.
 */
export function draftFromVersion(version: RulesVersion | null, today: string): RulesDraft {
  if (!version) {
    return {
      basedOnVersionNo: 0,
      title: '',
      adoptedOn: today,
      preamble: '',
      chapters: [emptyChapter()],
    }
  }
  return {
    basedOnVersionNo: version.versionNo,
    title: version.title,
    adoptedOn: today,
    preamble: version.preamble,
    chapters: version.chapters.map((chapter) => ({
      key: newKey(),
      title: chapter.title,
      articles: chapter.articles.map((article) => ({ key: newKey(), text: article.text })),
    })),
  }
}

export function toPublishInput(draft: RulesDraft): RulesPublishInput {
  return {
    basedOnVersionNo: draft.basedOnVersionNo,
    title: draft.title,
    adoptedOn: draft.adoptedOn,
    preamble: draft.preamble,
    chapters: draft.chapters.map((chapter) => ({
      title: chapter.title,
      articles: chapter.articles.map((article) => ({ text: article.text })),
    })),
  }
}

/** The 第N条 number of every article, counted through the whole draft as it will be published. */
export function articleNumbers(draft: RulesDraft): number[][] {
  let number = 0
  return draft.chapters.map((chapter) => chapter.articles.map(() => (number += 1)))
}

/** Names for every field path, so a validation message says which chapter or article. */
export function draftLabels(draft: RulesDraft): Record<string, string> {
  const labels: Record<string, string> = {
    title: '标题',
    adoptedOn: '通过日期',
    preamble: '序言',
    chapters: '章节',
  }
  const numbers = articleNumbers(draft)
  draft.chapters.forEach((chapter, chapterIndex) => {
    const chapterName = chapterLabel(chapterIndex + 1)
    labels[`chapters.${chapterIndex}.title`] = `${chapterName}的标题`
    labels[`chapters.${chapterIndex}.articles`] = `${chapterName}的条款`
    chapter.articles.forEach((_, articleIndex) => {
      const articleName = articleLabel(numbers[chapterIndex][articleIndex])
      labels[`chapters.${chapterIndex}.articles.${articleIndex}.text`] = articleName
    })
  })
  return labels
}

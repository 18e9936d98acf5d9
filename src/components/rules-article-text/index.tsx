import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RulesArticle } from '../../../types/rules'
import { highlight } from '../../utils/highlight'
import { articleLabel } from './numbering'
import './index.css'

export interface RulesArticleTextProps {
  article: Pick<RulesArticle, 'id' | 'number' | 'text'>
  /** Marks every occurrence of this search keyword. */
  keyword?: string
  /** Tapping opens the article's own page (its shareable link). */
  linked?: boolean
}

export function articleUrl(articleId: string): string {
  return `/pages/rules-article/index?id=${encodeURIComponent(articleId)}`
}

/** One article of the village rules: 第N条 and its text, optionally with search matches marked. */
export default function RulesArticleText({ article, keyword = '', linked }: RulesArticleTextProps) {
  const open = linked ? () => Taro.navigateTo({ url: articleUrl(article.id) }) : undefined
  return (
    <View
      className={linked ? 'rules-article-text rules-article-text--linked' : 'rules-article-text'}
      onClick={open}
      hoverClass={linked ? 'vh-row--hover' : undefined}
    >
      <Text className="rules-article-text__label">{articleLabel(article.number)}</Text>
      <Text className="rules-article-text__body">
        {highlight(article.text, keyword).map((segment, index) =>
          segment.match ? (
            <Text key={index} className="vh-mark">
              {segment.text}
            </Text>
          ) : (
            segment.text
          ),
        )}
      </Text>
      {linked ? <Text className="rules-article-text__more">查看本条 ›</Text> : null}
    </View>
  )
}

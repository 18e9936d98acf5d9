import { Button as TaroButton, View } from '@tarojs/components'
import { ariaRole, focusable, pageHeading } from '../../utils/a11y'
import { useEffect } from 'react'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { RulesArticleDetail } from '../../../types/rules'
import PageShell from '../../components/page-shell'
import { articleUrl } from '../../components/rules-article-text'
import { formatVillageDate } from '../../../types/village-time'
import { articleLabel, chapterLabel } from '../../components/rules-article-text/numbering'
import { useQuery } from '../../hooks/use-query'
import { useMe } from '../../services/me'
import { openRulesVersion } from '../rules/version-request'
import './index.css'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** Sharing to a chat exists only inside WeChat; elsewhere there is nothing to register. */
const useShareInWechat: typeof useShareAppMessage = isWeapp ? useShareAppMessage : () => undefined

/** One article of the village rules on its own page, so its link can be sent to others. */
export default function RulesArticlePage() {
  const { params } = useRouter()
  const articleId = params.id
  return articleId ? <ArticleView articleId={articleId} /> : <ToRulesList />
}

/**
 * An address without an article (a cut-off link, or this page shown for an address that has
 * already changed) has nothing to show: the villager goes to the rules list, not to a dead end.
 */
function ToRulesList() {
  useEffect(() => openRulesVersion(null), [])
  return <PageShell className="rules-article-page" loading />
}

function ArticleView({ articleId }: { articleId: string }) {
  const query = useQuery('rules', 'article', { articleId })
  const { me } = useMe()
  const detail = query.data
  useShareInWechat(() => ({
    title: detail
      ? `村规民约${articleLabel(detail.article.number)}：${detail.article.text.slice(0, 24)}`
      : '村规民约',
    path: me?.village
      ? `${articleUrl(articleId)}&villageId=${me.village.id}`
      : articleUrl(articleId),
  }))

  if (query.error?.code === 'NOT_FOUND') return <Missing message={query.error.message} />
  return (
    <PageShell
      className="rules-article-page"
      loading={query.loading && !detail}
      error={query.error}
      onRetry={query.reload}
    >
      {detail ? <ArticleDetail detail={detail} /> : null}
    </PageShell>
  )
}

function ArticleDetail({ detail }: { detail: RulesArticleDetail }) {
  const { article, chapter, version } = detail
  return (
    <View className="rules-article">
      <View className="rules-article__number" {...pageHeading()}>
        {articleLabel(article.number)}
      </View>
      <View className="rules-article__chapter">
        {chapterLabel(chapter.number)} {chapter.title}
      </View>
      <View className="vh-card rules-article__text">{article.text}</View>
      <View className="rules-article__source">
        出自《{version.title}》第{version.versionNo}版，{formatVillageDate(version.adoptedOn)}通过
      </View>
      {version.current ? null : (
        <View className="rules-article__old">
          这是旧版本里的条款，现行村规可能已经修改。
          <View
            className="vh-link vh-tap"
            {...ariaRole('link')}
            {...focusable()}
            onClick={() => openRulesVersion(null)}
          >
            看现行村规
          </View>
        </View>
      )}
      <Button
        className="rules-article__action"
        type="primary"
        block
        onClick={() => openRulesVersion(version.current ? null : version.id)}
      >
        查看全文
      </Button>
      {isWeapp ? (
        <TaroButton className="rules-article__share" openType="share">
          把这一条发给亲友
        </TaroButton>
      ) : null}
    </View>
  )
}

function Missing({ message }: { message: string }) {
  return (
    <PageShell className="rules-article-page">
      <View className="vh-empty">
        <View className="vh-title" {...pageHeading()}>
          找不到这一条村规
        </View>
        <View className="rules-article__missing">{message}</View>
        <View className="vh-muted">可能是链接有误，或者村规已经改版。</View>
        <Button
          className="rules-article__action"
          type="primary"
          block
          onClick={() => openRulesVersion(null)}
        >
          看现行村规全文
        </Button>
      </View>
    </PageShell>
  )
}

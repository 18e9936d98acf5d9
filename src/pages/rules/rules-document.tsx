import { Text, View } from '@tarojs/components'
import { pageHeading } from '../../utils/a11y'
import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { RulesChapter, RulesVersion } from '../../../types/rules'
import RulesArticleText from '../../components/rules-article-text'
import { formatVillageDate } from '../../../types/village-time'
import { chapterLabel } from '../../components/rules-article-text/numbering'
import { searchRules } from './search'
import VersionHistory from './version-history'

interface RulesDocumentProps {
  version: RulesVersion
  /** Open another version; null for the current one. */
  onOpenVersion: (versionId: string | null) => void
}

/** One version of the village rules, searchable, with its history. */
export default function RulesDocument({ version, onOpenVersion }: RulesDocumentProps) {
  const [keyword, setKeyword] = useState('')
  const [historyOpen, setHistoryOpen] = useState(false)
  const searching = keyword.trim() !== ''
  const adoptedOn = formatVillageDate(version.adoptedOn)

  return (
    <View className="rules">
      {version.current ? null : (
        <View className="rules__old-banner" onClick={() => onOpenVersion(null)}>
          这是旧版本（{adoptedOn}通过），现行版本请点这里
        </View>
      )}
      {/* the page's heading stays while searching */}
      <View className="vh-title rules__title" {...pageHeading()}>
        {version.title}
      </View>
      <SearchBar
        className="rules__search"
        placeholder="搜索条款，如：彩礼"
        value={keyword}
        onChange={(value) => setKeyword(value)}
        onClear={() => setKeyword('')}
        maxLength={20}
      />
      {searching ? (
        <SearchResults
          chapters={version.chapters}
          keyword={keyword.trim()}
          onClear={() => setKeyword('')}
        />
      ) : (
        <>
          <View className="rules__heading">
            <View className="rules__meta">
              第{version.versionNo}版 · {adoptedOn}通过{version.current ? ' · 现行' : ''}
            </View>
            <Button
              className="rules__history-toggle"
              fill="outline"
              onClick={() => setHistoryOpen((open) => !open)}
            >
              {historyOpen ? '收起历史版本' : '历史版本'}
            </Button>
          </View>
          {historyOpen ? (
            <VersionHistory
              shownId={version.id}
              onOpen={(summary) => {
                setHistoryOpen(false)
                onOpenVersion(summary.current ? null : summary.id)
              }}
            />
          ) : null}
          {version.preamble ? (
            <View className="vh-card rules__preamble">{version.preamble}</View>
          ) : null}
          {version.chapters.map((chapter) => (
            <Chapter key={chapter.id} chapter={chapter} keyword="" />
          ))}
        </>
      )}
    </View>
  )
}

function Chapter({ chapter, keyword }: { chapter: RulesChapter; keyword: string }) {
  return (
    <View className="vh-card rules__chapter">
      <View className="rules__chapter-title">
        {chapterLabel(chapter.number)} {chapter.title}
      </View>
      {chapter.articles.map((article) => (
        <RulesArticleText key={article.id} article={article} keyword={keyword} linked />
      ))}
    </View>
  )
}

interface SearchResultsProps {
  chapters: RulesChapter[]
  keyword: string
  onClear: () => void
}

function SearchResults({ chapters, keyword, onClear }: SearchResultsProps) {
  const result = searchRules(chapters, keyword)
  if (!result.count) {
    return (
      <View className="vh-empty rules__empty">
        <View>没有找到包含“{keyword}”的条款</View>
        <View className="vh-muted">换个说法试试，比如“酒席”“礼金”</View>
        <Button className="rules__clear" type="primary" onClick={onClear}>
          清除搜索，看全部条款
        </Button>
      </View>
    )
  }
  return (
    <View>
      <View className="rules__found">
        <Text>找到 {result.count} 条</Text>
        <Button className="rules__clear-inline" fill="outline" size="small" onClick={onClear}>
          清除搜索
        </Button>
      </View>
      {result.chapters.map((chapter) => (
        <Chapter key={chapter.id} chapter={chapter} keyword={keyword} />
      ))}
    </View>
  )
}

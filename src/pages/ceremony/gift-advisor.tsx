import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import {
  ceremonyTypeLabels,
  ceremonyTypes,
  relationshipLabels,
  relationships,
  type CeremonyType,
  type Relationship,
} from '../../../types/ceremony-labels'
import RulesArticleText from '../../components/rules-article-text'
import { useQuery } from '../../hooks/use-query'
import ChoiceButtons from '../../components/choice-buttons'
import { banquetLines } from './limits-text'
import { ariaRole } from '../../utils/a11y'
import { scrollToElement } from '../../utils/motion'

const ADVICE_ID = 'ceremony-advice'

/** 随礼参考: pick the occasion and how you are related, see how much a gift may be. */
export default function GiftAdvisor() {
  const [ceremonyType, setCeremonyType] = useState<CeremonyType | null>(null)
  const [relationship, setRelationship] = useState<Relationship | null>(null)
  return (
    <View className="vh-card ceremony-advisor">
      <View className="vh-section-title">随礼参考：我该随多少？</View>
      <View className="ceremony-advisor__step">1. 是什么事？</View>
      <ChoiceButtons
        options={ceremonyTypes}
        labels={ceremonyTypeLabels}
        value={ceremonyType}
        onChange={setCeremonyType}
        size="large"
      />
      <View className="ceremony-advisor__step">2. 您和主家是什么关系？</View>
      <ChoiceButtons
        options={relationships}
        labels={relationshipLabels}
        value={relationship}
        onChange={setRelationship}
        size="large"
      />
      {ceremonyType && relationship ? (
        <Advice ceremonyType={ceremonyType} relationship={relationship} />
      ) : (
        <View className="vh-muted ceremony-advisor__hint">选好上面两项，这里就会显示标准。</View>
      )}
    </View>
  )
}

function Advice(props: { ceremonyType: CeremonyType; relationship: Relationship }) {
  const { ceremonyType, relationship } = props
  const advice = useQuery('ceremony', 'giftAdvice', { ceremonyType, relationship })
  const ready = Boolean(advice.data && !advice.loading)
  useEffect(() => {
    // The answer appears below both sets of buttons: on a small phone with 大字模式 that is below
    // the screen, where a villager would never see it. Bring it up.
    if (ready) {
      scrollToElement(`#${ADVICE_ID}`, -16)
    }
  }, [ready, ceremonyType, relationship])
  if (advice.error) {
    return (
      <View className="ceremony-advice" {...ariaRole('alert')}>
        <View className="vh-danger">{advice.error.message}</View>
        <Button fill="outline" onClick={() => void advice.reload()}>
          重新查询
        </Button>
      </View>
    )
  }
  if (!advice.data || advice.loading) {
    return <View className="ceremony-advice vh-muted">正在查询…</View>
  }
  const { giftLimit, banquetLimit, articles } = advice.data
  return (
    <View id={ADVICE_ID} className="ceremony-advice" aria-live="polite">
      <View className="ceremony-advice__who">
        {ceremonyTypeLabels[ceremonyType]} · {relationshipLabels[relationship]}
      </View>
      <View className="ceremony-advice__amount">礼金不超过 {giftLimit.maxAmount} 元</View>
      {giftLimit.note ? <View className="ceremony-advice__note">{giftLimit.note}</View> : null}
      <View className="ceremony-advice__subtitle">主家办酒席也要守这些标准：</View>
      {banquetLines(banquetLimit, ceremonyType).map((line) => (
        <View key={line} className="ceremony-advice__line">
          {line}
        </View>
      ))}
      {articles.length ? (
        <>
          <View className="ceremony-advice__subtitle">村规里是这样写的：</View>
          {articles.map((article) => (
            <RulesArticleText key={article.id} article={article} linked />
          ))}
        </>
      ) : null}
    </View>
  )
}

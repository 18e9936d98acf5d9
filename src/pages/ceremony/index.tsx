import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { CeremonyLimits } from '../../../types/ceremony'
import {
  ceremonyCouncilPostLabels,
  ceremonyTypeLabels,
  ceremonyTypes,
  relationshipLabels,
  relationships,
} from '../../../types/ceremony-labels'
import PageShell from '../../components/page-shell'
import { useQuery } from '../../hooks/use-query'
import { useMe } from '../../services/me'
import FilingLinks from './filing-links'
import GiftAdvisor from './gift-advisor'
import { banquetLines, giftCell, giftNotes } from './limits-text'
import { ariaRole } from '../../utils/a11y'
import './index.css'

/** 红白喜事: the ceremony council's limits, who sits on it, and a gift helper. */
export default function CeremonyPage() {
  const limits = useQuery('ceremony', 'limits')
  return (
    <PageShell
      className="ceremony-page"
      title="红白喜事新风尚"
      loading={limits.loading && !limits.data}
      error={limits.error}
      onRetry={limits.reload}
    >
      <FilingLinks />
      <GiftAdvisor />
      {limits.data ? <Limits limits={limits.data} /> : null}
    </PageShell>
  )
}

function Limits({ limits }: { limits: CeremonyLimits }) {
  const { giftLimits, banquetLimit, council } = limits
  // The server leaves the numbers out for a member the village has yet to approve.
  const pending = useMe().me?.membership === 'pending'
  const notes = giftNotes(giftLimits)
  return (
    <>
      <View className="vh-section-title">礼金标准</View>
      <View className="ceremony-table" {...ariaRole('table')}>
        <View className="ceremony-table__row ceremony-table__row--head" {...ariaRole('row')}>
          <View
            className="ceremony-table__cell ceremony-table__cell--type"
            {...ariaRole('columnheader')}
          >
            事项
          </View>
          {relationships.map((relationship) => (
            <View key={relationship} className="ceremony-table__cell" {...ariaRole('columnheader')}>
              {relationshipLabels[relationship]}
            </View>
          ))}
        </View>
        {ceremonyTypes.map((ceremonyType) => (
          <View key={ceremonyType} className="ceremony-table__row" {...ariaRole('row')}>
            <View
              className="ceremony-table__cell ceremony-table__cell--type"
              {...ariaRole('rowheader')}
            >
              {ceremonyTypeLabels[ceremonyType]}
            </View>
            {relationships.map((relationship) => (
              <View key={relationship} className="ceremony-table__cell" {...ariaRole('cell')}>
                {giftCell(giftLimits, ceremonyType, relationship)}
              </View>
            ))}
          </View>
        ))}
      </View>
      {notes.length ? (
        <View className="ceremony-notes">
          {notes.map((line) => (
            <View key={line} className="vh-muted">
              {line}
            </View>
          ))}
        </View>
      ) : null}

      <View className="vh-section-title">酒席标准</View>
      <View className="vh-card">
        {banquetLines(banquetLimit).map((line) => (
          <View key={line} className="ceremony-banquet__line">
            {line}
          </View>
        ))}
        {banquetLimit.note ? <View className="vh-muted">{banquetLimit.note}</View> : null}
      </View>

      <View className="vh-section-title">红白理事会（二长四员）</View>
      <View className="vh-card">
        {council.length === 0 ? (
          <View className="vh-muted">理事会成员还没有登记，请向村委会询问。</View>
        ) : (
          council.map((member) => (
            <View key={member.post} className="vh-row ceremony-council__member">
              <View>
                <Text className="ceremony-council__post">
                  {ceremonyCouncilPostLabels[member.post]}
                </Text>
                <Text className="ceremony-council__name">{member.holderName}</Text>
              </View>
              {member.phone ? (
                <Button
                  className="ceremony-council__call"
                  fill="outline"
                  onClick={() => void callPhone(member.phone as string)}
                >
                  打电话 {member.phone}
                </Button>
              ) : (
                <Text className="vh-muted">
                  {pending ? '村里同意您加入后才能看到电话' : '未留电话'}
                </Text>
              )}
            </View>
          ))
        )}
      </View>
    </>
  )
}

async function callPhone(phoneNumber: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber })
  } catch {
    // Cancelling the call sheet lands here too; leave the number on screen to dial by hand.
  }
}

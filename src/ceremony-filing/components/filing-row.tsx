import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ceremonyTypeLabels } from '../../../types/ceremony'
import type { CeremonyFiling } from '../../../types/ceremony-filing'
import { formatVillageDate } from '../../../types/village-time'
import { ariaRole, focusable } from '../../utils/a11y'
import { StatusTag } from './filing-view'
import { filingPages } from './navigation'

/** One filing in a list, tapped to open it: the family's own page, or the council's. */
export default function FilingRow({ filing, url }: { filing: CeremonyFiling; url?: string }) {
  return (
    <View
      className="vh-card vh-tap filing-list__item"
      {...ariaRole('link')}
      {...focusable()}
      onClick={() => void Taro.navigateTo({ url: url ?? filingPages.detail(filing.id) })}
    >
      <View className="filing-list__title">
        <View>
          {ceremonyTypeLabels[filing.ceremonyType]} · {formatVillageDate(filing.ceremonyDate)}
        </View>
        <StatusTag filing={filing} />
      </View>
      <View className="vh-muted">
        报备编号 {filing.filingNumber}
        {filing.marks.length > 0 ? ` · ${filing.marks.length} 项超标准` : ' · 未超标准'}
      </View>
      {filing.councilRemark ? (
        <View className="vh-text">理事会：{filing.councilRemark}</View>
      ) : null}
    </View>
  )
}

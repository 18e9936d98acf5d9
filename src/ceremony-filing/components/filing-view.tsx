import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ceremonyTypeLabels } from '../../../types/ceremony'
import { filingStatusLabels, type CeremonyFiling } from '../../../types/ceremony-filing'
import { figureApplies, limitFields, limitKinds } from '../../../types/ceremony-filing-rules'
import { formatVillageDate, formatVillageDateTime } from '../../../types/village-time'
import { ariaRole } from '../../utils/a11y'
import './filing.css'

/** A status as a coloured tag: closed and checked read as done, advice as needing attention. */
export function StatusTag({ filing }: { filing: Pick<CeremonyFiling, 'status'> }) {
  return (
    <Text className={`vh-tag filing-status filing-status--${filing.status}`}>
      {filingStatusLabels[filing.status]}
    </Text>
  )
}

/** The limit marks of a filing, each with the limit and the article behind it. */
export function MarkList({ marks }: { marks: CeremonyFiling['marks'] }) {
  if (marks.length === 0) return <View className="vh-success">各项都在本村标准之内</View>
  return (
    <View className="filing-marks">
      {marks.map((mark) => (
        <View key={mark.kind} className="filing-mark" {...ariaRole('note')}>
          <View className="filing-mark__message">⚠ {mark.message}</View>
          {mark.article ? <View className="filing-mark__article">{mark.article.text}</View> : null}
        </View>
      ))}
    </View>
  )
}

/** One line of a filing: a label and its value. */
function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="filing-line">
      <Text className="filing-line__label">{label}</Text>
      <Text className="filing-line__value">{children}</Text>
    </View>
  )
}

/** Everything about a filing that the family and the council both read. */
export default function FilingView({ filing }: { filing: CeremonyFiling }) {
  return (
    <>
      <View className="vh-card">
        <View className="filing-head">
          <Text className="vh-title">
            {ceremonyTypeLabels[filing.ceremonyType]} · {formatVillageDate(filing.ceremonyDate)}
          </Text>
          <StatusTag filing={filing} />
        </View>
        <Line label="报备编号">{filing.filingNumber}</Line>
        <Line label="地点">{filing.place}</Line>
        <Line label="主家">{filing.hostName}</Line>
        <Line label="报备人">{filing.filedByName}</Line>
        <Line label="报备时间">{formatVillageDateTime(filing.filedAt)}</Line>
      </View>

      <View className="vh-section-title">规模</View>
      <View className="vh-card">
        {limitKinds
          .filter((kind) => figureApplies(kind, filing.ceremonyType))
          .map((kind) => {
            const figure = filing[kind]
            const { label, unit } = limitFields[kind]
            return (
              <Line key={kind} label={label}>
                {figure === null ? '未填' : `${figure} ${unit}`}
              </Line>
            )
          })}
        <MarkList marks={filing.marks} />
        {filing.explanation ? (
          <View className="filing-explanation">情况说明：{filing.explanation}</View>
        ) : null}
      </View>

      <View className="vh-section-title">理事会</View>
      <View className="vh-card">
        <Line label="进度">{filingStatusLabels[filing.status]}</Line>
        {filing.councilRemark ? <Line label="理事会的话">{filing.councilRemark}</Line> : null}
        <Line label="现场查看">{filing.inspector ? filing.inspector.name : '还没有安排'}</Line>
        {filing.check ? (
          <>
            <Line label="查看日期">{formatVillageDate(filing.check.checkedOn)}</Line>
            <Line label="看到的情况">{filing.check.seen}</Line>
            <Line label="是否守标准">{filing.check.limitsKept ? '守了标准' : '没有守标准'}</Line>
            <Line label="查看人">{filing.check.checkedByName}</Line>
          </>
        ) : null}
      </View>
    </>
  )
}

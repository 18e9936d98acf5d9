import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ariaRole } from '../../utils/a11y'
import { monthLabel, shiftMonth } from '../../utils/month'
import './index.css'

interface PeriodSwitcherProps {
  /** The period shown, as people say it: 2026年11月, 2026年. */
  label: string
  /** The buttons' words: 上个月 / 下个月, 上一年 / 下一年 … */
  earlier: string
  later: string
  onEarlier: () => void
  onLater: () => void
  /** Off at an end: nothing earlier the server keeps, nothing later to see yet (this year). */
  earlierDisabled?: boolean
  laterDisabled?: boolean
}

/** One period at a time (a month, a day, a week, a year), with big buttons to step back and on. */
export default function PeriodSwitcher(props: PeriodSwitcherProps) {
  return (
    <View className="period-switcher">
      <Button
        className="period-switcher__button"
        fill="outline"
        disabled={props.earlierDisabled}
        onClick={props.onEarlier}
      >
        {props.earlier}
      </Button>
      {/* Read out again when it changes, so a screen reader hears where the buttons went. */}
      <View className="vh-title period-switcher__label" {...ariaRole('status')}>
        {props.label}
      </View>
      <Button
        className="period-switcher__button"
        fill="outline"
        disabled={props.laterDisabled}
        onClick={props.onLater}
      >
        {props.later}
      </Button>
    </View>
  )
}

/** A month of the village calendar (`YYYY-MM`), stepped a month at a time. */
export function MonthSwitcher(props: { month: string; onChange: (month: string) => void }) {
  return (
    <PeriodSwitcher
      label={monthLabel(props.month)}
      earlier="上个月"
      later="下个月"
      onEarlier={() => props.onChange(shiftMonth(props.month, -1))}
      onLater={() => props.onChange(shiftMonth(props.month, 1))}
    />
  )
}

/**
 * A year, stepped a year at a time between `min` and `max` (the village's current year: nothing
 * later to see yet).
 */
export function YearSwitcher(props: {
  year: number
  min: number
  max: number
  onChange: (year: number) => void
}) {
  return (
    <PeriodSwitcher
      label={`${props.year}年`}
      earlier="上一年"
      later="下一年"
      earlierDisabled={props.year <= props.min}
      laterDisabled={props.year >= props.max}
      onEarlier={() => props.onChange(props.year - 1)}
      onLater={() => props.onChange(props.year + 1)}
    />
  )
}

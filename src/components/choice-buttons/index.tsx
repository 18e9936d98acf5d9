import { View } from '@tarojs/components'
import { ariaRole, focusable } from '../../utils/a11y'
import './index.css'

interface ChoiceButtonsProps<T extends string> {
  options: readonly T[]
  labels: Record<T, string>
  value: T | null
  onChange: (value: T) => void
  /** `large`: three to a row in bigger type, for short words a villager picks at a glance. */
  size?: 'normal' | 'large'
}

/** Big buttons for picking one option: easier to hit than small radio dots. */
export default function ChoiceButtons<T extends string>(props: ChoiceButtonsProps<T>) {
  const { options, labels, value, onChange, size = 'normal' } = props
  return (
    <View
      className={size === 'large' ? 'choice-buttons choice-buttons--large' : 'choice-buttons'}
      {...ariaRole('radiogroup')}
    >
      {options.map((option) => (
        <View
          key={option}
          className={
            option === value
              ? 'choice-buttons__item choice-buttons__item--chosen'
              : 'choice-buttons__item'
          }
          {...ariaRole('radio')}
          {...focusable()}
          aria-checked={option === value}
          hoverClass="choice-buttons__item--pressed"
          onClick={() => onChange(option)}
        >
          {labels[option]}
        </View>
      ))}
    </View>
  )
}

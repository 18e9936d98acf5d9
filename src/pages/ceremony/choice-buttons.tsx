import { View } from '@tarojs/components'

interface ChoiceButtonsProps<T extends string> {
  options: readonly T[]
  labels: Record<T, string>
  value: T | null
  onChange: (value: T) => void
}

/** Big buttons for picking one option: easier to hit than small radio dots. */
export default function ChoiceButtons<T extends string>(props: ChoiceButtonsProps<T>) {
  const { options, labels, value, onChange } = props
  return (
    <View className="ceremony-choices" role="radiogroup">
      {options.map((option) => (
        <View
          key={option}
          className={
            option === value
              ? 'ceremony-choices__item ceremony-choices__item--chosen'
              : 'ceremony-choices__item'
          }
          role="radio"
          aria-checked={option === value}
          hoverClass="ceremony-choices__item--pressed"
          onClick={() => onChange(option)}
        >
          {labels[option]}
        </View>
      ))}
    </View>
  )
}

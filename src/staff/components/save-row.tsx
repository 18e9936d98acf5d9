import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ariaRole } from '../../utils/a11y'

/** The save button and what came of it, the same at the foot of each form. */
export default function SaveRow(props: {
  label: string
  busy: boolean
  status: string | null
  onPress: () => void
}) {
  return (
    <View className="staff-actions">
      <Button
        className="staff-button"
        type="primary"
        disabled={props.busy}
        loading={props.busy}
        onClick={props.onPress}
      >
        {props.label}
      </Button>
      {props.status ? (
        <View className="vh-success" {...ariaRole('status')}>
          {props.status}
        </View>
      ) : null}
    </View>
  )
}

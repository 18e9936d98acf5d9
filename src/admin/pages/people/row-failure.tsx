import { View } from '@tarojs/components'
import { ariaRole } from '../../../utils/a11y'

/** Why an action on one row (an invitation, a member) did not go through. */
export interface RowFailure {
  rowId: string
  message: string
}

/** The refusal, in words, inside the row it concerns. */
export default function RowFailureMessage(props: { failure: RowFailure | null; rowId: string }) {
  const { failure, rowId } = props
  if (failure?.rowId !== rowId) return null
  return (
    <View className="admin-form-error" {...ariaRole('alert')}>
      {failure.message}
    </View>
  )
}

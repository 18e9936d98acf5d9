import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { serviceDeskContract, type ClosedDate } from '../../../../types/service-center'
import { validate, type FieldError } from '../../../../types/validation'
import { formatVillageDate } from '../../../../types/village-time'
import FieldMessage from '../../../components/field-message'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import { ariaRole } from '../../../utils/a11y'
import { inputMaxLength } from '../../../utils/input-max-length'

/** Holidays and other days the center is closed: no slot is offered on them. */
export default function ClosedDates() {
  const query = useQuery('serviceDesk', 'closedDates')
  const [dates, setDates] = useState<ClosedDate[] | null>(null)
  const [day, setDay] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<FieldError | null>(null)
  const [busy, setBusy] = useState(false)
  const shown = dates ?? query.data
  if (query.error) return <View className="vh-danger">{query.error.message}</View>
  if (!shown) return <View className="vh-muted">加载中…</View>

  const send = async (request: () => Promise<ClosedDate[]>) => {
    setBusy(true)
    try {
      setDates(await request())
      setDay('')
      setReason('')
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有办成，请重试'))
    } finally {
      setBusy(false)
    }
  }
  const add = () => {
    setError(null)
    // The message shows under 日期 itself: 没有这个日期, not 日期没有这个日期.
    const checked = validate(
      serviceDeskContract.addClosedDate.input,
      { day: day.trim(), reason },
      { day: '' },
    )
    if (!checked.ok) setError(checked.error)
    else void send(() => call('serviceDesk', 'addClosedDate', checked.data))
  }

  return (
    <View className="vh-card">
      {shown.length === 0 ? (
        <View className="vh-muted">没有设不开放的日子</View>
      ) : (
        <View {...ariaRole('list')}>
          {shown.map((closed) => (
            <View key={closed.day} className="vh-row" {...ariaRole('listitem')}>
              <View className="vh-text">
                {formatVillageDate(closed.day)} {closed.reason}
              </View>
              <View
                className="vh-link vh-tap"
                aria-label={`删掉${formatVillageDate(closed.day)}`}
                onClick={() =>
                  busy
                    ? undefined
                    : void send(() => call('serviceDesk', 'removeClosedDate', { day: closed.day }))
                }
              >
                删掉
              </View>
            </View>
          ))}
        </View>
      )}
      <View className="staff-field">
        <View className="staff-field__label">日期</View>
        <Input
          className="staff-input"
          value={day}
          placeholder="如 2027-01-01"
          maxLength={10}
          onChange={setDay}
        />
        <FieldMessage error={error} field="day" />
      </View>
      <View className="staff-field">
        <View className="staff-field__label">原因</View>
        <Input
          className="staff-input"
          value={reason}
          placeholder="如：元旦"
          maxLength={inputMaxLength(30)}
          onChange={setReason}
        />
        <FieldMessage error={error} field="reason" />
      </View>
      <FieldMessage error={error} field="" />
      <Button className="staff-button" type="primary" disabled={busy} loading={busy} onClick={add}>
        加上这一天
      </Button>
    </View>
  )
}

import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { formatVillageDate } from '../../../../types/village-time'
import FieldMessage from '../../../components/field-message'
import { useQuery } from '../../../hooks/use-query'
import { call, fieldErrorOf } from '../../../services/api'
import type { FieldError } from '../../../../types/validation'
import { ariaRole } from '../../../utils/a11y'

/** 停约名单: villagers the no-show rule keeps from booking online, each with 解除. */
export default function Blocks() {
  const query = useQuery('serviceDesk', 'blocks')
  const [lifting, setLifting] = useState<string | null>(null)
  const [error, setError] = useState<FieldError | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  if (query.error) return <View className="vh-danger">{query.error.message}</View>
  if (!query.data) return <View className="vh-muted">加载中…</View>

  const lift = async (userId: string, name: string) => {
    setError(null)
    setStatus(null)
    setLifting(userId)
    try {
      await call('serviceDesk', 'liftBlock', { userId })
      setStatus(`已解除${name}的限制，村民会收到消息`)
      await query.reload()
    } catch (caught) {
      setError(fieldErrorOf(caught, '没有解除成功，请重试'))
    } finally {
      setLifting(null)
    }
  }

  return (
    <View className="vh-card">
      {query.data.length === 0 ? (
        <View className="vh-muted">现在没有人被暂停网上预约</View>
      ) : (
        <View {...ariaRole('list')}>
          {query.data.map((block) => (
            <View key={block.userId} className="vh-row" {...ariaRole('listitem')}>
              <View className="vh-text">
                {block.bookedBy}：未到场 {block.noShows} 次，{formatVillageDate(block.blockedUntil)}{' '}
                前不能网上预约
              </View>
              <Button
                className="staff-button"
                fill="outline"
                disabled={lifting !== null}
                loading={lifting === block.userId}
                onClick={() => void lift(block.userId, block.bookedBy)}
              >
                解除
              </Button>
            </View>
          ))}
        </View>
      )}
      <FieldMessage error={error} field="" />
      <FieldMessage error={error} field="userId" />
      {status ? (
        <View className="vh-success" {...ariaRole('status')}>
          {status}
        </View>
      ) : null}
    </View>
  )
}

import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

/** A date as villagers write it: 2024年3月15日. */
export function formatDate(value: string): string {
  return dayjs(value).locale('zh-cn').format('YYYY年M月D日')
}

/** A moment with its time of day: 2024年3月15日 14:05. */
export function formatDateTime(value: string): string {
  return dayjs(value).locale('zh-cn').format('YYYY年M月D日 HH:mm')
}

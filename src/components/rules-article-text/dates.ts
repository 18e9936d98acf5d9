import dayjs from 'dayjs'

// Numbers only, no month or weekday names: no dayjs locale needed (zh-cn would cost the main
// package 1.7 KB).

/** A date as villagers write it: 2024年3月15日. */
export function formatDate(value: string): string {
  return dayjs(value).format('YYYY年M月D日')
}

/** A moment with its time of day: 2024年3月15日 14:05. */
export function formatDateTime(value: string): string {
  return dayjs(value).format('YYYY年M月D日 HH:mm')
}

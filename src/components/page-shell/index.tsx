import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, type CSSProperties, type ReactNode } from 'react'
import { BASE_FONT_PX, useFontScale } from '../../hooks/use-font-scale'
import { ApiCallError, goToSignIn } from '../../services/api'
import { ariaRole, pageHeading } from '../../utils/a11y'
import { removeBootView } from '../../utils/boot-view'
import './index.css'

export interface PageShellProps {
  /** Visible page heading (the navigation bar title is set in the page's index.config.ts). */
  title?: string
  /** Show the loading state instead of the content. */
  loading?: boolean
  /** Show the error state instead of the content: a message, or an Error. */
  error?: string | Error | null | false
  /** Called by the 重试 button in the error state. */
  onRetry?: () => void
  className?: string
  children?: ReactNode
}

const HOME = '/pages/home/index'

/** NutUI size variables (px at scale 1), raised for elderly users and scaled with the text. */
const NUTUI_FONT_PX: Record<string, number> = {
  // No NutUI text under 16px either (its small sizes label the 清除搜索 button, hints, counters).
  '--nutui-font-size-xxs': 16,
  '--nutui-font-size-xs': 16,
  '--nutui-font-size-s': 16,
  '--nutui-font-size-base': 16,
  '--nutui-font-size-l': 17,
  '--nutui-font-size-icon': 18,
  '--nutui-font-size-xl': 19,
  '--nutui-font-size-xxl': 24,
  '--nutui-font-size-xxxl': 26,
  '--nutui-button-default-height': 44,
  '--nutui-button-large-height': 50,
  '--nutui-button-small-height': 44,
}

export function shellStyle(scale: number): CSSProperties {
  const style: Record<string, string> = { fontSize: `${BASE_FONT_PX * scale}px` }
  for (const [name, px] of Object.entries(NUTUI_FONT_PX)) {
    style[name] = `${Math.round(px * scale * 100) / 100}px`
  }
  return style as CSSProperties
}

function errorMessage(error: string | Error): string {
  const text = typeof error === 'string' ? error : error.message
  return text || '出错了，请稍后再试'
}

function goHome(): void {
  Taro.switchTab({ url: HOME }).catch(() => Taro.reLaunch({ url: HOME }))
}

/**
 * Root of every page: sets the text size (16px × 大字模式 × WeChat's font setting) so page CSS in
 * `em` scales, and shows loading / error states so no page is a dead end.
 */
export default function PageShell(props: PageShellProps) {
  const { title, loading, error, onRetry, className, children } = props
  const { scale, bigText } = useFontScale()
  // The first page to render takes over from the loading view of index.html.
  useEffect(removeBootView, [])
  useEffect(() => {
    // H5: Taro's tab bar and navigation bar are outside every page; app.css sizes their text
    // from this, so they follow 大字模式 too.
    if (process.env.TARO_ENV === 'h5') {
      document.documentElement.style.setProperty('--vh-font-px', `${BASE_FONT_PX * scale}px`)
    }
  }, [scale])
  const classes = ['vh-page', bigText ? 'big-text' : '', className ?? ''].filter(Boolean).join(' ')

  let body: ReactNode
  if (error instanceof ApiCallError && error.code === 'UNAUTHENTICATED') {
    // Retrying cannot sign anyone in: say so, and offer the way there.
    body = (
      <View className="vh-state vh-state--error" {...ariaRole('alert')}>
        <Text className="vh-state__message">请先登录</Text>
        <Button className="vh-state__action" type="primary" block onClick={() => goToSignIn()}>
          去登录
        </Button>
      </View>
    )
  } else if (error) {
    body = (
      <View className="vh-state vh-state--error" {...ariaRole('alert')}>
        <Text className="vh-state__message">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button className="vh-state__action" type="primary" block onClick={() => onRetry()}>
            重试
          </Button>
        ) : (
          <Button className="vh-state__action" type="primary" block onClick={goHome}>
            返回首页
          </Button>
        )}
      </View>
    )
  } else if (loading) {
    body = (
      <View className="vh-state vh-state--loading" {...ariaRole('status')} aria-live="polite">
        <View className="vh-spinner" />
        <Text className="vh-state__message">加载中…</Text>
      </View>
    )
  } else {
    body = children
  }

  return (
    <View className={classes} style={shellStyle(scale)} data-scale={scale}>
      {/* The page's main landmark; pages without a title mark their own heading (pageHeading). */}
      <View className="vh-page__main" {...ariaRole('main')}>
        {title ? (
          <View className="vh-page__title" {...pageHeading()}>
            {title}
          </View>
        ) : null}
        {body}
      </View>
    </View>
  )
}

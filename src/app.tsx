import type { PropsWithChildren } from 'react'
// First: teaches the weapp runtime the aria-* attributes before anything renders.
import './utils/a11y'
// Before any schema is built: zod must not probe for eval (see utils/no-eval.ts).
import './utils/no-eval'
import { enableKeyboardControls } from './utils/keyboard'
import './app.css'

// H5: every control reached with Tab and pressed with Enter or Space (WeChat has no keyboard).
if (process.env.TARO_ENV === 'h5') enableKeyboardControls(document.documentElement)

/** App shell: global styles only; each page wraps its content in <PageShell>. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App

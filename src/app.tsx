import type { PropsWithChildren } from 'react'
// First: teaches the weapp runtime the aria-* attributes before anything renders.
import './utils/a11y'
// Before any schema is built: zod must not probe for eval (see utils/no-eval.ts).
import './utils/no-eval'
import './app.css'

/** App shell: global styles only; each page wraps its content in <PageShell>. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App

import type { PropsWithChildren } from 'react'
// First: teaches the weapp runtime the aria-* attributes before anything renders.
import './utils/a11y'
import './app.css'

/** App shell: global styles only; each page wraps its content in <PageShell>. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App

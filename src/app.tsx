import type { PropsWithChildren } from 'react'
import './app.css'

/** App shell: global styles only; each page wraps its content in <PageShell>. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App

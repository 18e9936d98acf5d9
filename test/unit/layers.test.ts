import { execFileSync } from 'node:child_process'
import path from 'node:path'

interface Snippet {
  /** Repo-relative path the snippet is linted as. */
  file: string
  code: string
}

/**
 * The layer rules (no-restricted-imports, no-restricted-globals) that fire on each snippet, from
 * ESLint's Node API (`new ESLint()`, `lintText` with a `filePath`) in a child process.
 */
function layerProblems(snippets: Snippet[]): string[][] {
  const script = path.join(__dirname, 'support', 'lint-layers.mjs')
  const output = execFileSync(process.execPath, [script, JSON.stringify(snippets)], {
    encoding: 'utf8',
  })
  return JSON.parse(output)
}

const importing = (from: string) => `import { x } from '${from}'\nexport const y = x\n`

const forbiddenImports: [string, string][] = [
  ['src/pages/home/index.tsx', '../../../cloud/core/dispatch'],
  ['src/services/api.ts', '../../cloud/app'],
  ['cloud/functions/rules.ts', '../../src/services/api'],
  ['cloud/app.ts', '../src/app'],
  ['types/rules.ts', '../src/services/api'],
  ['types/rules.ts', '../cloud/store/schema'],
  ['cloud/core/dispatch.ts', '@tarojs/taro'],
  ['types/common.ts', 'react'],
]
const allowedImports: [string, string][] = [
  ['src/pages/home/index.tsx', '../../../types/rules'],
  ['src/admin/pages/audit-log/index.tsx', '../../../components/page-shell'],
  ['cloud/functions/rules.ts', '../../types/rules'],
  ['cloud/app.ts', './core/dispatch'],
  ['types/rules.ts', './common'],
  ['src/services/api.ts', '@tarojs/taro'],
]
const browserGlobals = ['window', 'document', 'localStorage', 'navigator', 'location', 'wx']
const usingGlobal = (name: string) => `export const y = ${name}\n`
// A local variable may shadow a restricted name; Node's own globals stay allowed.
const localAndNodeNames = 'const location = 1\nexport const y = [process.env.PORT, location]\n'

const snippets: Snippet[] = [
  ...[...forbiddenImports, ...allowedImports].map(([file, from]) => ({
    file,
    code: importing(from),
  })),
  ...browserGlobals.flatMap((name) => [
    { file: 'cloud/functions/rules.ts', code: usingGlobal(name) },
    { file: 'src/services/api.ts', code: usingGlobal(name) },
  ]),
  { file: 'cloud/config.ts', code: localAndNodeNames },
]

describe('the layers stay apart (eslint.config.mjs)', () => {
  const problems = new Map<string, string[]>()
  const problemsOf = (file: string, code: string) => problems.get(`${file}\n${code}`)

  beforeAll(() => {
    layerProblems(snippets).forEach((found, index) => {
      const { file, code } = snippets[index]
      problems.set(`${file}\n${code}`, found)
    })
  }, 60_000)

  test.each(forbiddenImports)('%s may not import %s', (file, from) => {
    expect(problemsOf(file, importing(from))).toEqual(['no-restricted-imports'])
  })

  test.each(allowedImports)('%s may import %s', (file, from) => {
    expect(problemsOf(file, importing(from))).toEqual([])
  })

  test.each(browserGlobals)('cloud/ may not use the browser global %s, the client may', (name) => {
    expect(problemsOf('cloud/functions/rules.ts', usingGlobal(name))).toEqual([
      'no-restricted-globals',
    ])
    expect(problemsOf('src/services/api.ts', usingGlobal(name))).toEqual([])
  })

  test('cloud/ may still use Node globals and its own local names', () => {
    expect(problemsOf('cloud/config.ts', localAndNodeNames)).toEqual([])
  })
})

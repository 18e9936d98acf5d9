// Lints snippets as if they were files of this repository, with its own eslint.config.mjs, and
// prints the layer rules that fired for each. Run as a child process by layers.test.ts, because
// ESLint loads its config with import(), which jest's module sandbox does not allow.
import { ESLint } from 'eslint'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const layerRules = ['no-restricted-imports', 'no-restricted-globals']

const cases = JSON.parse(process.argv[2])
const eslint = new ESLint({ cwd: root })
const answers = []
for (const { file, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  const fatal = result.messages.find((message) => message.fatal)
  if (fatal) throw new Error(`${file}: ${fatal.message}`)
  answers.push(
    result.messages.map((message) => message.ruleId).filter((rule) => layerRules.includes(rule)),
  )
}
console.log(JSON.stringify(answers))

import { spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface CodeQualityItem {
  name: string
  success: boolean
  text: string
}

/**
 * Run in its own Node process: miniprogram-ci starts a file watcher it never closes, which would
 * keep jest from exiting.
 */
const checkScript = `
const ci = require('miniprogram-ci')
const [projectPath, privateKeyPath] = process.argv.slice(1)
const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath, privateKeyPath })
ci.checkCodeQuality(project).then(
  (items) => {
    process.stdout.write('\\nRESULT ' + JSON.stringify(items.map(({ name, success, text }) => ({ name, success: success === true, text: text || '' }))) + '\\n')
    process.exit(0)
  },
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
`

/**
 * WeChat's own code-quality check (miniprogram-ci `checkCodeQuality`, the DevTools 代码质量 panel)
 * on a built project. It reads files only: the appid and upload key are throwaway, since the
 * check never calls WeChat, and the key is never used to sign anything.
 */
export function checkCodeQuality(projectPath: string, root: string): CodeQualityItem[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-quality-'))
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const privateKeyPath = path.join(dir, 'private.key')
    fs.writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
    const run = spawnSync(process.execPath, ['-e', checkScript, projectPath, privateKeyPath], {
      cwd: root,
      encoding: 'utf8',
      timeout: 90_000,
    })
    const line = run.stdout.split('\n').find((text) => text.startsWith('RESULT '))
    if (run.status !== 0 || !line) {
      throw new Error(`checkCodeQuality failed (status ${run.status}):\n${run.stderr.slice(-4000)}`)
    }
    return JSON.parse(line.slice('RESULT '.length)) as CodeQualityItem[]
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

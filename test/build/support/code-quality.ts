import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as ci from 'miniprogram-ci'

export interface CodeQualityItem {
  name: string
  success: boolean
  text: string
}

/**
 * WeChat's own code-quality check (miniprogram-ci `checkCodeQuality`, the DevTools 代码质量 panel)
 * on a built project. It reads files only: the appid and upload key are throwaway, since the
 * check never calls WeChat, and the key is never used to sign anything.
 */
export async function checkCodeQuality(projectPath: string): Promise<CodeQualityItem[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-quality-'))
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
    const privateKeyPath = path.join(dir, 'private.key')
    fs.writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath,
      privateKeyPath,
    })
    const items = await ci.checkCodeQuality(project)
    return items.map(({ name, success, text }) => ({
      name: name ?? '(unnamed)',
      success: success === true,
      text: text ?? '',
    }))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

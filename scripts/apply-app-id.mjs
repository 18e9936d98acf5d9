// WeChat DevTools opens the repository root (project.config.json: miniprogramRoot dist/weapp/,
// cloudfunctionRoot cloudfunctions/). Taro writes TARO_APP_ID only into dist/weapp's copy, so
// this puts it into the root's project.private.config.json (git-ignored), which DevTools reads
// over project.config.json. Without TARO_APP_ID the tourist appid stays.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const appId = process.env.TARO_APP_ID
if (appId) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const file = path.join(root, 'project.private.config.json')
  const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
  fs.writeFileSync(file, `${JSON.stringify({ ...config, appid: appId }, null, 2)}\n`)
  console.log(`project.private.config.json: appid ${appId}`)
}

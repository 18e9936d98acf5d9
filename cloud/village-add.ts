import { readConfig } from './config'
import { provisionVillage, VillageExistsError } from './domain/village-setup'
import { migrateToLatest, openDb } from './store/db'
import { text } from '../types/common'
import { formatVillageDateTime } from '../types/village-time'

/**
 * `npm run village:add -- <镇> <村>`: opens a real village in the configured store
 * (DATABASE_URL or SQLITE_PATH) and prints the one-time code that makes its first 管理员.
 */
async function main() {
  const name = text(20)
  const [town, village] = process.argv.slice(2).map((arg) => name.safeParse(arg))
  if (!town?.success || !village?.success) {
    console.error(
      '用法：npm run village:add -- <镇名> <村名>，例如 npm run village:add -- 仙鹤镇 石龙村',
    )
    process.exit(2)
  }
  const { db } = await openDb(readConfig())
  try {
    await migrateToLatest(db)
    const opened = await provisionVillage(
      db,
      { townName: town.data, villageName: village.data },
      new Date(),
    )
    console.log(
      `已开通：${town.data}${village.data}（礼金和酒席标准已按常见上限填好，管理员可以修改）`,
    )
    console.log(
      `管理员邀请码：${opened.adminCode}（${formatVillageDateTime(opened.expiresAt)}前有效，只能用一次）`,
    )
    console.log(
      `请管理员用微信打开小程序，选择${town.data}${village.data}，再到「我的 → 输入邀请码」填写。`,
    )
    console.log(
      `本村村码：${opened.villageCode}（本村二维码里带的就是它；管理员在「管理后台 → 村里的二维码」打印）`,
    )
  } catch (error) {
    if (!(error instanceof VillageExistsError)) throw error
    console.error(error.message)
    process.exitCode = 1
  } finally {
    await db.destroy()
  }
}

main().catch((error) => {
  console.error('开通失败：', error)
  process.exit(1)
})

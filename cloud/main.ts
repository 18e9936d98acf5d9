import { readConfig } from './config'
import { startServices } from './app'
import { createHttpsWeChat } from './wechat/https-wechat'
import { createGateway } from './gateway/server'
import { demoPersonas } from './seed/demo-content'
import { roleLabels } from '../types/roles'

/** `npm start`: the store, the API and the H5 app on one port. */
async function main() {
  const config = readConfig()
  const services = await startServices(config, createHttpsWeChat(config))
  const server = createGateway(services)
  server.listen(config.port, () => {
    const store = services.engine === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : config.sqlitePath
    console.log(`村民之家已启动：http://localhost:${config.port}`)
    console.log(`数据：${store}${services.seeded ? '（已写入演示村：仙鹤镇石龙村）' : ''}`)
    if (config.demoMode) {
      console.log('演示模式：在登录页选择体验身份即可进入石龙村：')
      for (const persona of demoPersonas) {
        const roles = persona.roles.length
          ? persona.roles.map((role) => roleLabels[role]).join('、')
          : '村民'
        console.log(`  - ${persona.displayName}（${roles}）`)
      }
    }
  })
  const stop = () => server.close(() => services.db.destroy().then(() => process.exit(0)))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error('启动失败：', error)
  process.exit(1)
})

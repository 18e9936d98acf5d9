import { cloudOpenapiPermissions } from '../wechat/cloud-wechat'

/**
 * The cloud function's config.json, which scripts/build-cloud.mjs writes beside the bundle.
 * - permissions.openapi: exactly the 云调用 that cloud/wechat/cloud-wechat.ts makes.
 * - triggers: 云开发's timer calls the function with `{ Type: 'timer', TriggerName: 'outbox' }`.
 * - timeout: 20 s covers a cold start that connects to PostgreSQL and runs migrations (the
 *   云开发 default is 3 s).
 */
export const cloudFunctionConfig = {
  permissions: { openapi: [...cloudOpenapiPermissions] },
  timeout: 20,
  // The scheduled jobs (cloud/jobs), every 5 minutes: a 7-field cron, one trigger per function.
  triggers: [{ name: 'outbox', type: 'timer', config: '0 */5 * * * * *' }],
}

import { cloudOpenapiPermissions } from '../wechat/cloud-wechat'

/**
 * The cloud function's config.json, which scripts/build-cloud.mjs writes beside the bundle.
 * - permissions.openapi: exactly the 云调用 that cloud/wechat/cloud-wechat.ts makes.
 * - timeout: 20 s covers a cold start that connects to PostgreSQL and runs migrations (the
 *   云开发 default is 3 s).
 */
export const cloudFunctionConfig = {
  permissions: { openapi: [...cloudOpenapiPermissions] },
  timeout: 20,
}

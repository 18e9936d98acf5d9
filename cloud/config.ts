import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { MessageKind } from '../types/messages'
import type { CodeEnvVersion, MiniprogramState } from './wechat/wechat'

/** Everything the server reads from its environment, read once at start. */
export interface Config {
  /** PostgreSQL when set; otherwise the embedded SQLite file. */
  databaseUrl: string | null
  /**
   * Most PostgreSQL connections one process keeps open. Every cloud-function instance holds its own
   * pool, so instances × this must stay under the database's max_connections.
   */
  databasePoolMax: number
  /** An idle connection is closed after this long, so quiet instances give theirs back. */
  databaseIdleMs: number
  sqlitePath: string
  /** Where the gateway keeps files: the uploaded photos go to its `photos/` folder. */
  dataDir: string
  /**
   * Signs the short-lived photo addresses the API hands to those who may see a photo (and to
   * WeChat's media check). Several gateways serving one village must share it; without it each
   * process picks its own, and addresses it gave out end when it restarts.
   */
  photoUrlSecret: string
  /** The Token of the 消息推送 configuration (WeChat's media-check verdicts); null: not taken. */
  wxPushToken: string | null
  /** Persona sign-in without WeChat. Only ever on when asked for explicitly. */
  demoMode: boolean
  /** Seed the demo village when it is absent (whatever other villages the database holds). */
  seedDemo: boolean
  port: number
  /** Folder of the H5 build the gateway serves; null serves the API only. */
  staticDir: string | null
  wxAppId: string | null
  wxSecret: string | null
  /** Where WeChat's server API lives; tests point it at a local fake. */
  wxApiBase: string
  /** Which build of the mini-program a subscribe message opens. */
  wxMiniprogramState: MiniprogramState
  /** Which build of the mini-program a village's 小程序码 opens. */
  wxCodeEnvVersion: CodeEnvVersion
  /** Where people reach the H5 app (no trailing slash): the QR codes the gateway makes link here. */
  publicUrl: string | null
  sessionTtlDays: number
  /**
   * Behind a reverse proxy every request comes from the proxy: then the caller's address, which
   * rate limits count, is the last one the proxy added to X-Forwarded-For.
   */
  trustProxy: boolean
  /** Subscribe-message template id per message kind; null keeps that kind in-app only. */
  wxTemplates: Record<MessageKind, string | null>
  /** How often the gateway runs the scheduled jobs (the outbox drain); 0 turns that off. */
  jobIntervalSeconds: number
}

/** One of a fixed set of values; a misspelt one stops the server at start, not at first use. */
function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (!value) return fallback
  const found = allowed.find((candidate) => candidate === value)
  if (!found) throw new Error(`${name} must be one of ${allowed.join(', ')}`)
  return found
}

/**
 * PUBLIC_URL, checked and without its trailing slash. A demo without one links to this machine,
 * which is enough to try the QR poster on the same computer.
 */
function publicUrl(env: NodeJS.ProcessEnv, demoMode: boolean, port: number): string | null {
  const value = env.PUBLIC_URL || (demoMode ? `http://localhost:${port}` : '')
  if (!value) return null
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value)) {
    throw new Error(
      'PUBLIC_URL must be an http(s) address without query, like https://cun.example.cn',
    )
  }
  return value.replace(/\/+$/, '')
}

function jobInterval(value: string | undefined): number {
  if (value === undefined || value === '') return 60
  const seconds = Number(value)
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error('JOB_INTERVAL_SECONDS must be a number of seconds (0 turns the jobs off)')
  }
  return seconds
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes'
}

/** Where the server runs; it sets defaults that differ between the two. */
export type Runtime = 'gateway' | 'cloudFunction'

/** Pool sizes when DATABASE_POOL_MAX is unset: a 云开发 instance serves one call at a time. */
const defaultPoolMax: Record<Runtime, number> = { gateway: 10, cloudFunction: 2 }

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  runtime: Runtime = 'gateway',
): Config {
  const demoMode = flag(env.DEMO_MODE)
  const port = Number(env.PORT) || 3000
  return {
    databaseUrl: env.DATABASE_URL || null,
    databasePoolMax: Number(env.DATABASE_POOL_MAX) || defaultPoolMax[runtime],
    databaseIdleMs: (Number(env.DATABASE_IDLE_SECONDS) || 10) * 1000,
    sqlitePath: env.SQLITE_PATH || path.resolve('data', 'village-hall.db'),
    dataDir: env.DATA_DIR || path.resolve('data'),
    photoUrlSecret: env.PHOTO_URL_SECRET || randomBytes(32).toString('hex'),
    wxPushToken: env.WX_PUSH_TOKEN || null,
    demoMode,
    seedDemo: env.SEED_DEMO === undefined ? demoMode : flag(env.SEED_DEMO),
    port,
    staticDir: env.STATIC_DIR === '' ? null : env.STATIC_DIR || path.resolve('dist', 'h5'),
    wxAppId: env.WX_APPID || null,
    wxSecret: env.WX_SECRET || null,
    wxApiBase: env.WX_API_BASE || 'https://api.weixin.qq.com',
    wxMiniprogramState: oneOf(
      'WX_MINIPROGRAM_STATE',
      env.WX_MINIPROGRAM_STATE,
      ['developer', 'trial', 'formal'],
      'formal',
    ),
    wxCodeEnvVersion: oneOf(
      'WX_CODE_ENV_VERSION',
      env.WX_CODE_ENV_VERSION,
      ['release', 'trial', 'develop'],
      'release',
    ),
    publicUrl: publicUrl(env, demoMode, port),
    sessionTtlDays: Number(env.SESSION_TTL_DAYS) || 30,
    trustProxy: flag(env.TRUST_PROXY),
    wxTemplates: {
      rulesPublished: env.WX_TEMPLATE_RULES_PUBLISHED || null,
      roleChanged: env.WX_TEMPLATE_ROLE_CHANGED || null,
      ceremonyFiling: env.WX_TEMPLATE_CEREMONY_FILING || null,
      council: env.WX_TEMPLATE_COUNCIL || null,
      appointment: env.WX_TEMPLATE_APPOINTMENT || null,
    },
    jobIntervalSeconds: jobInterval(env.JOB_INTERVAL_SECONDS),
  }
}

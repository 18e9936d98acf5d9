import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ApiResponse } from '../../../types/api'
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../../types/contract'
import type { PersonaKey } from '../../../types/session'
import type { GrantableRole } from '../../../types/roles'
import { messageKinds } from '../../../types/messages'
import { startServices } from '../../../cloud/app'
import { readConfig, type Config } from '../../../cloud/config'
import type { Services } from '../../../cloud/core/context'
import { addMember, createSession } from '../../../cloud/core/identity'
import { createGateway } from '../../../cloud/gateway/server'
import { createHttpsWeChat } from '../../../cloud/wechat/https-wechat'
import { createPostgresDatabase } from './postgres-database'

export type EngineName = 'sqlite' | 'postgres'
/** Every API suite runs once on each engine. */
export const engines: EngineName[] = ['sqlite', 'postgres']

/** Subscribe templates for `wxTemplates`: these kinds get one, every other kind stays in-app. */
export const templates = (ids: Partial<Config['wxTemplates']>): Config['wxTemplates'] => ({
  ...(Object.fromEntries(messageKinds.map((kind) => [kind, null])) as Config['wxTemplates']),
  ...ids,
})

export const shilong = 'village-shilong'
export const bailu = 'village-bailu'

export interface Reply<T = unknown> {
  status: number
  body: ApiResponse<T>
}

export interface TestApp {
  services: Services
  url: string
  /** A raw POST to the gateway: `body` is sent as is when it is a string. */
  post(fn: string, body: unknown, token?: string | null): Promise<Reply>
  /** Calls an action and returns its data; fails the test on an error answer. */
  call<F extends FunctionName, A extends ActionName<F>>(
    token: string | null,
    fn: F,
    action: A,
    data?: ActionInput<F, A>,
  ): Promise<ActionOutput<F, A>>
  signIn(persona: PersonaKey): Promise<string>
  /** Makes a new member of any village with the given roles and returns their token. */
  newMember(villageId: string, roles?: GrantableRole[], displayName?: string): Promise<string>
  close(): Promise<void>
}

export async function startTestApp(
  engine: EngineName,
  overrides: Partial<Config> = {},
): Promise<TestApp> {
  // A database given in the overrides (sameDatabaseAs) belongs to the app that made it.
  const postgres =
    engine === 'postgres' && !overrides.databaseUrl ? await createPostgresDatabase() : null
  const config: Config = {
    ...readConfig({} as NodeJS.ProcessEnv),
    databaseUrl: postgres?.url ?? null,
    sqlitePath: path.join(os.tmpdir(), `village-hall-test-${randomUUID()}.db`),
    dataDir: path.join(os.tmpdir(), `village-hall-test-${randomUUID()}`),
    demoMode: true,
    seedDemo: true,
    staticDir: null,
    // The scheduled jobs run only in the tests that ask for them.
    jobIntervalSeconds: 0,
    ...overrides,
  }
  const services = await startServices(config, createHttpsWeChat(config))
  const server = createGateway(services)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const post: TestApp['post'] = async (fn, body, token) => {
    const response = await fetch(`${url}/api/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as ApiResponse<unknown> }
  }

  const call: TestApp['call'] = async (token, fn, action, data) => {
    const reply = await post(fn, { action, data }, token)
    if (!reply.body.ok) {
      throw new Error(`${fn}.${action} failed: ${JSON.stringify(reply.body.error)}`)
    }
    return reply.body.data as never
  }

  return {
    services,
    url,
    post,
    call,
    async signIn(persona) {
      return (await call(null, 'session', 'demoSignIn', { persona })).token
    },
    async newMember(villageId, roles = [], displayName = '测试村民') {
      const at = new Date().toISOString()
      const member = { villageId, displayName, demoPersona: null, roles }
      const userId = await addMember(services.db, member, at)
      return createSession(services, userId)
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await services.db.destroy()
      await postgres?.drop()
      if (!overrides.dataDir) await fs.rm(config.dataDir, { recursive: true, force: true })
    },
  }
}

/** Overrides for a second server on the database of `app`, as two deployments sharing it. */
export function sameDatabaseAs(app: TestApp): Pick<Config, 'databaseUrl' | 'sqlitePath'> {
  const { databaseUrl, sqlitePath } = app.services.config
  return { databaseUrl, sqlitePath }
}

/** Asserts an error answer and returns it, for checks on its code, field and message. */
export function expectError(reply: Reply, code: string, status?: number) {
  expect(reply.body.ok).toBe(false)
  if (reply.body.ok) throw new Error('unreachable')
  expect(reply.body.error.code).toBe(code)
  // The message is for villagers: it must be Chinese.
  expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/)
  if (status !== undefined) expect(reply.status).toBe(status)
  return reply.body.error
}

/**
 * The demo's council members without a persona have no phone in these tests: they leave the
 * council first, so a meeting's quorum is met by the members the tests sign in as.
 */
export async function withoutDemoOnlyMembers(app: TestApp) {
  await app.services.db
    .updateTable('roleGrants')
    .set({ revokedAt: new Date().toISOString() })
    .where('villageId', '=', shilong)
    .where('role', '=', 'councilMember')
    .where('revokedAt', 'is', null)
    .where('userId', 'in', (eb) =>
      eb.selectFrom('users').select('id').where('demoPersona', 'is', null),
    )
    .execute()
}

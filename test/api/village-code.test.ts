import { randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { Migrator, type Kysely } from 'kysely'
import { PNG } from 'pngjs'
import type { VillageQrCode } from '../../types/admin'
import type { ApiResponse } from '../../types/api'
import { dispatch } from '../../cloud/core/dispatch'
import { readConfig } from '../../cloud/config'
import { isUniqueViolation } from '../../cloud/core/errors'
import { grantRole, userForOpenid } from '../../cloud/core/identity'
import { provisionVillage } from '../../cloud/domain/village-setup'
import { handlers } from '../../cloud/functions'
import { migrateToLatest, openDb } from '../../cloud/store/db'
import { migrationProvider } from '../../cloud/store/migrations'
import { fakeAppId, fakeCodeImage, fakeSecret, startFakeWeChat } from './support/fake-wechat'
import type { FakeWeChat } from './support/fake-wechat'
import { createPostgresDatabase } from './support/postgres-database'
import { engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

// Village codes: what a village's QR code carries (`v=<code>`), how the server resolves one, and
// the admin's QR poster: a 小程序码 through WeChat in the cloud, a QR code of the H5 link on the
// gateway.

const alphabetCode = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/
const publicUrl = 'https://cun.example.cn/h5'

/** The text a PNG QR code holds, read back with a decoder independent of the one that drew it. */
function decodeQr(base64: string): string | null {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}

describe.each(engines)('village codes on %s', (engine) => {
  let app: TestApp
  let fake: FakeWeChat
  /** Calls as the cloud function does: the caller is the openid WeChat vouches for. */
  let callFromCloud: (openid: string, action: string) => Promise<ApiResponse<unknown>>

  beforeAll(async () => {
    fake = await startFakeWeChat()
    app = await startTestApp(engine, {
      publicUrl,
      wxApiBase: fake.base,
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
    })
    callFromCloud = (openid, action) =>
      dispatch(app.services, handlers, 'admin', { action }, { kind: 'openid', openid }, 'cloud')
    // A WeChat user who is 石龙村's admin, as the cloud function knows them.
    const admin = await userForOpenid(app.services, 'openid-shilong-admin')
    await app.services.db
      .updateTable('users')
      .set({ villageId: shilong, displayName: '石龙村管理员' })
      .where('id', '=', admin.id)
      .execute()
    const at = new Date().toISOString()
    await grantRole(
      app.services.db,
      { villageId: shilong, userId: admin.id, role: 'admin', grantedBy: null },
      at,
    )
  })
  afterAll(async () => {
    await app.close()
    await fake.close()
  })
  afterEach(() => {
    app.services.config.publicUrl = publicUrl
    app.services.config.wxCodeEnvVersion = 'release'
    fake.releasedPages.delete('pages/home/index')
  })

  test('every village has a short unique code that fits a 小程序码 scene', async () => {
    const opened = await provisionVillage(
      app.services.db,
      { townName: '青山镇', villageName: '杏花村' },
      new Date(),
    )
    expect(opened.villageCode).toMatch(alphabetCode)
    const villages = await app.services.db.selectFrom('villages').select(['id', 'code']).execute()
    expect(villages).toHaveLength(4)
    for (const { code } of villages) {
      expect(code).toMatch(alphabetCode)
      expect(`v=${code}`.length).toBeLessThanOrEqual(32)
    }
    expect(new Set(villages.map((village) => village.code)).size).toBe(villages.length)
    expect(villages.find((village) => village.id === opened.villageId)?.code).toBe(
      opened.villageCode,
    )
  })

  test('the database refuses a second village with the same code; village:add draws again', async () => {
    const taken = await app.services.db
      .selectFrom('villages')
      .select('code')
      .where('id', '=', shilong)
      .executeTakeFirstOrThrow()
    const drawn: string[] = []
    const codes = [taken.code, 'NEW234']
    const opened = await provisionVillage(
      app.services.db,
      { townName: '桃花镇', villageName: '柳树村' },
      new Date(),
      {
        newCode: () => {
          const code = codes[drawn.length]
          drawn.push(code)
          return code
        },
      },
    )
    expect(drawn).toEqual([taken.code, 'NEW234'])
    expect(opened.villageCode).toBe('NEW234')

    // A generator that only ever clashes gives up, and leaves nothing half-made behind.
    const failure = await provisionVillage(
      app.services.db,
      { townName: '梨花镇', villageName: '槐树村' },
      new Date(),
      { newCode: () => taken.code },
    ).catch((error: unknown) => error)
    expect(isUniqueViolation(failure)).toBe(true)
    const town = await app.services.db
      .selectFrom('towns')
      .select('id')
      .where('name', '=', '梨花镇')
      .executeTakeFirst()
    expect(town).toBeUndefined()
  })

  test('a code resolves to its village, read leniently; an unknown one is a plain NOT_FOUND', async () => {
    expect(await app.call(null, 'session', 'villageByCode', { code: ' xh5t6k ' })).toEqual({
      id: shilong,
      name: '石龙村',
      townId: 'town-xianhe',
      townName: '仙鹤镇',
    })
    const unknown = expectError(
      await app.post('session', { action: 'villageByCode', data: { code: 'ZZZZZZ' } }),
      'NOT_FOUND',
    )
    expect(unknown.field).toBe('code')
    const malformed = expectError(
      await app.post('session', { action: 'villageByCode', data: { code: 'v=1' } }),
      'INVALID_ARGUMENT',
    )
    expect(malformed.field).toBe('code')
  })

  test('only admins get the village QR code', async () => {
    for (const persona of ['villager', 'staff'] as const) {
      const token = await app.signIn(persona)
      expectError(await app.post('admin', { action: 'villageQrCode' }, token), 'PERMISSION_DENIED')
    }
    expectError(await app.post('admin', { action: 'villageQrCode' }, null), 'UNAUTHENTICATED')
    const villager = await userForOpenid(app.services, 'openid-just-a-villager')
    await app.services.db
      .updateTable('users')
      .set({ villageId: shilong })
      .where('id', '=', villager.id)
      .execute()
    const fromCloud = await callFromCloud('openid-just-a-villager', 'villageQrCode')
    expect(fromCloud).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(fake.requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(0)
  })

  test('on the gateway: a QR code that decodes to the H5 link, whose code resolves to the village', async () => {
    const token = await app.signIn('admin')
    const poster = await app.call(token, 'admin', 'villageQrCode')
    expect(poster).toMatchObject({
      villageName: '石龙村',
      townName: '仙鹤镇',
      code: 'XH5T6K',
      kind: 'qrCode',
      link: `${publicUrl}/#/pages/home/index?v=XH5T6K`,
      image: { mime: 'image/png' },
    })
    const decoded = decodeQr(poster.image.base64)
    expect(decoded).toBe(poster.link)

    const code = new URLSearchParams(new URL(decoded!).hash.split('?')[1]).get('v')
    const village = await app.call(null, 'session', 'villageByCode', { code: code! })
    expect(village.id).toBe(shilong)
    // Made here, not by WeChat.
    expect(fake.requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(0)
    // Drawing and decoding a PNG is quick in Node, but several times slower inside jest.
  }, 30_000)

  test('on the gateway without PUBLIC_URL: a plain refusal, not a broken code', async () => {
    app.services.config.publicUrl = null
    const token = await app.signIn('admin')
    const error = expectError(
      await app.post('admin', { action: 'villageQrCode' }, token),
      'FAILED_PRECONDITION',
    )
    expect(error.message).toContain('PUBLIC_URL')
  })

  test('in the cloud: a 小程序码 from WeChat with scene v=<code> and a page without a slash', async () => {
    fake.releasedPages.add('pages/home/index')
    const reply = await callFromCloud('openid-shilong-admin', 'villageQrCode')
    expect(reply.ok).toBe(true)
    const poster = (reply as { data: VillageQrCode }).data
    expect(poster).toMatchObject({
      villageName: '石龙村',
      townName: '仙鹤镇',
      code: 'XH5T6K',
      kind: 'miniProgramCode',
      link: null,
      image: { mime: 'image/png', base64: fakeCodeImage.toString('base64') },
    })
    expect(fake.requestsTo('/wxa/getwxacodeunlimit').at(-1)?.body).toEqual({
      scene: 'v=XH5T6K',
      page: 'pages/home/index',
      check_path: true,
      env_version: 'release',
      width: 430,
    })
  })

  test('in the cloud, a trial build: the page is not checked against the released version', async () => {
    app.services.config.wxCodeEnvVersion = 'trial'
    const reply = await callFromCloud('openid-shilong-admin', 'villageQrCode')
    expect(reply.ok).toBe(true)
    expect(fake.requestsTo('/wxa/getwxacodeunlimit').at(-1)?.body).toMatchObject({
      check_path: false,
      env_version: 'trial',
    })
  })

  test("WeChat's refusals become plain Chinese: page not released, too many codes", async () => {
    const unreleased = await callFromCloud('openid-shilong-admin', 'villageQrCode')
    expect(unreleased).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } })
    if (unreleased.ok) throw new Error('unreachable')
    expect(unreleased.error.message).toMatch(/小程序还没有发布/)

    fake.releasedPages.add('pages/home/index')
    fake.failNext('/wxa/getwxacodeunlimit', 45009)
    const busy = await callFromCloud('openid-shilong-admin', 'villageQrCode')
    expect(busy).toMatchObject({ ok: false, error: { code: 'RESOURCE_EXHAUSTED' } })
    if (busy.ok) throw new Error('unreachable')
    expect(busy.error.message).toMatch(/[\u4e00-\u9fff]/)
  })
})

describe.each(engines)('0004-village-codes on %s', (engine) => {
  test('backfills a code for every village opened before it, and keeps codes unique', async () => {
    const postgres = engine === 'postgres' ? await createPostgresDatabase() : null
    const { db } = await openDb({
      ...readConfig({} as NodeJS.ProcessEnv),
      databaseUrl: postgres?.url ?? null,
      sqlitePath: path.join(os.tmpdir(), `village-hall-backfill-${randomUUID()}.db`),
    })
    try {
      const migrator = new Migrator({ db, provider: migrationProvider })
      const first = await migrator.migrateTo('0001-initial')
      expect(first.error).toBeUndefined()
      // Villages as the released version made them: no code column yet.
      const before = db as unknown as Kysely<{
        towns: { id: string; name: string }
        villages: { id: string; townId: string; name: string; intro: string; createdAt: string }
      }>
      await before.insertInto('towns').values({ id: 't1', name: '青山镇' }).execute()
      const at = new Date().toISOString()
      await before
        .insertInto('villages')
        .values(
          ['杏花村', '梨园村', '柳树村'].map((name, index) => ({
            id: `v${index}`,
            townId: 't1',
            name,
            intro: '',
            createdAt: at,
          })),
        )
        .execute()

      await migrateToLatest(db)
      const villages = await db.selectFrom('villages').select(['id', 'code']).execute()
      expect(villages).toHaveLength(3)
      for (const { code } of villages) expect(code).toMatch(alphabetCode)
      expect(new Set(villages.map((village) => village.code)).size).toBe(3)

      const clash = await db
        .updateTable('villages')
        .set({ code: villages[0].code })
        .where('id', '=', villages[1].id)
        .execute()
        .catch((error: unknown) => error)
      expect(isUniqueViolation(clash)).toBe(true)
    } finally {
      await db.destroy()
      await postgres?.drop()
    }
  })
})

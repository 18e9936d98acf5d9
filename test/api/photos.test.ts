import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { maxPhotoBytes } from '../../types/photos'
import { photoFile } from '../../cloud/domain/photos'
import {
  fakeAppId,
  fakeCodeImage,
  fakeSecret,
  mediaCheckEvent,
  pushToGateway,
  startFakeWeChat,
  type FakeWeChat,
} from './support/fake-wechat'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'
import { jpeg, upload, uploaded } from './support/photo-upload'

const fetchPhoto = (app: TestApp, url: string | null) => fetch(`${app.url}${url ?? '/none'}`)

describe.each(engines)('photo upload on the gateway (demo mode) on %s', (engine) => {
  let app: TestApp
  let villager: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    villager = await app.newMember(shilong, [], '传照片的人')
  })
  afterAll(() => app.close())

  test('a JPEG is stored under the data directory, passes at once, and is served back signed', async () => {
    const bytes = jpeg()
    const photo = await uploaded(app, villager, bytes)
    expect(photo).toMatchObject({ check: 'pass', checkNote: null, mime: 'image/jpeg' })
    expect(photo.size).toBe(bytes.length)
    const row = await app.services.db
      .selectFrom('photos')
      .selectAll()
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow()
    const file = photoFile(app.services.config.dataDir, row.storageKey ?? '')
    expect(file.startsWith(app.services.config.dataDir)).toBe(true)
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)

    const served = await fetchPhoto(app, photo.url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
    // The address is the key: a forged or altered signature shows nothing.
    const forged = (photo.url ?? '').replace(/sig=[^&]+/, 'sig=forged')
    expect((await fetchPhoto(app, forged)).status).toBe(404)
    const expired = (photo.url ?? '').replace(/expires=\d+/, 'expires=1000')
    expect((await fetchPhoto(app, expired)).status).toBe(404)

    const entry = await app.services.db
      .selectFrom('auditLog')
      .select(['action', 'villageId'])
      .where('target', '=', `照片 ${photo.id.slice(-8)}`)
      .executeTakeFirstOrThrow()
    expect(entry).toEqual({ action: 'photos.upload', villageId: shilong })
  })

  test('a PNG is taken; anything else, an empty form or a photo too large is refused in words', async () => {
    const png = await uploaded(app, villager, fakeCodeImage)
    expect(png.mime).toBe('image/png')

    const text = await upload(app, villager, Buffer.from('<svg onload="alert(1)"/>'))
    expect(expectError(text, 'INVALID_ARGUMENT', 400).message).toBe('只能上传 JPG 或 PNG 照片')
    const large = await upload(app, villager, Buffer.concat([jpeg(), Buffer.alloc(maxPhotoBytes)]))
    expect(expectError(large, 'INVALID_ARGUMENT', 400).message).toMatch(/照片太大了/)
    const notForm = await fetch(`${app.url}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${villager}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(notForm.status).toBe(400)
  })

  test('only a signed-in, approved villager may upload', async () => {
    expectError(await upload(app, null, jpeg()), 'UNAUTHENTICATED', 401)
    expectError(await upload(app, 'no-such-token', jpeg()), 'UNAUTHENTICATED', 401)
    const count = await app.services.db
      .selectFrom('photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const before = Number(count.n)
    // A refused upload leaves neither row nor file.
    const files = () => fs.readdirSync(app.services.config.dataDir, { recursive: true }).length
    const filesBefore = files()
    expectError(await upload(app, null, jpeg()), 'UNAUTHENTICATED', 401)
    expect(files()).toBe(filesBefore)
    const after = await app.services.db
      .selectFrom('photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(before)
  })

  test('the same upload sent twice, even at once, keeps one photo and answers the same', async () => {
    const author = await app.newMember(shilong, [], '网不好的人')
    const requestId = randomUUID()
    const bytes = jpeg()
    const [first, second] = await Promise.all([
      upload(app, author, bytes, requestId),
      upload(app, author, bytes, requestId),
    ])
    expect(first.body.ok).toBe(true)
    expect(second.body).toEqual(first.body)
    const { user } = await app.call(author, 'session', 'me')
    const rows = await app.services.db
      .selectFrom('photos')
      .select('id')
      .where('ownerId', '=', user.id)
      .execute()
    expect(rows).toHaveLength(1)
    // The copy that lost the race wrote no file of its own either.
    const folder = `${app.services.config.dataDir}/photos/${shilong}`
    const own = fs.readdirSync(folder).filter((name) => name.startsWith(rows[0].id))
    expect(own).toHaveLength(1)
  })
})

describe.each(engines)('photos through WeChat’s media check on %s', (engine) => {
  let app: TestApp
  let wechat: FakeWeChat
  const pushToken = 'push-token-of-the-console'
  beforeAll(async () => {
    wechat = await startFakeWeChat()
    app = await startTestApp(engine, {
      demoMode: false,
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
      wxPushToken: pushToken,
      publicUrl: 'https://cun.example.cn',
    })
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  async function wechatVillager(openid = `o-${randomUUID()}`) {
    const token = await app.newMember(shilong, [], '微信村民')
    const { user } = await app.call(token, 'session', 'me')
    await app.services.db.updateTable('users').set({ openid }).where('id', '=', user.id).execute()
    return { token, openid }
  }

  const checkOf = async (photoId: string) =>
    await app.services.db
      .selectFrom('photos')
      .select(['checkStatus', 'checkLabel', 'traceId'])
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow()

  test('an upload is pending, and its check asks WeChat with an address WeChat can fetch', async () => {
    const { token, openid } = await wechatVillager()
    const bytes = jpeg()
    const photo = await uploaded(app, token, bytes)
    expect(photo).toMatchObject({ check: 'pending', checkNote: expect.stringContaining('检查') })
    const check = wechat.mediaChecks.at(-1)
    expect(check?.openid).toBe(openid)
    const request = wechat.requestsTo('/wxa/media_check_async').at(-1)
    expect(request?.body).toMatchObject({ media_type: 2, version: 2, scene: 3, openid })
    expect(check?.mediaUrl.startsWith(`https://cun.example.cn/api/photos/${photo.id}?`)).toBe(true)
    // What WeChat fetches is the photo (here through the test's own address).
    const fetched = await fetch(check?.mediaUrl.replace('https://cun.example.cn', app.url) ?? '')
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true)
    expect((await checkOf(photo.id)).traceId).toBe(check?.traceId)
  })

  test('the push endpoint answers WeChat’s URL check and refuses anything unsigned', async () => {
    const echo = await pushToGateway(app.url, pushToken, null, { echostr: 'hello-42' })
    expect(await echo.text()).toBe('hello-42')
    const forged = await pushToGateway(app.url, 'not-the-token', mediaCheckEvent('trace-1', 'pass'))
    expect(forged.status).toBe(403)
  })

  test('risky: refused with a plain reason, and its address shows nothing any more', async () => {
    const { token } = await wechatVillager()
    const photo = await uploaded(app, token)
    const { traceId } = await checkOf(photo.id)
    const pushed = await pushToGateway(
      app.url,
      pushToken,
      mediaCheckEvent(traceId ?? '', 'risky', 20002),
    )
    expect(await pushed.text()).toBe('success')
    expect(await checkOf(photo.id)).toMatchObject({ checkStatus: 'risky', checkLabel: 20002 })
    expect((await fetchPhoto(app, photo.url)).status).toBe(404)
    // WeChat sending the verdict again changes nothing, and logs nothing more.
    await pushToGateway(app.url, pushToken, mediaCheckEvent(traceId ?? '', 'pass'))
    expect((await checkOf(photo.id)).checkStatus).toBe('risky')
    const entries = await app.services.db
      .selectFrom('auditLog')
      .select(['action', 'actorKind', 'afterJson'])
      .where('target', '=', `照片 ${photo.id.slice(-8)}`)
      .where('action', '=', 'photos.checked')
      .execute()
    expect(entries).toEqual([
      {
        action: 'photos.checked',
        actorKind: 'system',
        afterJson: expect.stringContaining('未通过'),
      },
    ])
  })

  test('a verdict for a check not yet recorded is not acknowledged, so WeChat sends it again', async () => {
    const pushed = await pushToGateway(app.url, pushToken, mediaCheckEvent('trace-unknown', 'pass'))
    expect(pushed.status).toBe(503)
  })

  test('WeChat could not check it (no verdict in the push): held for a person', async () => {
    const { token } = await wechatVillager()
    const photo = await uploaded(app, token)
    const { traceId } = await checkOf(photo.id)
    const failed = { ...mediaCheckEvent(traceId ?? '', 'pass'), errcode: 87014, result: {} }
    expect(await (await pushToGateway(app.url, pushToken, failed)).text()).toBe('success')
    expect(await checkOf(photo.id)).toMatchObject({ checkStatus: 'review', checkLabel: null })
  })

  test('WeChat busy: the photo stays pending and the scheduled job starts its check later', async () => {
    const { token } = await wechatVillager()
    wechat.failNext('/wxa/media_check_async', -1)
    const photo = await uploaded(app, token)
    expect(await checkOf(photo.id)).toMatchObject({ checkStatus: 'pending', traceId: null })
    const later = new Date(Date.now() + 120_000)
    const { restartPhotoChecks } = await import('../../cloud/domain/photos')
    await restartPhotoChecks({ ...app.services, now: () => later })
    expect((await checkOf(photo.id)).traceId).toMatch(/^trace-/)
  })

  test('no openid to check with: held for a person to look at', async () => {
    const token = await app.newMember(shilong, [], '没有微信的人')
    const photo = await uploaded(app, token)
    expect(photo.check).toBe('pending')
    expect((await checkOf(photo.id)).checkStatus).toBe('review')
  })

  test('a 云存储 photo is registered by its uploader only, and checked through a temporary link', async () => {
    const { token, openid } = await wechatVillager(`o${randomUUID().slice(0, 8)}`)
    const { folder } = await app.call(token, 'photos', 'uploadFolder')
    expect(folder).toBe(`photos/${openid}/`)
    const fileId = `cloud://env-1.bucket-1/${folder}1.jpg`
    const photo = await app.call(token, 'photos', 'register', {
      fileId,
      size: 1234,
      mime: 'image/jpeg',
    })
    expect(photo).toMatchObject({ check: 'pending', url: null, size: 1234 })
    expect(wechat.mediaChecks.at(-1)?.mediaUrl).toBe(
      `https://tcb.example/env-1.bucket-1/photos/${openid}/1.jpg`,
    )
    const other = await wechatVillager()
    const refused = await app.post(
      'photos',
      { action: 'register', data: { fileId, size: 1234, mime: 'image/jpeg' } },
      other.token,
    )
    expect(expectError(refused, 'PERMISSION_DENIED').field).toBe('fileId')
  })
})

const suggestion = (photoIds: string[]) => ({
  title: '村口的排水沟堵了',
  body: '一下雨就漫到路上，照片是今天拍的。',
  category: 'villageAppearance' as const,
  showName: true,
  photoIds,
})

describe.each(engines)('photos with a suggestion (demo mode) on %s', (engine) => {
  let app: TestApp
  let author: string
  let member: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    author = await app.newMember(shilong, [], '拍照的人')
    member = await app.signIn('councilMember')
  })
  afterAll(() => app.close())

  test('up to 3 of one’s own photos go with a suggestion; the council sees them', async () => {
    const photos = [await uploaded(app, author), await uploaded(app, author)]
    const filed = await app.call(
      author,
      'council',
      'fileSuggestion',
      suggestion(photos.map((photo) => photo.id)),
    )
    expect(filed.photos.map((photo) => photo.id)).toEqual(photos.map((photo) => photo.id))
    const inbox = await app.call(member, 'council', 'inbox')
    const seen = inbox.find((item) => item.id === filed.id)
    expect(seen?.photos).toHaveLength(2)
    expect(seen?.photos[0]).toMatchObject({ check: 'pass', checkNote: null })
    const served = await fetchPhoto(app, seen?.photos[0].url ?? null)
    expect(served.status).toBe(200)
  })

  test('someone else’s photo, one already used, a repeated one or a fourth is refused', async () => {
    const other = await app.newMember(shilong, [], '别人')
    const theirs = await uploaded(app, other)
    const file = (ids: string[]) =>
      app.post('council', { action: 'fileSuggestion', data: suggestion(ids) }, author)
    expect(expectError(await file([theirs.id]), 'INVALID_ARGUMENT').field).toBe('photoIds')

    const mine = await uploaded(app, author)
    await app.call(author, 'council', 'fileSuggestion', suggestion([mine.id]))
    expect(expectError(await file([mine.id]), 'INVALID_ARGUMENT').field).toBe('photoIds')

    const fresh = await uploaded(app, author)
    expect(expectError(await file([fresh.id, fresh.id]), 'INVALID_ARGUMENT').field).toBe('photoIds')
    const four = ['a', 'b', 'c', 'd']
    expect(expectError(await file(four), 'INVALID_ARGUMENT').field).toBe('photoIds')
    // The refused filings attached nothing: the fresh photo is still free to use.
    const ok = await app.call(author, 'council', 'fileSuggestion', suggestion([fresh.id]))
    expect(ok.photos.map((photo) => photo.id)).toEqual([fresh.id])
  })
})

describe.each(engines)('a suggestion waits for its photos’ check on %s', (engine) => {
  let app: TestApp
  let wechat: FakeWeChat
  let member: string
  const pushToken = 'push-token'
  beforeAll(async () => {
    wechat = await startFakeWeChat()
    app = await startTestApp(engine, {
      demoMode: false,
      wxAppId: fakeAppId,
      wxSecret: fakeSecret,
      wxApiBase: wechat.base,
      wxPushToken: pushToken,
      publicUrl: 'https://cun.example.cn',
    })
    member = await app.newMember(shilong, ['councilMember'], '议事会成员')
  })
  afterAll(async () => {
    await app.close()
    await wechat.close()
  })

  /** A villager with an openid files a suggestion with one photo; its trace id and the filing. */
  async function filedWithPhoto() {
    const author = await app.newMember(shilong, [], '微信村民')
    const { user } = await app.call(author, 'session', 'me')
    await app.services.db
      .updateTable('users')
      .set({ openid: `o-${randomUUID()}` })
      .where('id', '=', user.id)
      .execute()
    const photo = await uploaded(app, author)
    const traceId = wechat.mediaChecks.at(-1)?.traceId ?? ''
    const filed = await app.call(author, 'council', 'fileSuggestion', suggestion([photo.id]))
    return { author, photo, traceId, filed }
  }

  const inboxIds = async () => (await app.call(member, 'council', 'inbox')).map((item) => item.id)
  const verdict = (traceId: string, suggest: 'pass' | 'review' | 'risky', label?: number) =>
    pushToGateway(app.url, pushToken, mediaCheckEvent(traceId, suggest, label))

  test('hidden from the council while its photo is checked; there once it passed', async () => {
    const { traceId, filed } = await filedWithPhoto()
    expect(filed.contentCheck).toBe('passed')
    expect(filed.photos[0]).toMatchObject({ check: 'pending', checkNote: expect.any(String) })
    expect(await inboxIds()).not.toContain(filed.id)
    // Not even by its id.
    const early = await app.post(
      'council',
      { action: 'answer', data: { suggestionId: filed.id, answer: '收到' } },
      member,
    )
    expectError(early, 'NOT_FOUND')

    await verdict(traceId, 'pass')
    const seen = (await app.call(member, 'council', 'inbox')).find((item) => item.id === filed.id)
    expect(seen?.photos).toEqual([expect.objectContaining({ check: 'pass', checkNote: null })])
  })

  test('risky: the council never sees it; its author is told why, without the image', async () => {
    const { author, traceId, filed } = await filedWithPhoto()
    await verdict(traceId, 'risky', 20002)
    expect(await inboxIds()).not.toContain(filed.id)
    const mine = (await app.call(author, 'council', 'mySuggestions')).find(
      (item) => item.id === filed.id,
    )
    expect(mine?.photos).toEqual([
      expect.objectContaining({
        check: 'risky',
        url: null,
        checkNote: '这张照片没有通过内容安全检查，别人看不到它；请换一张照片',
      }),
    ])
  })

  test('risky: its author is also told in 消息', async () => {
    const { author, traceId } = await filedWithPhoto()
    await verdict(traceId, 'risky', 20006)
    const messages = await app.call(author, 'messages', 'list')
    expect(messages[0]).toMatchObject({
      kind: 'council',
      title: '您的一张照片没有通过检查',
      body: '这张照片没有通过内容安全检查，别人看不到它；请换一张照片',
    })
  })

  test('a photo refused before the suggestion is sent refuses the sending, saying which', async () => {
    const author = await app.newMember(shilong, [], '微信村民')
    const { user } = await app.call(author, 'session', 'me')
    await app.services.db
      .updateTable('users')
      .set({ openid: `o-${randomUUID()}` })
      .where('id', '=', user.id)
      .execute()
    const good = await uploaded(app, author)
    await verdict(wechat.mediaChecks.at(-1)?.traceId ?? '', 'pass')
    const bad = await uploaded(app, author)
    await verdict(wechat.mediaChecks.at(-1)?.traceId ?? '', 'risky', 20002)
    const reply = await app.post(
      'council',
      { action: 'fileSuggestion', data: suggestion([good.id, bad.id]) },
      author,
    )
    const error = expectError(reply, 'INVALID_ARGUMENT')
    expect(error).toMatchObject({
      field: 'photoIds',
      message: '第 2 张照片没有通过内容安全检查，请换一张照片',
    })
    expect(await app.call(author, 'council', 'mySuggestions')).toEqual([])
  })

  test('review: held for the council to look at, photo included', async () => {
    const { traceId, filed } = await filedWithPhoto()
    await verdict(traceId, 'review', 20001)
    const seen = (await app.call(member, 'council', 'inbox')).find((item) => item.id === filed.id)
    expect(seen?.photos).toEqual([expect.objectContaining({ check: 'review', checkNote: null })])
    expect((await fetchPhoto(app, seen?.photos[0].url ?? null)).status).toBe(200)

    // A member looks and finds it fit: it passes; a second release is told someone was first.
    const photoId = seen?.photos[0].id ?? ''
    const villager = await app.newMember(shilong, [], '村民')
    const release = (token: string) =>
      app.post('photos', { action: 'release', data: { photoId } }, token)
    expectError(await release(villager), 'PERMISSION_DENIED')
    expect((await release(member)).body).toMatchObject({ ok: true, data: { check: 'pass' } })
    expectError(await release(member), 'CONFLICT')
    const after = (await app.call(member, 'council', 'inbox')).find((item) => item.id === filed.id)
    expect(after?.photos[0].check).toBe('pass')
    // Another village's council finds no such photo.
    const elsewhere = await app.newMember(bailu, ['councilMember'])
    expectError(await release(elsewhere), 'NOT_FOUND')
  })
})

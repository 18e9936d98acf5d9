import { randomUUID } from 'node:crypto'
import { createSession } from '../../cloud/core/identity'
import { engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

/** Emoji (a ZWJ family, a flag), CJK extension B and G, and combining marks (é as e + ◌́). */
const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'
const flag = '\u{1F1E8}\u{1F1F3}'
const rare = '\u{20000}\u{2A6D6}\u{30000}'
const combined = 'e\u0301a\u0308'
const bytes = (value: string) => Buffer.from(value, 'utf8').toString('hex')

describe.each(engines)('text input on %s', (engine) => {
  let app: TestApp
  let villager: string
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    villager = await app.signIn('villager')
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  async function villageless() {
    const id = randomUUID()
    await app.services.db
      .insertInto('users')
      .values({
        id,
        openid: `text-${id}`,
        demoPersona: null,
        displayName: '新用户',
        villageId: null,
        createdAt: new Date().toISOString(),
      })
      .execute()
    return createSession(app.services, id)
  }

  test('emoji, rare characters and combining marks are stored exactly as acknowledged', async () => {
    const title = `${family}${flag}${rare}${combined}村规`
    const preamble = `第一段${family}\r\n第二段${rare}\n${combined}`
    const articleText = `${combined}${flag}\r条文`
    const [latest] = await app.call(villager, 'rules', 'versions')
    const published = await app.call(admin, 'rules', 'publish', {
      basedOnVersionNo: latest.versionNo,
      title,
      adoptedOn: '2026-01-01',
      preamble,
      chapters: [{ title: `总则${rare}`, articles: [{ text: articleText }] }],
    })
    expect(bytes(published.title)).toBe(bytes(title))
    const read = await app.call(villager, 'rules', 'version', { versionId: published.id })
    expect(bytes(read.title)).toBe(bytes(title))
    // Newlines from any device are kept as \n, nothing else is touched.
    expect(bytes(read.preamble)).toBe(bytes(preamble.replace('\r\n', '\n')))
    expect(bytes(read.chapters[0].title)).toBe(bytes(`总则${rare}`))
    expect(bytes(read.chapters[0].articles[0].text)).toBe(bytes(articleText.replace('\r', '\n')))

    const note = `  ${family} 说明${combined}${rare}  `
    const gift = { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 150 } as const
    const acknowledged = await app.call(admin, 'ceremony', 'updateGiftLimit', { ...gift, note })
    expect(bytes(acknowledged.note)).toBe(bytes(note.trim()))
    const limits = await app.call(villager, 'ceremony', 'limits')
    expect(bytes(limits.giftLimits[0].note)).toBe(bytes(acknowledged.note))

    const newcomer = await villageless()
    const displayName = `张${family}${rare}${combined}`
    const me = await app.call(newcomer, 'session', 'joinVillage', {
      villageId: shilong,
      displayName,
    })
    expect(bytes(me.user.displayName)).toBe(bytes(displayName))
    const again = await app.call(newcomer, 'session', 'me')
    expect(bytes(again.user.displayName)).toBe(bytes(displayName))
  })

  test('lengths count characters: 20 emoji are a 20-character name, 21 are too many', async () => {
    const name = (count: number) => '\u{1F600}'.repeat(count)
    const newcomer = await villageless()
    const refused = expectError(
      await app.post(
        'session',
        { action: 'joinVillage', data: { villageId: shilong, displayName: name(21) } },
        newcomer,
      ),
      'INVALID_ARGUMENT',
      400,
    )
    expect(refused).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '称呼不能超过 20 个字',
      field: 'displayName',
    })
    const me = await app.call(newcomer, 'session', 'joinVillage', {
      villageId: shilong,
      displayName: name(20),
    })
    expect(me.user.displayName).toBe(name(20))
  })

  test('NUL, lone surrogates and control characters are refused in words, and nothing is stored', async () => {
    const before = await app.call(villager, 'ceremony', 'limits')
    const gift = { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 120 }
    const cases: [string, string, unknown, string | null, string, string][] = [
      [
        'ceremony',
        'updateGiftLimit',
        { ...gift, note: 'a\u0000b' },
        admin,
        'note',
        '说明不能包含看不见的控制字符',
      ],
      [
        'ceremony',
        'updateGiftLimit',
        { ...gift, note: 'x\ud800y' },
        admin,
        'note',
        '说明有残缺的字符，请删掉后重新输入',
      ],
      [
        'ceremony',
        'updateGiftLimit',
        { ...gift, note: 'x\udc00' },
        admin,
        'note',
        '说明有残缺的字符，请删掉后重新输入',
      ],
      [
        'ceremony',
        'updateGiftLimit',
        { ...gift, note: '\u202e001' },
        admin,
        'note',
        '说明不能包含看不见的控制字符',
      ],
      [
        'ceremony',
        'updateGiftLimit',
        { ...gift, note: 'a\u0085' },
        admin,
        'note',
        '说明不能包含看不见的控制字符',
      ],
      [
        'rules',
        'version',
        { versionId: 'a\u0000b' },
        villager,
        'versionId',
        '村规版本不能包含看不见的控制字符',
      ],
      [
        'rules',
        'version',
        { versionId: 'a\ud800' },
        villager,
        'versionId',
        '村规版本有残缺的字符，请删掉后重新输入',
      ],
    ]
    for (const [fn, action, data, token, field, message] of cases) {
      const error = expectError(
        await app.post(fn, { action, data }, token),
        'INVALID_ARGUMENT',
        400,
      )
      expect(error).toEqual({ code: 'INVALID_ARGUMENT', field, message })
    }
    expect(await app.call(villager, 'ceremony', 'limits')).toEqual(before)

    const newcomer = await villageless()
    for (const [displayName, message] of [
      ['张\u0000三', '称呼不能包含看不见的控制字符'],
      ['张\n三', '称呼不能换行'],
      ['张\t三', '称呼不能包含看不见的控制字符'],
    ]) {
      const reply = await app.post(
        'session',
        { action: 'joinVillage', data: { villageId: shilong, displayName } },
        newcomer,
      )
      expect(expectError(reply, 'INVALID_ARGUMENT', 400)).toMatchObject({ message })
    }
    expect((await app.call(newcomer, 'session', 'me')).village).toBeNull()

    // A request id is text too: PostgreSQL would have refused this one at the replay table.
    expectError(
      await app.post(
        'ceremony',
        { action: 'updateGiftLimit', data: gift, requestId: 'id\u0000x' },
        admin,
      ),
      'INVALID_ARGUMENT',
      400,
    )
    expect(await app.call(villager, 'ceremony', 'limits')).toEqual(before)
  })
})

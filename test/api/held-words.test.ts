import { heldWordLimits } from '../../types/held-words'
import { defaultHeldWords } from '../../cloud/domain/held-words'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

describe.each(engines)('the demo-mode 敏感词 list on %s', (engine) => {
  let app: TestApp
  let admin: string
  let villager: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
    villager = await app.newMember(shilong, [], '提建议的人')
  })
  afterAll(() => app.close())

  const file = (body: string) =>
    app.call(villager, 'council', 'fileSuggestion', {
      title: '说说村里的事',
      body,
      category: 'other',
      showName: false,
    })

  test('the admin reads the list, adds a word, and a suggestion with it is held', async () => {
    expect(await app.call(admin, 'admin', 'heldWords')).toEqual({
      words: defaultHeldWords,
      inUse: true,
    })
    expect((await file('晚上有人在祠堂打牌赌钱')).contentCheck).toBe('passed')
    const saved = await app.call(admin, 'admin', 'saveHeldWords', {
      words: [' 赌钱 ', '杀了'],
    })
    // Trimmed as every text of the contract is.
    expect(saved).toEqual({ words: ['赌钱', '杀了'], inUse: true })
    expect(await app.call(admin, 'admin', 'heldWords')).toEqual(saved)
    // In the 操作日志 with the list before and after.
    const [entry] = await app.call(admin, 'admin', 'auditLog', { limit: 1 })
    expect(entry).toMatchObject({
      action: 'admin.saveHeldWords',
      target: '敏感词',
      before: { words: defaultHeldWords },
      after: { words: ['赌钱', '杀了'] },
    })
    const held = await file('晚上有人在祠堂打牌赌钱')
    expect(held.contentCheck).toBe('held')
    // A word taken off the list no longer holds anything.
    expect((await file('吵得人想去死')).contentCheck).toBe('passed')
    // Another village keeps its own list.
    const otherAdmin = await app.newMember(bailu, ['admin'], '白鹭村管理员')
    expect((await app.call(otherAdmin, 'admin', 'heldWords')).words).toEqual(defaultHeldWords)
  })

  test('an empty list holds nothing', async () => {
    await app.call(admin, 'admin', 'saveHeldWords', { words: [] })
    expect((await file('杀了这个念头吧')).contentCheck).toBe('passed')
    await app.call(admin, 'admin', 'saveHeldWords', { words: defaultHeldWords })
  })

  test('only an admin reads or changes it', async () => {
    const member = await app.signIn('councilMember')
    for (const token of [villager, member]) {
      expectError(await app.post('admin', { action: 'heldWords' }, token), 'PERMISSION_DENIED')
      expectError(
        await app.post('admin', { action: 'saveHeldWords', data: { words: [] } }, token),
        'PERMISSION_DENIED',
      )
    }
    expect((await app.call(admin, 'admin', 'heldWords')).words).toEqual(defaultHeldWords)
  })

  test('the limits are the contract’s: count, length, no repeats, no blank word', async () => {
    const tooMany = Array.from({ length: heldWordLimits.count + 1 }, (_, i) => `词${i}`)
    for (const [words, field] of [
      [tooMany, 'words'],
      [['赌钱', '赌'.repeat(heldWordLimits.length + 1)], 'words.1'],
      [['赌钱', '赌钱'], 'words'],
      [['  '], 'words.0'],
    ] as const) {
      const refused = expectError(
        await app.post('admin', { action: 'saveHeldWords', data: { words } }, admin),
        'INVALID_ARGUMENT',
      )
      expect(refused.field).toBe(field)
    }
    expect((await app.call(admin, 'admin', 'heldWords')).words).toEqual(defaultHeldWords)
  })
})

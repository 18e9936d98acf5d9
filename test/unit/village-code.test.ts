import { codeAlphabet, newInvitationCode, randomCode } from '../../cloud/domain/invitation-code'
import { newVillageCode, retryOnCodeClash, villageScene } from '../../cloud/domain/village-code'

describe('codes', () => {
  test('are drawn from an alphabet without characters people confuse', () => {
    expect(codeAlphabet).not.toMatch(/[0O1IL]/)
    const drawn = Array.from({ length: 2000 }, () => randomCode(7)).join('')
    expect(drawn).toHaveLength(14000)
    expect(new Set(drawn)).toEqual(new Set(codeAlphabet))
  })

  test('a village code is 6 characters and, as a 小程序码 scene, well within 32', () => {
    const codes = Array.from({ length: 500 }, newVillageCode)
    for (const code of codes) {
      expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/)
      expect(villageScene(code)).toBe(`v=${code}`)
      expect(villageScene(code).length).toBeLessThanOrEqual(32)
    }
    // Random, not a sequence: 500 draws from 887 million codes do not repeat.
    expect(new Set(codes).size).toBe(500)
    expect(newInvitationCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/)
  })
})

describe('retryOnCodeClash', () => {
  const clash = Object.assign(new Error('duplicate key'), { code: '23505' })

  test('writes again after a unique violation, and answers what the write answered', async () => {
    let calls = 0
    const result = await retryOnCodeClash(async () => {
      calls += 1
      if (calls < 3) throw clash
      return 'written'
    })
    expect(result).toBe('written')
    expect(calls).toBe(3)
  })

  test('gives up after the given attempts, and never retries other errors', async () => {
    let calls = 0
    await expect(
      retryOnCodeClash(async () => {
        calls += 1
        throw clash
      }, 4),
    ).rejects.toBe(clash)
    expect(calls).toBe(4)

    calls = 0
    const other = new Error('disk full')
    await expect(
      retryOnCodeClash(async () => {
        calls += 1
        throw other
      }),
    ).rejects.toBe(other)
    expect(calls).toBe(1)
  })
})

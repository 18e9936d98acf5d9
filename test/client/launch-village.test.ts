import Taro from '@tarojs/taro'
import {
  captureLaunchVillage,
  forgetLaunchVillage,
  getLaunchVillageId,
  villageIdFromQuery,
} from '../../src/services/launch-village'

describe('villageIdFromQuery', () => {
  it('reads a shared link ?villageId=', () => {
    expect(villageIdFromQuery({ villageId: 'v-123' })).toBe('v-123')
  })

  it('reads a QR code scene, which WeChat passes URL-encoded', () => {
    expect(villageIdFromQuery({ scene: 'v%3Dabc-42' })).toBe('abc-42')
    expect(villageIdFromQuery({ scene: encodeURIComponent('x=1&v=abc-42') })).toBe('abc-42')
  })

  it('ignores queries without a village', () => {
    expect(villageIdFromQuery(undefined)).toBeNull()
    expect(villageIdFromQuery({})).toBeNull()
    expect(villageIdFromQuery({ villageId: '  ' })).toBeNull()
    expect(villageIdFromQuery({ scene: 'x%3D1' })).toBeNull()
    expect(villageIdFromQuery({ scene: '%E0%A4%A' })).toBeNull()
  })
})

describe('captureLaunchVillage', () => {
  let launchQuery: Record<string, string>
  beforeEach(() => {
    forgetLaunchVillage()
    launchQuery = {}
    jest
      .spyOn(Taro, 'getLaunchOptionsSync')
      .mockImplementation(() => ({ query: launchQuery }) as never)
  })
  afterEach(() => jest.restoreAllMocks())

  it('remembers the village of the page query, preferring it to the launch query', () => {
    launchQuery = { scene: 'v%3Dfrom-launch' }
    captureLaunchVillage({ villageId: 'from-page' })
    expect(getLaunchVillageId()).toBe('from-page')
  })

  it('falls back to the launch query (QR code scene)', () => {
    launchQuery = { scene: 'v%3Dfrom-launch' }
    captureLaunchVillage({})
    expect(getLaunchVillageId()).toBe('from-launch')
  })

  it('keeps an earlier village when a later page has none, until forgotten', () => {
    captureLaunchVillage({ villageId: 'first' })
    captureLaunchVillage({})
    expect(getLaunchVillageId()).toBe('first')
    forgetLaunchVillage()
    expect(getLaunchVillageId()).toBeNull()
  })
})

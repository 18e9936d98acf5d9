import Taro from '@tarojs/taro'
import {
  captureLaunchVillage,
  forgetLaunchVillage,
  getLaunchVillage,
  launchVillageFromQuery,
  suggestLaunchVillage,
} from '../../src/services/launch-village'
import { ApiCallError, call } from '../../src/services/api'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))
const mockedCall = call as jest.MockedFunction<typeof call>

describe('launchVillageFromQuery', () => {
  it('reads a shared link ?villageId= as an id', () => {
    expect(launchVillageFromQuery({ villageId: 'v-123' })).toEqual({ villageId: 'v-123' })
  })

  it('reads a 小程序码 scene, which WeChat passes URL-encoded, as a village code', () => {
    expect(launchVillageFromQuery({ scene: 'v%3DXH5T6K' })).toEqual({ villageCode: 'XH5T6K' })
    expect(launchVillageFromQuery({ scene: encodeURIComponent('x=1&v=XH5T6K') })).toEqual({
      villageCode: 'XH5T6K',
    })
  })

  it("reads the gateway QR code's H5 link ?v= as a village code", () => {
    expect(launchVillageFromQuery({ v: ' XH5T6K ' })).toEqual({ villageCode: 'XH5T6K' })
  })

  it('prefers an id to a code when a link has both', () => {
    expect(launchVillageFromQuery({ villageId: 'v-1', v: 'XH5T6K' })).toEqual({ villageId: 'v-1' })
  })

  it('ignores queries without a village', () => {
    expect(launchVillageFromQuery(undefined)).toBeNull()
    expect(launchVillageFromQuery({})).toBeNull()
    expect(launchVillageFromQuery({ villageId: '  ', v: ' ' })).toBeNull()
    expect(launchVillageFromQuery({ scene: 'x%3D1' })).toBeNull()
    expect(launchVillageFromQuery({ scene: '%E0%A4%A' })).toBeNull()
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
    launchQuery = { scene: 'v%3DQS4Y7P' }
    captureLaunchVillage({ villageId: 'from-page' })
    expect(getLaunchVillage()).toEqual({ villageId: 'from-page' })
  })

  it('falls back to the launch query (a 小程序码 scene)', () => {
    launchQuery = { scene: 'v%3DQS4Y7P' }
    captureLaunchVillage({})
    expect(getLaunchVillage()).toEqual({ villageCode: 'QS4Y7P' })
  })

  it('keeps an earlier village when a later page has none, until forgotten', () => {
    captureLaunchVillage({ villageId: 'first' })
    captureLaunchVillage({})
    expect(getLaunchVillage()).toEqual({ villageId: 'first' })
    forgetLaunchVillage()
    expect(getLaunchVillage()).toBeNull()
  })
})

describe('suggestLaunchVillage', () => {
  const shilong = { id: 'village-shilong', name: '石龙村', townId: 't1', townName: '仙鹤镇' }
  beforeEach(() => {
    forgetLaunchVillage()
    mockedCall.mockReset()
  })

  it('offers nothing, and asks nothing, without a link', async () => {
    expect(await suggestLaunchVillage()).toEqual({ villageId: null, notice: null })
    expect(mockedCall).not.toHaveBeenCalled()
  })

  it('offers a linked id as it is', async () => {
    captureLaunchVillage({ villageId: 'village-bailu' })
    expect(await suggestLaunchVillage()).toEqual({ villageId: 'village-bailu', notice: null })
    expect(mockedCall).not.toHaveBeenCalled()
  })

  it('looks a code up once, then remembers the village it names', async () => {
    mockedCall.mockResolvedValue(shilong as never)
    captureLaunchVillage({ v: 'XH5T6K' })
    expect(await suggestLaunchVillage()).toEqual({ villageId: 'village-shilong', notice: null })
    expect(mockedCall).toHaveBeenCalledWith('session', 'villageByCode', { code: 'XH5T6K' })
    expect(getLaunchVillage()).toEqual({ villageId: 'village-shilong' })
    await suggestLaunchVillage()
    expect(mockedCall).toHaveBeenCalledTimes(1)
  })

  it('says so in words when no village has the code, and forgets it', async () => {
    mockedCall.mockRejectedValue(new ApiCallError('NOT_FOUND', '没有找到二维码上的村'))
    captureLaunchVillage({ v: 'ZZZZZZ' })
    const suggested = await suggestLaunchVillage()
    expect(suggested.villageId).toBeNull()
    expect(suggested.notice).toMatch(/没有找到.*请在下面自己选/)
    expect(getLaunchVillage()).toBeNull()
  })

  it('keeps the code for next time when the network failed', async () => {
    mockedCall.mockRejectedValue(new ApiCallError('NETWORK', '网络不太好'))
    captureLaunchVillage({ v: 'XH5T6K' })
    const suggested = await suggestLaunchVillage()
    expect(suggested).toEqual({ villageId: null, notice: expect.stringMatching(/自己选/) })
    expect(getLaunchVillage()).toEqual({ villageCode: 'XH5T6K' })
  })
})

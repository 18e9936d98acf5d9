import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { serviceCategories, type CenterPage } from '../../types/service-center'
import ServiceCenterPage from '../../src/pages/service-center'
import { call } from '../../src/services/api'
import { setToken } from '../../src/services/session-store'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

const center: CenterPage = {
  settings: {
    address: '石龙村村委会一楼',
    openingHours: '周一至周五 8:30–17:30',
    bookingWindowDays: 7,
    minNoticeMinutes: 60,
    cancelCutoffMinutes: 120,
  },
  onDuty: [{ day: '2026-11-28', name: '王建国', post: '村党支部书记', phone: '13800001111' }],
  categories: [
    {
      category: serviceCategories[0],
      services: [
        {
          id: 's1',
          name: '医保缴费',
          category: serviceCategories[0],
          description: '城乡居民医保参保缴费',
          requiredMaterials: ['身份证'],
          durationMinutes: 15,
          needsConfirmation: false,
          homeVisit: false,
          proxyService: true,
          slotMinutes: 30,
          capacity: 2,
          active: true,
        },
      ],
    },
  ],
  blockedUntil: null,
}

beforeEach(() => {
  Taro.clearStorageSync()
  mockedCall.mockReset()
  setToken('tok')
})
afterEach(() => jest.restoreAllMocks())

it('shows hours, address, the duty cadre with a call button, and services by category', async () => {
  mockedCall.mockResolvedValue(center as never)
  const makePhoneCall = jest
    .spyOn(Taro, 'makePhoneCall')
    .mockResolvedValue({ errMsg: 'ok' } as never)
  render(<ServiceCenterPage />)

  expect(await screen.findByText('办公时间：周一至周五 8:30–17:30')).toBeTruthy()
  expect(screen.getByText('地址：石龙村村委会一楼')).toBeTruthy()
  expect(screen.getByText('王建国（村党支部书记）')).toBeTruthy()
  expect(screen.getByText('医保缴费 ›')).toBeTruthy()
  expect(mockedCall).toHaveBeenCalledWith('serviceCenter', 'center')

  fireEvent.click(screen.getByText('打电话 13800001111'))
  expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001111' })
})

it('opens a service to book it, and 我的预约', async () => {
  mockedCall.mockResolvedValue(center as never)
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
  render(<ServiceCenterPage />)

  fireEvent.click(await screen.findByText('医保缴费 ›'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/service/pages/service/index?id=s1' })
  fireEvent.click(screen.getByText('我的预约'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/service/pages/mine/index' })
})

import type { Db } from '../store/db'
import type { PlanDay } from '../../types/service-center'
import { addVillageDays, villageDayOf } from '../../types/village-time'

/** Weekdays with a lunch break, and Saturday mornings. */
export const demoOpeningPlan: PlanDay[] = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    opens: '08:30',
    closes: '17:30',
    breaks: [{ start: '12:00', end: '14:00' }],
  })),
  { weekday: 6, opens: '09:00', closes: '12:00', breaks: [] },
]

/**
 * The demo village's 党群服务中心: settings, three services, a weekday plan with a lunch break
 * and Saturday mornings, and a duty roster for the next eight weeks from the seeding day.
 */
export async function seedDemoServiceCenter(db: Db, villageId: string, now: Date) {
  const at = now.toISOString()
  await db
    .insertInto('serviceCenterSettings')
    .values({
      villageId,
      address: '石龙村党群服务中心（村委会一楼）',
      openingHours: '周一至周五 8:30–17:30（午休 12:00–14:00），周六 9:00–12:00',
      bookingWindowDays: 14,
      minNoticeMinutes: 120,
      cancelCutoffMinutes: 60,
      noShowLimit: 2,
      noShowWindowDays: 30,
      noShowBlockDays: 30,
      updatedAt: at,
    })
    .execute()
  const service = {
    villageId,
    description: '',
    durationMinutes: 20,
    needsConfirmation: 0 as const,
    homeVisit: 0 as const,
    proxyService: 0 as const,
    slotMinutes: 30,
    capacity: 3,
    active: 1 as const,
    createdAt: at,
  }
  await db
    .insertInto('services')
    .values([
      {
        ...service,
        id: `${villageId}-service-residence`,
        name: '开具居住证明',
        category: 'certificate',
        description: '在本村居住的证明，用于办理入学、社保等。',
        requiredMaterialsJson: JSON.stringify(['身份证', '户口本']),
      },
      {
        ...service,
        id: `${villageId}-service-insurance`,
        name: '社保医保代办',
        category: 'socialInsurance',
        description: '城乡居民医保缴费、养老保险认证，老人和行动不便的可以上门办理。',
        requiredMaterialsJson: JSON.stringify(['身份证', '社保卡']),
        needsConfirmation: 1,
        homeVisit: 1,
        proxyService: 1,
        capacity: 2,
      },
      {
        ...service,
        id: `${villageId}-service-legal`,
        name: '法律援助咨询',
        category: 'legalAid',
        description: '法律顾问每周到村，解答土地、婚姻、劳务等问题。',
        requiredMaterialsJson: JSON.stringify(['与事情有关的材料（合同、协议等）']),
        durationMinutes: 50,
        needsConfirmation: 1,
        slotMinutes: 60,
        capacity: 1,
      },
    ])
    .execute()
  await db
    .insertInto('openingPlan')
    .values(
      demoOpeningPlan.map(({ breaks, ...day }) => ({
        villageId,
        ...day,
        breaksJson: JSON.stringify(breaks),
      })),
    )
    .execute()
  const cadres = [
    { name: '李书记', post: '村党支部书记', phone: '13800001001' },
    { name: '王主任', post: '村委会主任', phone: '13800001002' },
    { name: '赵网协员', post: '网格协管员', phone: '13800001003' },
  ]
  const today = villageDayOf(now)
  await db
    .insertInto('dutyRoster')
    .values(
      Array.from({ length: 56 }, (_, index) => ({
        id: `${villageId}-duty-${index}`,
        villageId,
        day: addVillageDays(today, index),
        ...cadres[index % cadres.length],
      })),
    )
    .execute()
}

import * as z from 'zod'
import { action, change, noInput } from './api'
import { idSchema, text } from './common'
import type { SlotTime } from './service-slots'

/** Where an appointment stands. Nothing is deleted: a cancelled one keeps its row and reason. */
export const appointmentStatuses = [
  'pending',
  'confirmed',
  'checkedIn',
  'done',
  'followedUp',
  'cancelled',
  'rejected',
  'noShow',
] as const
export type AppointmentStatus = (typeof appointmentStatuses)[number]
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  pending: '等待工作人员确认',
  confirmed: '已确认',
  checkedIn: '正在办理',
  done: '已办结',
  followedUp: '已回访',
  cancelled: '已取消',
  rejected: '未受理',
  noShow: '未到场',
}
/** Statuses that hold a place in their slot. */
export const holdingStatuses: readonly AppointmentStatus[] = ['pending', 'confirmed', 'checkedIn']

export interface Service {
  id: string
  name: string
  category: string
  description: string
  requiredMaterials: string[]
  durationMinutes: number
  needsConfirmation: boolean
  homeVisit: boolean
  proxyService: boolean
  slotMinutes: number
  capacity: number
}

/** The service center's page: where, when, and what it offers. */
export interface ServiceCenter {
  address: string
  openingHours: string
  windowDays: number
  services: Service[]
}

export interface Slot extends SlotTime {
  placesLeft: number
}

export interface Appointment {
  id: string
  service: Pick<Service, 'id' | 'name' | 'requiredMaterials'>
  slot: SlotTime
  status: AppointmentStatus
  contactName: string
  /** Masked (138****0001) for the villager; staff see it whole where they call. */
  contactPhone: string
  note: string
  homeVisitAddress: string | null
  proxyFor: string | null
  cancelReason: string | null
  createdAt: string
}

const phoneSchema = z.string().regex(/^1\d{10}$/, '请填 11 位手机号')

export const bookingSchema = z.strictObject({
  serviceId: idSchema,
  slotStart: z.iso.datetime(),
  contactName: text(20),
  contactPhone: phoneSchema,
  note: text(200, 0, 'multi').default(''),
  homeVisitAddress: text(100).nullable().default(null),
  proxyFor: text(20).nullable().default(null),
})

export const serviceCenterContract = {
  center: action<ServiceCenter>()(noInput),
  availability: action<Slot[]>()(z.strictObject({ serviceId: idSchema })),
  book: change<Appointment>()(bookingSchema),
  /** 我的预约, the coming ones first, then the past. */
  myAppointments: action<Appointment[]>()(noInput),
  cancel: change<Appointment>()(
    z.strictObject({ appointmentId: idSchema, reason: text(200, 1, 'multi') }),
  ),
}

/** 138****0001: enough to recognise one's own number, not enough to call it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

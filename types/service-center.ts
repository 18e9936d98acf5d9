import * as z from 'zod'
import type { GrantableRole } from './roles'
import { action, change, noInput } from './api'
import { dateSchema, idSchema, text } from './common'
import { serviceCategories, type ServiceCategory } from './service-center-labels'

/**
 * 党群服务中心 (serviceCenter): villagers book a service (服务事项) for a time slot (时段); staff take
 * each appointment (预约) through the five steps 受理 → 办理 → 办结 → 回访 → 归档. Two functions:
 * `serviceCenter` for villagers, `serviceDesk` for staff (and admins).
 */

// ---------- Words both sides show ----------

export {
  serviceCategories,
  serviceCategoryLabels,
  type ServiceCategory,
} from './service-center-labels'

/**
 * Where an appointment stands. `pending` holds its place until staff confirm or reject it;
 * cancelled, rejected and noShow free the place; nothing is ever deleted.
 */
export const appointmentStatuses = [
  'pending',
  'confirmed',
  'checkedIn',
  'done',
  'archived',
  'cancelled',
  'rejected',
  'noShow',
] as const
export type AppointmentStatus = (typeof appointmentStatuses)[number]
export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  pending: '等待确认',
  confirmed: '已确认',
  checkedIn: '正在办理',
  done: '已办结，等待回访',
  archived: '已归档',
  cancelled: '已取消',
  rejected: '未受理',
  noShow: '未到场',
}

/** The statuses that hold a place in their slot. */
export const placeHoldingStatuses = ['pending', 'confirmed', 'checkedIn'] as const

/** What staff or the villager can do to an appointment, and from which statuses. */
export const transitions = {
  confirm: { from: ['pending'], to: 'confirmed' },
  reject: { from: ['pending'], to: 'rejected' },
  cancel: { from: ['pending', 'confirmed'], to: 'cancelled' },
  move: { from: ['pending', 'confirmed'], to: null },
  checkIn: { from: ['pending', 'confirmed'], to: 'checkedIn' },
  finish: { from: ['checkedIn'], to: 'done' },
  markNoShow: { from: ['pending', 'confirmed'], to: 'noShow' },
  recordFollowUp: { from: ['done'], to: 'archived' },
} as const satisfies Record<
  string,
  { from: readonly AppointmentStatus[]; to: AppointmentStatus | null }
>
export type Transition = keyof typeof transitions

/** Whether the step makes sense from this status. */
export function canTransition(step: Transition, status: AppointmentStatus): boolean {
  return (transitions[step].from as readonly AppointmentStatus[]).includes(status)
}

/** The five closed steps: 事必理、理必结、结必访. */
export const appointmentSteps = ['accept', 'handle', 'finish', 'followUp', 'archive'] as const
export type AppointmentStep = (typeof appointmentSteps)[number]
export const appointmentStepLabels: Record<AppointmentStep, string> = {
  accept: '受理',
  handle: '办理',
  finish: '办结',
  followUp: '回访',
  archive: '归档',
}

/** How far along the five steps an appointment has come (-1: none yet, still waiting). */
export function stepsReached(status: AppointmentStatus): number {
  switch (status) {
    case 'pending':
      return -1
    case 'confirmed':
      return 0
    case 'checkedIn':
      return 1
    case 'done':
      return 2
    case 'archived':
      return 4
    default:
      return -1
  }
}

/** Who works the service desk and sees every appointment of the village: staff, and admins. */
export const serviceDeskRoles = ['staff', 'admin'] as const satisfies readonly GrantableRole[]

/** How an appointment came in: booked on the phone by the villager, or registered by staff. */
export const appointmentChannels = ['online', 'walkIn', 'phoneCall'] as const
export type AppointmentChannel = (typeof appointmentChannels)[number]
export const appointmentChannelLabels: Record<AppointmentChannel, string> = {
  online: '网上预约',
  walkIn: '现场登记',
  phoneCall: '电话登记',
}

/** Each step of an appointment's timeline. */
export const appointmentEventKinds = [
  'booked',
  'confirmed',
  'rejected',
  'moved',
  'cancelled',
  'checkedIn',
  'done',
  'noShow',
  'followedUp',
  'archived',
  'rated',
] as const
export type AppointmentEventKind = (typeof appointmentEventKinds)[number]
export const appointmentEventLabels: Record<AppointmentEventKind, string> = {
  booked: '提交预约',
  confirmed: '受理（已确认）',
  rejected: '未受理',
  moved: '改了时间',
  cancelled: '取消预约',
  checkedIn: '到场办理',
  done: '办结',
  noShow: '未到场',
  followedUp: '回访',
  archived: '归档',
  rated: '评价',
}

export const followUpMethods = ['phone', 'homeVisit', 'atCenter', 'wechat'] as const
export type FollowUpMethod = (typeof followUpMethods)[number]
export const followUpMethodLabels: Record<FollowUpMethod, string> = {
  phone: '电话回访',
  homeVisit: '上门回访',
  atCenter: '到中心回访',
  wechat: '微信回访',
}

export const satisfactionLabels: Record<number, string> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '很满意',
}

/** Days of the week as the plan keeps them: 1 Monday … 7 Sunday. */
export const weekdayLabels: Record<number, string> = {
  1: '星期一',
  2: '星期二',
  3: '星期三',
  4: '星期四',
  5: '星期五',
  6: '星期六',
  7: '星期日',
}

// ---------- Field schemas ----------

/** A time of day in the village, `HH:mm` (00:00–24:00). */
export const timeOfDaySchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间格式不对，要像 08:30 这样')

/** A mobile (11 digits, starting with 1) or a landline with area code (0xxx-xxxxxxx). */
export const phoneSchema = text(20).pipe(
  z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不对'),
)

export const satisfactionSchema = z.number().int().min(1).max(5)

/** `2026-11-28T01:30:00.000Z`: the start of a slot, as an ISO UTC instant. */
export const slotStartSchema = z.iso.datetime()

/** `138****5678`: how a phone number shows to anyone but the staff who call it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/-/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

// ---------- Records ----------

export interface CenterSettings {
  address: string
  /** Free text for the notice board, e.g. 周一至周五 8:30–17:30，午休 12:00–14:00. */
  openingHours: string
  /** How many days ahead (today included) villagers may book. */
  bookingWindowDays: number
  /** How long before a slot starts it can still be booked. */
  minNoticeMinutes: number
  /** A villager may cancel until this long before the slot starts. */
  cancelCutoffMinutes: number
  /** No-show rule: this many no-shows within `noShowWindowDays` block online booking for `noShowBlockDays`. 0 turns it off. */
  noShowLimit: number
  noShowWindowDays: number
  noShowBlockDays: number
}

export interface Service {
  id: string
  name: string
  category: ServiceCategory
  description: string
  requiredMaterials: string[]
  /** How long the matter takes at the desk. */
  durationMinutes: number
  /** Staff confirm each booking (it waits as `pending`); otherwise it is confirmed at once. */
  needsConfirmation: boolean
  homeVisit: boolean
  proxyService: boolean
  slotMinutes: number
  /** Places per slot. */
  capacity: number
  active: boolean
}

export interface TimeRange {
  start: string
  end: string
}

/** One weekday of the opening plan; a weekday missing from the plan is closed. */
export interface PlanDay {
  weekday: number
  opens: string
  closes: string
  /** Lunch and other breaks within the day, `HH:mm`. */
  breaks: TimeRange[]
}

export interface ClosedDate {
  day: string
  reason: string
}

export interface DutyEntry {
  day: string
  name: string
  /** e.g. 村党支部书记, 网协员. */
  post: string
  /** Shown in full: the cadre on duty is there to be called. */
  phone: string
}

export interface Slot {
  /** ISO UTC instants. */
  start: string
  end: string
  placesLeft: number
}

export interface AvailabilityDay {
  day: string
  /** Why nobody can book this day (closed date, closed weekday), or null. */
  closedReason: string | null
  slots: Slot[]
}

export interface AppointmentEvent {
  kind: AppointmentEventKind
  at: string
  /** The reason or result given, if any. */
  reason: string | null
  /** Who did it, as the villager should see them: 工作人员张三, 本人, 系统. */
  by: string
  /** For a move: the new slot's start. */
  slotStart: string | null
}

export interface Rating {
  score: number
  comment: string
  ratedAt: string
}

export interface FollowUp {
  method: FollowUpMethod
  followedUpAt: string
  satisfaction: number
  remarks: string
  byName: string
}

/** An appointment as its villager sees it. */
export interface Appointment {
  id: string
  serviceId: string
  serviceName: string
  category: ServiceCategory
  requiredMaterials: string[]
  start: string
  end: string
  status: AppointmentStatus
  channel: AppointmentChannel
  contactName: string
  /** Masked: `138****5678`. */
  contactPhone: string
  note: string
  homeVisit: boolean
  address: string
  /** For 代办: the person the matter is for, by name; empty when it is for the booker. */
  proxyFor: string
  /** What staff wrote when they finished it. */
  result: string
  canCancel: boolean
  canRate: boolean
  rating: Rating | null
  events: AppointmentEvent[]
  createdAt: string
}

/** An appointment at the staff desk: the full phone, who booked, the follow-up. */
export interface DeskAppointment extends Omit<Appointment, 'canCancel' | 'canRate'> {
  /** The booker's account, or null for a walk-in or phone registration. */
  userId: string | null
  /** The booker as staff know them: 张三（12号）. */
  bookedBy: string
  followUp: FollowUp | null
}

export interface CenterPage {
  settings: Pick<
    CenterSettings,
    'address' | 'openingHours' | 'bookingWindowDays' | 'minNoticeMinutes' | 'cancelCutoffMinutes'
  >
  /** Today's 挂牌值班. */
  onDuty: DutyEntry[]
  categories: { category: ServiceCategory; services: Service[] }[]
  /** Set while online booking is blocked for me by the no-show rule. */
  blockedUntil: string | null
}

export interface MyAppointments {
  upcoming: Appointment[]
  past: Appointment[]
}

export interface DeskSlot {
  serviceId: string
  serviceName: string
  start: string
  end: string
  capacity: number
  booked: number
  /** Pending first, then by time of booking. */
  appointments: DeskAppointment[]
}

export interface DeskDay {
  day: string
  slots: DeskSlot[]
}

export interface AppointmentBlock {
  userId: string
  bookedBy: string
  blockedUntil: string
  noShows: number
}

export interface MonthFigures {
  month: string
  total: number
  byService: { serviceId: string; serviceName: string; count: number }[]
  finished: number
  noShows: number
  cancelled: number
  /** Of the month's follow-ups, 1–5; null when there were none. */
  averageSatisfaction: number | null
}

/** An Excel file, base64, so a cloud function and the gateway both carry it as JSON. */
export interface ExportFile {
  fileName: string
  base64: string
}

// ---------- Inputs ----------

const appointmentInput = z.strictObject({ appointmentId: idSchema })
const reasonInput = z.strictObject({ appointmentId: idSchema, reason: text(200) })

const bookingFields = {
  serviceId: idSchema,
  slotStart: slotStartSchema,
  contactName: text(20),
  note: text(200, 0, 'multi').default(''),
  /** Only where the service allows a home visit; then `address` is required. */
  homeVisit: z.boolean().default(false),
  address: text(100, 0).default(''),
}

export const bookInput = z.strictObject({
  ...bookingFields,
  /** Left out: the phone remembered from my last booking. */
  contactPhone: phoneSchema.optional(),
  /** 代办: the name of the person the matter is for. */
  proxyFor: text(20, 0).default(''),
})

export const walkInInput = z.strictObject({
  ...bookingFields,
  channel: z.enum(['walkIn', 'phoneCall']),
  contactPhone: phoneSchema.optional(),
})

export const centerSettingsSchema = z.strictObject({
  address: text(100),
  openingHours: text(200, 1, 'multi'),
  bookingWindowDays: z.number().int().min(1).max(60),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  cancelCutoffMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  noShowLimit: z.number().int().min(0).max(10),
  noShowWindowDays: z.number().int().min(1).max(365),
  noShowBlockDays: z.number().int().min(1).max(365),
})

export const serviceInput = z.strictObject({
  /** Left out to add a new service. */
  id: idSchema.optional(),
  name: text(30),
  category: z.enum(serviceCategories),
  description: text(500, 0, 'multi'),
  requiredMaterials: z.array(text(50)).max(20),
  durationMinutes: z.number().int().min(5).max(480),
  needsConfirmation: z.boolean(),
  homeVisit: z.boolean(),
  proxyService: z.boolean(),
  slotMinutes: z.number().int().min(10).max(240),
  capacity: z.number().int().min(1).max(50),
  active: z.boolean(),
})

const timeRangeSchema = z.strictObject({ start: timeOfDaySchema, end: timeOfDaySchema })

export const planInput = z.strictObject({
  days: z
    .array(
      z.strictObject({
        weekday: z.number().int().min(1).max(7),
        opens: timeOfDaySchema,
        closes: timeOfDaySchema,
        breaks: z.array(timeRangeSchema).max(4),
      }),
    )
    .max(7),
})

export const rosterInput = z.strictObject({
  /** The Monday of the week; entries outside that week are refused. */
  weekStart: dateSchema,
  entries: z
    .array(z.strictObject({ day: dateSchema, name: text(20), post: text(20), phone: phoneSchema }))
    .max(7 * 5),
})

export const exportInput = z.union([
  z.strictObject({ day: dateSchema }),
  z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式不对') }),
])

// ---------- The two functions ----------

export const serviceCenterContract = {
  /** The center's page: hours, address, today's duty cadre, active services by category. */
  center: action<CenterPage>()(noInput),
  service: action<Service>()(z.strictObject({ serviceId: idSchema })),
  /** Every day of the booking window with its slots and places left. */
  availability: action<AvailabilityDay[]>()(z.strictObject({ serviceId: idSchema })),
  /** What the booking form starts with: my name and (masked) phone from my last booking. */
  lastContact: action<{ contactName: string; contactPhone: string } | null>()(noInput),
  /** `pending` if the service needs confirmation, else `confirmed`. RESOURCE_EXHAUSTED when full. */
  book: change<Appointment>()(bookInput),
  myAppointments: action<MyAppointments>()(noInput),
  cancel: change<Appointment>()(reasonInput),
  /** Once, after the matter is done. */
  rate: change<Appointment>()(
    z.strictObject({
      appointmentId: idSchema,
      score: satisfactionSchema,
      comment: text(200, 0, 'multi').default(''),
    }),
  ),
}

export const serviceDeskContract = {
  /** A day's appointments by slot, pending first. */
  day: action<DeskDay>()(z.strictObject({ day: dateSchema })),
  confirm: change<DeskAppointment>()(appointmentInput),
  reject: change<DeskAppointment>()(reasonInput),
  /** To another slot of the same service; capacity-checked; the villager is told. */
  move: change<DeskAppointment>()(
    z.strictObject({ appointmentId: idSchema, slotStart: slotStartSchema, reason: text(200) }),
  ),
  checkIn: change<DeskAppointment>()(appointmentInput),
  finish: change<DeskAppointment>()(
    z.strictObject({ appointmentId: idSchema, result: text(200, 1, 'multi') }),
  ),
  markNoShow: change<DeskAppointment>()(appointmentInput),
  /** For someone without a phone; counts against capacity like any booking. */
  registerWalkIn: change<DeskAppointment>()(walkInInput),
  /** Finished matters waiting for their 回访, oldest first. */
  followUps: action<DeskAppointment[]>()(noInput),
  /** Records the 回访 and archives the matter. */
  recordFollowUp: change<DeskAppointment>()(
    z.strictObject({
      appointmentId: idSchema,
      method: z.enum(followUpMethods),
      followedUpAt: z.iso.datetime(),
      satisfaction: satisfactionSchema,
      remarks: text(200, 0, 'multi').default(''),
    }),
  ),
  blocks: action<AppointmentBlock[]>()(noInput),
  liftBlock: change<{ lifted: number }>()(z.strictObject({ userId: idSchema })),
  settings: action<CenterSettings>()(noInput),
  saveSettings: change<CenterSettings>()(centerSettingsSchema),
  /** Every service, inactive ones too. */
  services: action<Service[]>()(noInput),
  saveService: change<Service>()(serviceInput),
  plan: action<PlanDay[]>()(noInput),
  savePlan: change<PlanDay[]>()(planInput),
  closedDates: action<ClosedDate[]>()(noInput),
  addClosedDate: change<ClosedDate[]>()(z.strictObject({ day: dateSchema, reason: text(30) })),
  removeClosedDate: change<ClosedDate[]>()(z.strictObject({ day: dateSchema })),
  roster: action<DutyEntry[]>()(z.strictObject({ weekStart: dateSchema })),
  /** Replaces the week's roster. */
  saveRoster: change<DutyEntry[]>()(rosterInput),
  export: action<ExportFile>()(exportInput),
  monthFigures: action<MonthFigures>()(
    z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式不对') }),
  ),
}

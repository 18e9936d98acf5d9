import * as z from 'zod'
// Only the one locale: `z.locales` would bring every language zod has into the client bundle.
import { zhCN } from 'zod/locales'

export interface FieldError {
  /** Dotted path of the offending field, e.g. `chapters.0.title`; empty for the whole payload. */
  field: string
  message: string
}

/**
 * What people call the contract's fields, by field name: an API answer names the field with
 * these. Forms may pass their own, more precise names (第一章的标题) for whole paths.
 */
export const fieldLabels: Record<string, string> = {
  displayName: '称呼',
  villageId: '村',
  persona: '体验身份',
  ceremonyType: '事由',
  relationship: '关系',
  maxAmount: '礼金上限',
  maxTables: '酒席最多',
  maxCostPerTable: '每桌最多',
  maxCigarettePrice: '香烟每包最多',
  maxLiquorPrice: '酒每瓶最多',
  maxCars: '婚车最多',
  maxBridePrice: '彩礼最多',
  note: '说明',
  role: '身份',
  validDays: '有效天数',
  basedOnVersionNo: '所依据的版本',
  title: '标题',
  adoptedOn: '通过日期',
  preamble: '序言',
  chapters: '章节',
  articles: '条款',
  text: '条款内容',
  versionId: '村规版本',
  articleId: '条款',
  invitationId: '邀请码',
  userId: '村民',
  serviceId: '服务事项',
  slotStart: '时段',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '地址',
  proxyFor: '代办对象',
  reason: '原因',
  result: '办理结果',
  score: '评分',
  comment: '评价',
  satisfaction: '满意度',
  remarks: '备注',
  followedUpAt: '回访时间',
  method: '回访方式',
  name: '名称',
  category: '类别',
  description: '说明',
  requiredMaterials: '材料清单',
  durationMinutes: '办理时长',
  slotMinutes: '每个时段长度',
  capacity: '每个时段人数',
  openingHours: '开放时间',
  bookingWindowDays: '可预约天数',
  minNoticeMinutes: '最少提前时间',
  cancelCutoffMinutes: '取消截止时间',
  noShowLimit: '爽约次数',
  noShowWindowDays: '爽约统计天数',
  noShowBlockDays: '暂停预约天数',
  weekday: '星期',
  opens: '开门时间',
  closes: '关门时间',
  start: '开始时间',
  end: '结束时间',
  day: '日期',
  weekStart: '这一周',
  post: '职务',
  phone: '电话',
  month: '月份',
}

/**
 * Our own sentences for the problems people actually cause, worded to follow the field's name
 * ("礼金上限" + "不能大于 100000"). Anything else falls through to zod's zh-CN locale.
 * Runs while zod parses, so it still sees the input (a missing field is `undefined`).
 */
function villageMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '没有填写'
      if (issue.expected === 'number') return '要填数字'
      if (issue.expected === 'int') return '要填整数'
      if (issue.expected === 'string') return '要填文字'
      return '格式不对'
    case 'too_small': {
      const atLeast = issue.inclusive !== false
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? '不能为空' : `至少要写 ${issue.minimum} 个字`
      }
      if (issue.origin === 'array') return `至少要有 ${issue.minimum} 项`
      return atLeast ? `不能小于 ${issue.minimum}` : `要大于 ${issue.minimum}`
    }
    case 'too_big': {
      const atMost = issue.inclusive !== false
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`
      return atMost ? `不能大于 ${issue.maximum}` : `要小于 ${issue.maximum}`
    }
    case 'invalid_value':
      // Nothing picked yet is not a wrong pick.
      return issue.input === undefined ? '还没有选' : '不在可选范围内'
    case 'unrecognized_keys':
      return `有多余的内容：${issue.keys.join('、')}`
    case 'invalid_format':
      return '格式不对'
    default:
      return undefined
  }
}

// For every parse in this process, server and client: zod's Chinese, then our sentences on top.
// Messages a schema gives itself (`.regex(…, '日期格式不对')`) still win over both.
z.config({ ...zhCN(), customError: villageMessage })

/**
 * The first problem zod found as one plain-Chinese sentence naming the field.
 * Server and client share it so a form shows exactly what the API would answer.
 */
export function firstFieldError(
  error: z.ZodError,
  labels: Record<string, string> = {},
): FieldError {
  const issue = error.issues[0]
  const field = issue.path.map(String).join('.')
  const last = issue.path.length ? String(issue.path[issue.path.length - 1]) : ''
  const label = labels[field] ?? labels[last] ?? fieldLabels[last] ?? ''
  // A schema's own sentence may already start with the field's name (邀请码是 8 位字母或数字).
  const message = label && !issue.message.startsWith(label) ? label + issue.message : issue.message
  return { field, message }
}

/** Validates like the server does; returns the parsed data or the first field error. */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  labels?: Record<string, string>,
): { ok: true; data: z.output<S> } | { ok: false; error: FieldError } {
  const result = schema.safeParse(data)
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, error: firstFieldError(result.error, labels) }
}

import {
  ceremonyTypeLabels,
  relationshipLabels,
  type CeremonyType,
  type Relationship,
} from '../../../../types/ceremony'
import type { InvitationStatus } from '../../../../types/admin'
import { auditActions, type AuditAction } from '../../../../types/audit'
import { roleLabels, type Role } from '../../../../types/roles'
import { invitationStatusLabels } from '../people/format'

/** What each logged action means: every name in the contract's list has its words here. */
export const auditActionLabels: Record<AuditAction, string> = {
  'rules.publish': '发布村规',
  'ceremony.updateGiftLimit': '修改礼金标准',
  'ceremony.updateBanquetLimit': '修改酒席标准',
  'admin.createInvitation': '生成邀请码',
  'admin.revokeInvitation': '作废邀请码',
  'admin.revokeRole': '撤销身份',
  'session.joinVillage': '加入本村',
  'session.redeemInvitation': '使用邀请码',
  'village.open': '开通本村',
  'session.leaveVillage': '退出本村',
  'session.closeAccount': '注销账号',
  'admin.moveMember': '移到别的村',
  'membership.approve': '同意入村',
  'membership.decline': '不同意入村',
  'membership.setJoinPolicy': '修改入村方式',
  'ceremonyFiling.file': '红白喜事报备',
  'ceremonyFiling.acknowledge': '报备已知悉',
  'ceremonyFiling.adviseChange': '建议调整报备',
  'ceremonyFiling.assignInspector': '安排现场查看',
  'ceremonyFiling.recordCheck': '记录现场查看',
  'ceremonyFiling.close': '报备办结',
  'ceremonyFiling.updateDeadline': '修改报备期限',
  'council.fileSuggestion': '提建议',
  'council.release': '复核后公开建议',
  'council.answer': '答复建议',
  'council.decline': '不采纳建议',
  'council.createTopic': '建议列为议题',
  'council.addToTopic': '建议并入议题',
  'council.editTopic': '修改议题',
  'council.submitTopic': '议题提交预审',
  'council.preReview': '会前预审',
  'council.saveMeetingRules': '修改议事规则',
  'council.scheduleMeeting': '安排议事会议',
  'council.checkIn': '会议签到',
  'council.openMeeting': '宣布开会',
  'council.closeOut': '决议销号',
  'council.recordStatement': '记录发言',
  'council.vote': '表决',
  'council.decideTopic': '宣布表决结果',
  'council.closeMeeting': '宣布散会',
  'council.reportProgress': '报告决议进展',
  'council.rateSuggestion': '评价办理结果',
  'photos.upload': '上传照片',
  'photos.register': '上传照片',
  'photos.checked': '照片检查结果',
  'photos.release': '复核后公开照片',
  'serviceCenter.book': '预约服务',
  'serviceCenter.cancel': '取消预约',
  'serviceCenter.rate': '评价服务',
  'serviceDesk.confirm': '确认预约',
  'serviceDesk.reject': '不受理预约',
  'serviceDesk.move': '改预约时间',
  'serviceDesk.checkIn': '到场办理',
  'serviceDesk.finish': '办结',
  'serviceDesk.markNoShow': '记为未到场',
  'serviceDesk.registerWalkIn': '登记现场或电话预约',
  'serviceDesk.recordFollowUp': '记录回访',
  'serviceDesk.liftBlock': '解除预约限制',
  'serviceDesk.saveSettings': '修改服务中心设置',
  'serviceDesk.saveService': '修改服务事项',
  'serviceDesk.savePlan': '修改开放时间',
  'serviceDesk.addClosedDate': '添加休息日',
  'serviceDesk.removeClosedDate': '取消休息日',
  'serviceDesk.saveRoster': '排值班',
  'admin.saveHeldWords': '修改敏感词',
}

/** A name this build does not know yet (written by a newer server) is shown as it is. */
export function auditActionLabel(action: string): string {
  const known = (auditActions as readonly string[]).includes(action)
  return known ? auditActionLabels[action as AuditAction] : action
}

/** Names of the fields that the logged actions record before and after. */
const keyLabels: Record<string, string> = {
  ceremonyType: '事项',
  relationship: '关系',
  maxAmount: '礼金上限（元）',
  note: '说明',
  maxTables: '酒席桌数上限',
  maxCostPerTable: '每桌上限（元）',
  maxCigarettePrice: '香烟每包上限（元）',
  maxLiquorPrice: '酒每瓶上限（元）',
  maxCars: '婚车上限（辆）',
  maxBridePrice: '彩礼上限（元）',
  versionNo: '版本',
  title: '标题',
  adoptedOn: '通过日期',
  chapters: '章数',
  articles: '条数',
  role: '身份',
  roles: '身份',
  status: '状态',
  expiresAt: '有效期至',
  invitationId: '邀请码编号',
  displayName: '名字',
  villagerNo: '村民编号',
  check: '内容检查',
}

/** Enumerated values read as the words the app shows elsewhere. */
const valueLabels: Record<string, Record<string, string>> = {
  ceremonyType: ceremonyTypeLabels as Record<CeremonyType, string>,
  relationship: relationshipLabels as Record<Relationship, string>,
  role: roleLabels as Record<Role, string>,
  roles: roleLabels as Record<Role, string>,
  status: invitationStatusLabels as Record<InvitationStatus, string>,
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function scalar(value: unknown, key: string): string {
  if (value === null || value === undefined || value === '') return '（空）'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return valueLabels[key]?.[text] ?? text
}

function show(value: unknown, key: string): string {
  if (Array.isArray(value) && value.every((item) => !isRecord(item) && !Array.isArray(item))) {
    return value.length ? value.map((item) => scalar(item, key)).join('、') : '（无）'
  }
  return scalar(value, key)
}

/**
 * A logged before/after value as readable `名称：值` lines; nested objects are flattened with
 * dotted names. Nothing recorded gives no lines.
 */
export function describeValue(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined) return []
  if (!isRecord(value)) return [prefix ? `${prefix}：${show(value, prefix)}` : show(value, '')]
  return Object.entries(value).flatMap(([key, item]) => {
    const name = (prefix ? `${prefix}.` : '') + (keyLabels[key] ?? key)
    if (isRecord(item)) return describeValue(item, name)
    if (Array.isArray(item) && item.some(isRecord)) {
      return item.flatMap((element, index) => describeValue(element, `${name}[${index + 1}]`))
    }
    return [`${name}：${show(item, key)}`]
  })
}

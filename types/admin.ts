import * as z from 'zod'
import { action, change, noInput } from './api'
import type { AuditAction } from './audit'
import { idSchema, pageCursorSchema } from './common'
import { heldWordsContract } from './held-words'
import { outboxStatuses, type OutboxEntry } from './messages'
import { grantableRoles, type GrantableRole, type Role } from './roles'

export type InvitationStatus = 'active' | 'redeemed' | 'expired' | 'revoked'

export interface Invitation {
  id: string
  code: string
  role: GrantableRole
  status: InvitationStatus
  createdAt: string
  expiresAt: string
  createdByName: string
  redeemedByName: string | null
  redeemedAt: string | null
}

export interface VillagerEntry {
  userId: string
  displayName: string
  /** 村民编号: tells two people of the same name apart; null only for rows from before it existed. */
  villagerNo: number | null
  roles: Role[]
  joinedAt: string
}

export interface MovedMember {
  userId: string
  /** The village they are in now, as 仙鹤镇白鹭村. */
  villageName: string
}

export interface AuditEntry {
  id: string
  /**
   * The user's name, or 系统 for a change the system made itself, or 匿名村民 for the filer of an
   * anonymous suggestion acting on it, when the reader holds no council role.
   */
  actorName: string
  /** The actor's villager number (村民编号), so namesakes differ; null for 系统 and 匿名村民. */
  actorVillagerNo: number | null
  action: AuditAction
  target: string
  before: unknown
  after: unknown
  createdAt: string
}

/**
 * The village's QR code for its poster. In the mini-program (cloud) a 小程序码 that opens it
 * with the village chosen (scene `v=<code>`); on the gateway a QR code of the H5 link.
 */
export interface VillageQrCode {
  villageName: string
  townName: string
  /** The village's code that the QR code carries. */
  code: string
  kind: 'miniProgramCode' | 'qrCode'
  /** The H5 address the QR code holds; null for a 小程序码, which only WeChat can open. */
  link: string | null
  image: { mime: 'image/png' | 'image/jpeg'; base64: string }
}

export const adminContract = {
  createInvitation: change<Invitation>()(
    z.strictObject({ role: z.enum(grantableRoles), validDays: z.number().int().min(1).max(30) }),
  ),
  listInvitations: action<Invitation[]>()(noInput),
  revokeInvitation: change<Invitation>()(z.strictObject({ invitationId: idSchema })),
  /**
   * The village's members by villager number, a page at a time: the next page starts after the
   * last number shown (`after`); a page shorter than `limit` is the last.
   */
  listVillagers: action<VillagerEntry[]>()(
    z
      .strictObject({
        limit: z.number().int().min(1).max(100).default(50),
        after: z.number().int().min(0).optional(),
      })
      .default({ limit: 50 }),
  ),
  revokeRole: change<VillagerEntry>()(
    z.strictObject({ userId: idSchema, role: z.enum(grantableRoles) }),
  ),
  /** Moves a member who joined the wrong village to another; they arrive as an ordinary villager. */
  moveMember: change<MovedMember>()(z.strictObject({ userId: idSchema, villageId: idSchema })),
  auditLog: action<AuditEntry[]>()(
    z
      .strictObject({
        limit: z.number().int().min(1).max(100).default(50),
        before: pageCursorSchema.optional(),
      })
      .default({ limit: 50 }),
  ),
  /** The subscribe messages of the village on their way to WeChat, newest first (100 at most). */
  outbox: action<OutboxEntry[]>()(
    z.strictObject({ status: z.enum(outboxStatuses).optional() }).default({}),
  ),
  villageQrCode: action<VillageQrCode>()(noInput),
  ...heldWordsContract,
}

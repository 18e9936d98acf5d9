/**
 * Tables as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
 * Timestamps are ISO-8601 strings and dates `YYYY-MM-DD`, so both engines store them alike.
 */
export interface Database {
  towns: { id: string; name: string }
  villages: {
    id: string
    townId: string
    name: string
    intro: string
    createdAt: string
    /** Short, unique; what the village's QR code carries (0004-village-codes). */
    code: string
  }
  users: {
    id: string
    openid: string | null
    demoPersona: string | null
    displayName: string
    villageId: string | null
    createdAt: string
  }
  roleGrants: {
    id: string
    villageId: string
    userId: string
    role: string
    grantedBy: string | null
    grantedAt: string
    revokedAt: string | null
    revokedBy: string | null
  }
  sessions: {
    tokenHash: string
    userId: string
    /** WeChat's session_key: kept here, never sent to any client. */
    sessionKey: string | null
    createdAt: string
    expiresAt: string
  }
  invitations: {
    id: string
    villageId: string
    code: string
    role: string
    createdBy: string | null
    createdAt: string
    expiresAt: string
    redeemedBy: string | null
    redeemedAt: string | null
    revokedAt: string | null
  }
  rulesVersions: {
    id: string
    villageId: string
    versionNo: number
    title: string
    adoptedOn: string
    preamble: string
    publishedAt: string
    publishedBy: string | null
  }
  rulesChapters: { id: string; versionId: string; number: number; title: string }
  rulesArticles: { id: string; versionId: string; chapterId: string; number: number; text: string }
  giftLimits: {
    villageId: string
    ceremonyType: string
    relationship: string
    maxAmount: number
    note: string
    updatedAt: string
  }
  banquetLimits: {
    villageId: string
    maxTables: number
    maxCostPerTable: number
    maxCigarettePrice: number
    maxLiquorPrice: number
    maxCars: number
    maxBridePrice: number
    note: string
    updatedAt: string
  }
  ceremonyCouncilMembers: {
    villageId: string
    post: string
    holderName: string
    phone: string | null
  }
  auditLog: {
    id: string
    villageId: string
    actorId: string
    action: string
    target: string
    beforeJson: string | null
    afterJson: string | null
    createdAt: string
  }
}

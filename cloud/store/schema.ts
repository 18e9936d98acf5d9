import type { Generated } from 'kysely'
import type { ActorKind, AuditAction } from '../../types/audit'
import type { CeremonyCouncilPost, CeremonyType, Relationship } from '../../types/ceremony'
import type { GrantableRole } from '../../types/roles'
import type { PersonaKey } from '../../types/session'
import type { JoinPolicy, MembershipStatus } from '../../types/membership'
import type { MessageKind, OutboxStatus } from '../../types/messages'
import type { FilingStatus } from '../../types/ceremony-filing'
import type {
  ContentCheck,
  CouncilRating,
  SuggestionCategory,
  SuggestionStatus,
  SuggestionStepKind,
} from '../../types/council'
import type { PhotoCheck, PhotoMime, PhotoSubjectKind } from '../../types/photos'
import type {
  MeetingStatus,
  PreReviewRejection,
  ResolutionStatus,
  TopicStatus,
  VoteChoice,
} from '../../types/council-rules'
import type {
  AppointmentChannel,
  AppointmentEventKind,
  AppointmentStatus,
  FollowUpMethod,
  ServiceCategory,
} from '../../types/service-center'

/** A boolean as both engines store it (migration 0010). */
type Flag = 0 | 1

/**
 * Tables as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
 * Timestamps are ISO-8601 strings and dates `YYYY-MM-DD`, so both engines store them alike.
 * Enumerated columns carry the contract's unions (types/), and the database holds them to the
 * same lists with CHECK constraints (migration 0002), so a row read back needs no cast.
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
    /** The last villager number handed out here; joining takes the next (migration 0005). */
    lastVillagerNo: Generated<number>
    /** Whether a new member waits for approval (migration 0007). */
    joinPolicy: Generated<JoinPolicy>
    /** Bumped by triggers on every change to the service center's configuration (0016). */
    serviceConfigVersion: Generated<number>
    /** Bumped by triggers on every change to the ceremony limits (migration 0018). */
    ceremonyLimitsVersion: Generated<number>
  }
  users: {
    id: string
    openid: string | null
    demoPersona: PersonaKey | null
    displayName: string
    villageId: string | null
    /**
     * 村民编号: a short number, unique in the village, given on joining, so two people of the same
     * name can be told apart (张三（12号）). Null while there is no village, except on a closed account (below).
     */
    villagerNo: number | null
    /** Pending until the village approves them; meaningful only with a village (0007). */
    membership: Generated<MembershipStatus>
    createdAt: string
    /**
     * When the account was closed (注销, migration 0008). A closed row has no openid, persona or
     * village and is named 已注销村民; it keeps its last villager number, so the village's log
     * still tells it apart from another closed account.
     */
    closedAt: Generated<string | null>
  }
  roleGrants: {
    id: string
    villageId: string
    userId: string
    role: GrantableRole
    grantedBy: string | null
    grantedAt: string
    revokedAt: string | null
    revokedBy: string | null
  }
  sessions: {
    tokenHash: string
    userId: string
    createdAt: string
    expiresAt: string
  }
  invitations: {
    id: string
    villageId: string
    code: string
    role: GrantableRole
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
    ceremonyType: CeremonyType
    relationship: Relationship
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
    post: CeremonyCouncilPost
    holderName: string
    phone: string | null
  }
  auditLog: {
    id: string
    villageId: string
    actorKind: ActorKind
    /** Null exactly when the actor is the system (a CHECK holds the two together). */
    actorId: string | null
    /** The actor's 村民编号 in this village when the entry was written (null for the system). */
    actorVillagerNo: number | null
    action: AuditAction
    target: string
    beforeJson: string | null
    afterJson: string | null
    createdAt: string
  }
  /**
   * The answer to each changing request, under the caller's request id, so a repeated request
   * is answered again instead of done again. Rows older than a day may be removed.
   */
  requestReplays: {
    userId: string
    requestId: string
    /** `function.action`: the same id reused for another action is refused. */
    operation: string
    /** Null only inside the claiming transaction, before the answer is known. */
    answerJson: string | null
    createdAt: string
  }
  rateLimits: {
    /** Which rule counts, e.g. `session.redeemInvitation:caller`. */
    bucket: string
    /** Whom it counts: a user id, a village id or a network address. */
    key: string
    windowStart: string
    hits: number
  }
  messages: {
    id: string
    villageId: string
    recipientId: string
    kind: MessageKind
    title: string
    body: string
    link: string | null
    createdAt: string
    readAt: string | null
  }
  subscriptionGrants: { userId: string; templateId: string; remaining: number; updatedAt: string }
  outbox: {
    id: string
    messageId: string
    templateId: string
    page: string
    dataJson: string
    status: OutboxStatus
    attempts: number
    nextAttemptAt: string
    claimedAt: string | null
    claimToken: string | null
    lastError: string | null
    sentAt: string | null
    createdAt: string
  }
  /** 红白喜事报备 (migration 0013); never deleted. */
  ceremonyFilings: {
    id: string
    villageId: string
    filingYear: number
    filingNo: number
    filedBy: string
    ceremonyType: CeremonyType
    ceremonyDate: string
    place: string
    hostName: string
    tables: number
    costPerTable: number
    cigarettePrice: number
    liquorPrice: number
    cars: number
    bridePrice: number | null
    explanation: string
    /** The LimitMark[] of the day it was filed, as JSON. */
    marksJson: string
    markCount: number
    status: FilingStatus
    councilRemark: string | null
    inspectorId: string | null
    checkedOn: string | null
    checkSeen: string | null
    /** 1 kept, 0 not kept; null until the on-site check is recorded. */
    limitsKept: number | null
    checkedBy: string | null
    filedAt: string
    updatedAt: string
  }
  /** The last filing number handed out per village and year (0013). */
  ceremonyFilingCounters: { villageId: string; filingYear: number; lastNo: number }
  /** The ceremony council's filing deadlines per ceremony type (0013). */
  ceremonyFilingDeadlines: {
    villageId: string
    ceremonyType: CeremonyType
    noticeDays: number
    lateHours: number
    updatedAt: string
  }
  /** Per village: the words that hold a suggestion in demo mode, a JSON list (0011). */
  councilSettings: { villageId: string; heldWordsJson: string; updatedAt: string }
  /** A villager's suggestion to the council; never deleted (0011). */
  suggestions: {
    id: string
    villageId: string
    filedBy: string
    title: string
    body: string
    category: SuggestionCategory
    /** 1 when the author lets their name be shown publicly. */
    showName: number
    status: SuggestionStatus
    contentCheck: ContentCheck
    filedAt: string
    updatedAt: string
    /** The topic it was taken into (0014). */
    topicId: Generated<string | null>
  }
  /** Each step of a suggestion, with who took it (null: the system's content check) (0011). */
  councilEvents: {
    id: string
    villageId: string
    suggestionId: string
    kind: SuggestionStepKind
    text: string
    actorId: string | null
    at: string
    /** The rules article behind the step (0014). */
    articleId: Generated<string | null>
  }
  // The council's topics, meetings and resolutions (migration 0014).
  councilRules: {
    villageId: string
    noticeDays: number
    quorumNumerator: number
    quorumDenominator: number
    passNumerator: number
    passDenominator: number
    pointsAttending: number
    pointsSpeaking: number
    pointsTopicPassed: number
    updatedAt: string
  }
  councilTopics: {
    id: string
    villageId: string
    title: string
    background: string
    options: string
    materialsJson: string
    status: TopicStatus
    createdBy: string
    createdAt: string
    updatedAt: string
  }
  councilPreReviews: {
    id: string
    villageId: string
    topicId: string
    outcome: 'approved' | PreReviewRejection
    note: string
    law: string | null
    articleId: string | null
    reviewedBy: string
    createdAt: string
  }
  councilMeetings: {
    id: string
    villageId: string
    place: string
    startsAt: string
    status: MeetingStatus
    memberCount: number
    revision: number
    scheduledBy: string
    createdAt: string
    openedAt: string | null
    closedAt: string | null
    minutesJson: string | null
  }
  councilAgenda: {
    meetingId: string
    topicId: string
    position: number
    outcome: 'passed' | 'notPassed' | null
    votesFor: number | null
    votesAgainst: number | null
    votesAbstain: number | null
    present: number | null
    decidedAt: string | null
  }
  councilInvitees: {
    id: string
    meetingId: string
    userId: string | null
    guestName: string | null
    guestNote: string | null
    /** 1 for a council member (counted for the quorum and voting). */
    member: Flag
    checkedInAt: string | null
  }
  councilStatements: {
    id: string
    meetingId: string
    topicId: string
    inviteeId: string
    position: number
    text: string
    recordedBy: string
    createdAt: string
  }
  councilVotes: {
    id: string
    meetingId: string
    topicId: string
    memberId: string
    choice: VoteChoice
    createdAt: string
  }
  councilResolutions: {
    id: string
    villageId: string
    topicId: string
    meetingId: string
    decision: string
    executor: string
    dueOn: string
    status: ResolutionStatus
    finishedAt: string | null
    closedOutAt: string | null
    /** When the chair was told it is overdue. */
    overdueToldAt: Generated<string | null>
    createdAt: string
    updatedAt: string
  }
  councilProgress: {
    id: string
    resolutionId: string
    text: string
    finished: Flag
    reportedBy: string
    createdAt: string
  }
  councilCloseOuts: {
    resolutionId: string
    meetingId: string
    position: number
    note: string
    closedBy: string
    createdAt: string
  }
  councilRatings: {
    suggestionId: string
    villageId: string
    rating: CouncilRating
    comment: string
    createdAt: string
  }
  /** An uploaded photo: on the gateway's disk or in 云存储; never deleted (0015). */
  photos: {
    id: string
    villageId: string
    ownerId: string
    /** Its file under the data directory (gateway), or null. */
    storageKey: string | null
    /** Its 云存储 fileID (cloud function), or null. */
    fileId: string | null
    size: number
    mime: PhotoMime
    checkStatus: PhotoCheck
    /** WeChat's label with a review or risky verdict (e.g. 20002 porn). */
    checkLabel: number | null
    traceId: string | null
    /** The item it is attached to; null until then. */
    subjectKind: PhotoSubjectKind | null
    subjectId: string | null
    createdAt: string
    checkedAt: string | null
  }
  // The 党群服务中心 (migration 0010).
  serviceCenterSettings: {
    villageId: string
    address: string
    openingHours: string
    bookingWindowDays: number
    minNoticeMinutes: number
    cancelCutoffMinutes: number
    noShowLimit: number
    noShowWindowDays: number
    noShowBlockDays: number
    updatedAt: string
  }
  services: {
    id: string
    villageId: string
    name: string
    category: ServiceCategory
    description: string
    requiredMaterialsJson: string
    durationMinutes: number
    needsConfirmation: Flag
    homeVisit: Flag
    proxyService: Flag
    slotMinutes: number
    capacity: number
    active: Flag
    createdAt: string
  }
  openingPlan: {
    villageId: string
    weekday: number
    opens: string
    closes: string
    breaksJson: string
  }
  closedDates: { villageId: string; day: string; reason: string }
  /** One per booked slot: `booked <= capacity` is held by a CHECK and a conditional update. */
  slotCounters: {
    serviceId: string
    slotStart: string
    villageId: string
    capacity: number
    booked: number
  }
  appointments: {
    id: string
    villageId: string
    serviceId: string
    userId: string | null
    channel: AppointmentChannel
    slotStart: string
    slotEnd: string
    status: AppointmentStatus
    contactName: string
    contactPhone: string
    note: string
    homeVisit: Flag
    address: string
    proxyFor: string
    result: string
    remindedAt: string | null
    createdAt: string
    updatedAt: string
  }
  appointmentEvents: {
    id: string
    appointmentId: string
    villageId: string
    kind: AppointmentEventKind
    actorId: string | null
    actorName: string
    reason: string | null
    slotStart: string | null
    createdAt: string
  }
  followUps: {
    appointmentId: string
    villageId: string
    method: FollowUpMethod
    followedUpAt: string
    satisfaction: number
    remarks: string
    byId: string
    createdAt: string
  }
  ratings: {
    appointmentId: string
    villageId: string
    score: number
    comment: string
    ratedAt: string
  }
  dutyRoster: {
    id: string
    villageId: string
    day: string
    name: string
    post: string
    phone: string
  }
  appointmentBlocks: {
    id: string
    villageId: string
    userId: string
    blockedUntil: string
    noShows: number
    liftedAt: string | null
    liftedBy: string | null
    createdAt: string
  }
}

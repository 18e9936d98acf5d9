/**
 * Every kind of change the audit log records. Each changing action names its entry from this
 * list, so a new feature adds its name here (and a label in the admin's 操作日志 page) rather
 * than inventing a string. The list only grows: old entries keep their names.
 */
export const auditActions = [
  'rules.publish',
  'ceremony.updateGiftLimit',
  'ceremony.updateBanquetLimit',
  'admin.createInvitation',
  'admin.revokeInvitation',
  'admin.revokeRole',
  'session.joinVillage',
  'session.redeemInvitation',
  'village.open',
  'session.leaveVillage',
  'session.closeAccount',
  'admin.moveMember',
  'membership.approve',
  'membership.decline',
  'membership.setJoinPolicy',
  'ceremonyFiling.file',
  'ceremonyFiling.acknowledge',
  'ceremonyFiling.adviseChange',
  'ceremonyFiling.assignInspector',
  'ceremonyFiling.recordCheck',
  'ceremonyFiling.close',
  'ceremonyFiling.updateDeadline',
  'council.fileSuggestion',
  'council.release',
  'council.answer',
  'council.decline',
  'council.createTopic',
  'council.addToTopic',
  'council.editTopic',
  'council.submitTopic',
  'council.preReview',
  'council.saveMeetingRules',
  'council.scheduleMeeting',
  'council.checkIn',
  'council.openMeeting',
  'council.closeOut',
  'council.recordStatement',
  'council.vote',
  'council.decideTopic',
  'council.closeMeeting',
  'council.reportProgress',
  'council.rateSuggestion',
  'photos.upload',
  'photos.register',
  'photos.checked',
  'photos.release',
  'serviceCenter.book',
  'serviceCenter.cancel',
  'serviceCenter.rate',
  'serviceDesk.confirm',
  'serviceDesk.reject',
  'serviceDesk.move',
  'serviceDesk.checkIn',
  'serviceDesk.finish',
  'serviceDesk.markNoShow',
  'serviceDesk.registerWalkIn',
  'serviceDesk.recordFollowUp',
  'serviceDesk.liftBlock',
  'serviceDesk.saveSettings',
  'serviceDesk.saveService',
  'serviceDesk.savePlan',
  'serviceDesk.addClosedDate',
  'serviceDesk.removeClosedDate',
  'serviceDesk.saveRoster',
  'admin.saveHeldWords',
] as const
export type AuditAction = (typeof auditActions)[number]

/**
 * Who made a change: a signed-in user, or the system itself (a scheduled job, a platform
 * callback, the operator opening a village), which has no user row.
 */
export const actorKinds = ['user', 'system'] as const
export type ActorKind = (typeof actorKinds)[number]

/** How the 操作日志 names the system as an actor. */
export const systemActorName = '系统'

/** How the 操作日志 names the filer of an anonymous suggestion to a reader outside the council. */
export const anonymousFilerName = '匿名村民'

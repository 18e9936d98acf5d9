/**
 * The words of 红白喜事 both sides show: ceremony types, relationships, the council's posts.
 * Kept apart from the schemas in ./ceremony so a main-package page can show them without zod.
 */

export const ceremonyTypes = [
  'wedding',
  'funeral',
  'schoolAdmission',
  'houseWarming',
  'fullMonth',
  'longevity',
] as const
export type CeremonyType = (typeof ceremonyTypes)[number]
export const ceremonyTypeLabels: Record<CeremonyType, string> = {
  wedding: '婚嫁',
  funeral: '丧葬',
  schoolAdmission: '升学',
  houseWarming: '乔迁',
  fullMonth: '满月',
  longevity: '祝寿',
}

export const relationships = ['relative', 'neighborFriend'] as const
export type Relationship = (typeof relationships)[number]
export const relationshipLabels: Record<Relationship, string> = {
  relative: '亲属',
  neighborFriend: '邻里朋友',
}

/** The ceremony council's "二长四员". */
export const ceremonyCouncilPosts = [
  'chair',
  'supervisor',
  'inspector',
  'coordinator',
  'organizer',
  'cashier',
] as const
export type CeremonyCouncilPost = (typeof ceremonyCouncilPosts)[number]
export const ceremonyCouncilPostLabels: Record<CeremonyCouncilPost, string> = {
  chair: '理事长',
  supervisor: '监事长',
  inspector: '纪检员',
  coordinator: '协调员',
  organizer: '张罗员',
  cashier: '出纳员',
}

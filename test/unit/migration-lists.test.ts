import { actorKinds } from '../../types/audit'
import { filingStatuses } from '../../types/ceremony-filing'
import {
  contentChecks,
  councilRatings,
  suggestionCategories,
  suggestionStatuses,
} from '../../types/council'
import {
  meetingStatuses,
  preReviewRejections,
  resolutionStatuses,
  topicStatuses,
  voteChoices,
} from '../../types/council-rules'
import {
  appointmentChannels,
  appointmentEventKinds,
  appointmentStatuses,
  followUpMethods,
  serviceCategories,
} from '../../types/service-center'
import { ceremonyCouncilPosts, ceremonyTypes, relationships } from '../../types/ceremony'
import { grantableRoles } from '../../types/roles'
import { personaKeys } from '../../types/session'
import { checkedValues } from '../../cloud/store/migrations/0002-one-mutation-path'
import { checkedValues as serviceCenterChecks } from '../../cloud/store/migrations/0010-service-center'
import { checkedValues as councilChecks } from '../../cloud/store/migrations/0011-council'
import { checkedValues as filingChecks } from '../../cloud/store/migrations/0013-ceremony-filings'
import {
  checkedValues as meetingChecks,
  roleCheck,
} from '../../cloud/store/migrations/0014-council-meetings'
import { checkedValues as photoChecks } from '../../cloud/store/migrations/0015-photos'
import { photoChecks as photoCheckList, photoMimes } from '../../types/photos'

// The database's CHECK lists are literals frozen in a migration. When a list in types/ grows,
// this fails until a new migration widens the CHECK (and this test then reads that migration).
test('the CHECK lists of the latest migration match the contract’s lists', () => {
  // 0014 widened the role CHECK with villageCommittee.
  expect(roleCheck).toEqual(grantableRoles)
  expect({ ...checkedValues, role: roleCheck }).toEqual({
    role: grantableRoles,
    ceremonyType: ceremonyTypes,
    relationship: relationships,
    post: ceremonyCouncilPosts,
    persona: personaKeys,
    actorKind: actorKinds,
  })
})

test('the CHECK lists of the service center, council and filing tables match the contract’s', () => {
  expect(serviceCenterChecks).toEqual({
    category: serviceCategories,
    status: appointmentStatuses,
    channel: appointmentChannels,
    eventKind: appointmentEventKinds,
    followUpMethod: followUpMethods,
  })
  expect(councilChecks).toEqual({
    category: suggestionCategories,
    suggestionStatus: suggestionStatuses,
    contentCheck: contentChecks,
  })
  expect(filingChecks).toEqual({ ceremonyType: ceremonyTypes, filingStatus: filingStatuses })
  expect(photoChecks).toEqual({ mime: photoMimes, check: photoCheckList })
})

test('the CHECK lists of the council’s topics, meetings and resolutions match the contract’s', () => {
  expect(meetingChecks).toEqual({
    topicStatus: topicStatuses,
    preReviewOutcome: ['approved', ...preReviewRejections],
    meetingStatus: meetingStatuses,
    voteChoice: voteChoices,
    resolutionStatus: resolutionStatuses,
    rating: councilRatings,
  })
})

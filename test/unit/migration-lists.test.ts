import { actorKinds } from '../../types/audit'
import { ceremonyCouncilPosts, ceremonyTypes, relationships } from '../../types/ceremony'
import { grantableRoles } from '../../types/roles'
import { personaKeys } from '../../types/session'
import { checkedValues } from '../../cloud/store/migrations/0002-one-mutation-path'

// The database's CHECK lists are literals frozen in a migration. When a list in types/ grows,
// this fails until a new migration widens the CHECK (and this test then reads that migration).
test('the CHECK lists of the latest migration match the contract’s lists', () => {
  expect(checkedValues).toEqual({
    role: grantableRoles,
    ceremonyType: ceremonyTypes,
    relationship: relationships,
    post: ceremonyCouncilPosts,
    persona: personaKeys,
    actorKind: actorKinds,
  })
})

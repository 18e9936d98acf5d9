// A stand-in for src/services/me with a villager of 石龙村 signed in, whose name and roles each
// test sets (the council's pages differ by role):
//   jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-villager'))
//   import { signedIn } from './support/signed-in-villager'
//   beforeEach(() => Object.assign(signedIn, { name: '赵德厚', roles: ['villager', 'councilChair'] }))
export const signedIn = { name: '王建国', roles: ['villager', 'councilMember'] }

export const useMe = () => ({
  me: {
    user: { id: 'u1', displayName: signedIn.name },
    village: { id: 'v1', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
    roles: signedIn.roles,
    membership: 'approved',
    demo: true,
  },
  loading: false,
  error: null,
  refresh: jest.fn(),
})

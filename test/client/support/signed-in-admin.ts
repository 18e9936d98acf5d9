// A stand-in for src/services/me with the village admin signed in, for the admin pages' tests:
//   jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))
// The refusal for everyone else is covered in admin-index.test.tsx.
export const useMe = () => ({
  me: { user: { id: 'admin' }, village: null, roles: ['villager', 'admin'], demo: true },
  loading: false,
  error: null,
  refresh: jest.fn(),
})

// End-to-end tests: the H5 build in Debian's Chromium, driven by playwright-core, against a
// real gateway on a temporary SQLite database. Run with `npm run test:e2e` (builds H5 first).
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // One browser at a time: two cores, and screenshots are easier to read in order.
  maxWorkers: 1,
  testTimeout: 90000,
}

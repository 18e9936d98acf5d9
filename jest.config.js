// Two jest projects:
// - node:   server/API/unit tests and the build tests (test/unit, test/api, test/build)
// - client: React/Taro components in jsdom (test/client), Taro mapped to its H5 implementation
// Both use babel.config.js, which switches to a node + TypeScript + React preset when NODE_ENV=test.
// CI may add `--json --outputFile=...`; nothing here interferes with that.
const fs = require('fs')
const path = require('path')

const existing = (dirs) => dirs.filter((dir) => fs.existsSync(path.join(__dirname, dir)))
const rootsOf = (dirs) => existing(dirs).map((dir) => `<rootDir>/${dir}`)

// ESM packages that must go through Babel in the client project
const esmPackages = [
  '@tarojs',
  '@nutui',
  '@stencil',
  '@swc/helpers',
  'classnames',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'swiper',
  'ssr-window',
  'dom7',
  'nanoid',
]

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: rootsOf(['test/unit', 'test/api', 'test/build']),
      moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json', 'node'],
      transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
      // One embedded PostgreSQL for the run; each API test file makes its own database in it.
      globalSetup: '<rootDir>/test/api/support/postgres-setup.ts',
      globalTeardown: '<rootDir>/test/api/support/postgres-teardown.ts',
    },
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: rootsOf(['test/client']),
      testMatch: ['**/?(*.)+(spec|test).[jt]s?(x)'],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
      transform: { '^.+\\.m?[jt]sx?$': 'babel-jest' },
      // skip node_modules, except (anything inside) the packages above; taro-h5 ships its own
      // nested node_modules, hence "anywhere in the path"
      transformIgnorePatterns: [
        `^(?!.*/node_modules/(?:${esmPackages.join('|')})/).*/node_modules/`,
      ],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/test/client/support/taro.js',
        '\\.(css|scss|less)$': '<rootDir>/test/client/support/style-stub.js',
      },
      setupFiles: ['<rootDir>/test/client/support/setup-env.js'],
    },
  ],
}

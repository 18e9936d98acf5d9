import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

/** Refuses relative imports that climb up into the top-level folder `target`. */
function layer(target, from) {
  return {
    regex: `^(\\.\\./)+${target}(/|$)`,
    message: `${from} must not import from ${target}/: src/ and cloud/ meet only through types/.`,
  }
}

/** Client-only packages the server and the shared contract must not load. */
const clientPackages = [
  {
    group: ['@tarojs/*', '@nutui/*', 'react', 'react-dom'],
    message: 'cloud/ and types/ must not load client-only packages.',
  },
]

const browserGlobals = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'history',
  'alert',
  'wx',
].map((name) => ({ name, message: `cloud/ runs in Node, which has no ${name}.` }))

export default tseslint.config(
  { ignores: ['dist/**', 'cloudfunctions/**', 'data/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The layers meet only through types/ (README: Layout): the client never loads server code and
  // the server never loads client code; the contract loads neither.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('cloud', 'src/')] }] },
  },
  {
    files: ['cloud/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('src', 'cloud/'), ...clientPackages] }],
      // The API runs in Node (gateway or cloud function): no browser or mini-program globals.
      'no-restricted-globals': ['error', ...browserGlobals],
    },
  },
  {
    files: ['types/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('src', 'types/'), layer('cloud', 'types/'), ...clientPackages] },
      ],
      // zod's `z` object carries every locale (hundreds of KB in the cloud function); the
      // namespace import lets the bundlers keep only what is used.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "Write `import * as z from 'zod'`.",
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
)

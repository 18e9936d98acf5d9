// One Babel config for two worlds:
// - Taro builds (weapp / h5): babel-preset-taro, plus per-component NutUI imports.
// - jest (NODE_ENV=test): plain node + TypeScript + React, for cloud/, types/ and client tests.

// `import { Button } from '@nutui/nutui-react-taro'` becomes
// `import Button from '@nutui/nutui-react-taro/dist/es/packages/button'` plus
// `import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'` (only that component's CSS).
const fs = require('fs')
const path = require('path')

const nutuiDir = '@nutui/nutui-react-taro/dist/es/packages'
const nutuiComponentPath = (name) => {
  const dir = name.toLowerCase()
  const abs = path.join(__dirname, 'node_modules', nutuiDir, dir, 'index.js')
  if (!fs.existsSync(abs)) {
    throw new Error(
      `'${name}' is not a NutUI component: only components (and types) may be imported from ` +
        `'@nutui/nutui-react-taro'; import hooks/utils from their own file under ${nutuiDir}/../`,
    )
  }
  return `${nutuiDir}/${dir}`
}
const nutuiImport = [
  'import',
  {
    libraryName: '@nutui/nutui-react-taro',
    libraryDirectory: 'dist/es/packages',
    camel2DashComponentName: false,
    customName: nutuiComponentPath,
    style: (componentPath) => `${componentPath}/style/css`,
  },
  'nutui-react-taro',
]

const h5Browsers = { chrome: '70', android: '70', safari: '12.1', ios: '12.2' }

module.exports = (api) => {
  // A Taro build started from inside jest (test/build) inherits NODE_ENV=test: TARO_ENV tells it apart.
  const taroEnv = api.cache.using(() => process.env.TARO_ENV || '')
  const isTest = api.env('test') && !taroEnv
  if (isTest) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-typescript', { isTSX: false, allExtensions: false }],
        ['@babel/preset-react', { runtime: 'automatic' }],
      ],
      plugins: [nutuiImport],
    }
  }
  return {
    presets: [
      [
        'taro',
        {
          framework: taroEnv === 'h5' ? 'preact' : 'react',
          ts: true,
          compiler: 'webpack5',
          // The H5 build is compiled for browsers from late 2018 on (the language as they run it:
          // async functions, classes, spread), not for package.json's old list, which the
          // mini-program keeps: transpiled for iOS 8 every async function became a state machine
          // on a runtime of its own, bytes and time an elderly villager's slow phone waits for
          // (issue 8). The same browsers have fetch and AbortController (config/index.ts).
          ...(taroEnv === 'h5' ? { targets: h5Browsers } : {}),
        },
      ],
    ],
    plugins: [nutuiImport],
  }
}

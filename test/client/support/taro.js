// `@tarojs/taro` for jsdom tests. A real H5 build rewrites `Taro.someApi` into named imports from
// @tarojs/taro-h5, whose default export lacks most APIs; here the default export gets them all.
const h5 = require('@tarojs/taro-h5')

const base = h5.default || {}
const Taro = Object.assign(Object.create(Object.getPrototypeOf(base)), base)
for (const [name, value] of Object.entries(h5)) {
  if (name !== 'default' && !(name in Taro)) Taro[name] = value
}

module.exports = { ...h5, default: Taro, __esModule: true }

// Page lifecycle hooks come from Taro's React plugin in a real build. In jsdom a page is shown
// once, when it mounts, which its own effects already cover; a test that needs more mocks them.
for (const hook of ['useDidShow', 'useDidHide']) {
  if (typeof module.exports[hook] !== 'function') module.exports[hook] = () => undefined
}

// What Taro's build would define for an H5 bundle.
process.env.TARO_ENV = process.env.TARO_ENV || 'h5'
process.env.TARO_PLATFORM = process.env.TARO_PLATFORM || 'web'
process.env.TARO_APP_API_TRANSPORT = process.env.TARO_APP_API_TRANSPORT || 'http'
process.env.TARO_APP_API_BASE = process.env.TARO_APP_API_BASE || ''
process.env.TARO_APP_CLOUD_ENV = process.env.TARO_APP_CLOUD_ENV || ''

// Build-time constants (webpack DefinePlugin in a real build).
Object.assign(globalThis, {
  DEPRECATED_ADAPTER_COMPONENT: false,
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: false,
  ENABLE_SIZE_APIS: false,
  ENABLE_TEMPLATE_CONTENT: false,
  ENABLE_CLONE_NODE: false,
  ENABLE_CONTAINS: false,
  ENABLE_MUTATION_OBSERVER: false,
})

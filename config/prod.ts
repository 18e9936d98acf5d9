import type { UserConfigExport } from '@tarojs/cli'

// `taro build` without --watch runs with NODE_ENV=production: Terser and CSS minification are on
// by default in that mode.
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>

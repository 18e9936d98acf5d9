import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { Chunk, ChunkGraph, Module } from 'webpack'
import devConfig from './dev'
import { FirstPageChunksPlugin } from './first-page-chunks-plugin'
import { ModuleOriginsPlugin } from './module-origins-plugin'
import { weappAriaAttributes } from './weapp-aria-attributes'
import prodConfig from './prod'
import { tokenStorageKey } from '../src/services/token-key'

type Platform = 'weapp' | 'h5'

/**
 * Client env, replaced at build time (webpack DefinePlugin via Taro's `env`).
 * Values come from the shell or from `.env`, `.env.<mode>` files (Taro loads TARO_APP_* from them
 * before this file runs; the shell wins over the files).
 */
export function clientEnv(platform: Platform): Record<string, string> {
  const transport = process.env.TARO_APP_API_TRANSPORT || (platform === 'weapp' ? 'cloud' : 'http')
  if (transport !== 'http' && transport !== 'cloud') {
    throw new Error(`TARO_APP_API_TRANSPORT must be 'http' or 'cloud', got '${transport}'`)
  }
  return {
    TARO_APP_API_TRANSPORT: JSON.stringify(transport),
    TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
  }
}

/**
 * TypeScript outside src/ that client code imports: the shared API contract, and the aria-*
 * attributes the weapp build and runtime must agree on.
 */
const typesDir = path.resolve(__dirname, '..', 'types')
const sharedSources = [typesDir, path.resolve(__dirname, 'weapp-aria-attributes.ts')]

const mainPagesDir = path.resolve(__dirname, '..', 'src', 'pages') + path.sep

const holdsMainPage = new WeakMap<Chunk, boolean>()

/** In how many lazy chunks of main-package pages (src/pages/<name>/index) a module is, up to 2. */
function mainPagesUsing(module: Module, chunkGraph: ChunkGraph): number {
  let pages = 0
  for (const chunk of chunkGraph.getModuleChunksIterable(module)) {
    let holds = holdsMainPage.get(chunk)
    if (holds === undefined) {
      holds = [...chunkGraph.getChunkModulesIterable(chunk)].some((inChunk) =>
        (inChunk.nameForCondition() ?? '').startsWith(mainPagesDir),
      )
      holdsMainPage.set(chunk, holds)
    }
    if (holds) pages += 1
    if (pages >= 2) break
  }
  return pages
}

/**
 * Whether two main-package pages or more use a module. What only one of them shares with
 * subpackage pages (Taro's dialogs, used by 我的 and the forms) stays out of `shared`, which
 * every first visit downloads.
 */
function usedByMainPages(module: Module, { chunkGraph }: { chunkGraph: ChunkGraph }): boolean {
  return mainPagesUsing(module, chunkGraph) >= 2
}

/**
 * zod and the modules of types/ (the contract) that no main-package page uses: a tab page's
 * labels (types/ceremony-labels.ts) must not bring zod along with them.
 */
function contractModule(module: Module, { chunkGraph }: { chunkGraph: ChunkGraph }): boolean {
  const resource = module.nameForCondition() ?? ''
  const contract =
    /[\\/]node_modules[\\/]zod[\\/]/.test(resource) || resource.startsWith(typesDir + path.sep)
  return contract && mainPagesUsing(module, chunkGraph) === 0
}

/** What `Taro.request` imports on H5 for old browsers and JSONP; see the H5 webpackChain. */
const taroRequestExtras = [
  'whatwg-fetch',
  'abortcontroller-polyfill/dist/abortcontroller-polyfill-only',
  'jsonp-retry',
]

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = (process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp') as Platform
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'village-hall',
    date: '2025-1-1',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [
      [path.resolve(__dirname, 'weapp-aria-plugin.ts'), { attributes: weappAriaAttributes }],
    ],
    env: clientEnv(platform),
    defineConstants: {},
    copy: { patterns: [], options: {} },
    // H5 renders with Preact (through preact/compat, the same React code): about 35 KB less to
    // download before a page shows on slow village 4G (npm run measure:first-paint). The
    // mini-program keeps React, which Taro's mini-program reconciler (@tarojs/react) needs.
    framework: platform === 'h5' ? 'preact' : 'react',
    compiler: {
      type: 'webpack5',
      // Prebundle (dev/watch only) would externalise NutUI, hiding its use of
      // @tarojs/components from the mini-program template scan.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      compile: { include: sharedSources },
      webpackChain(chain) {
        // Outside dist/weapp, so it is no part of the package: read by test/build/weapp.test.ts.
        const root = path.resolve(__dirname, '..')
        chain
          .plugin('moduleOrigins')
          .use(ModuleOriginsPlugin, [path.join(root, 'dist', 'weapp-modules.json'), root])
      },
      postcss: {
        // px stay px everywhere: inline font scaling (大字模式) must match the CSS units.
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: sharedSources },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      esnextModules: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'],
      // Images as files of their own, never inlined into a script: the tab bar's ten icons made
      // app.js 3 KB (compressed) larger, bytes every first visit waited for before anything
      // showed; as files they come once the tab bar is drawn.
      imageUrlLoaderOption: { limit: true }, // Taro's way of saying: inline none
      // Scripts and styles after the loading view of src/index.html, which then paints at once.
      htmlPluginOption: { inject: 'body' },
      webpackChain(chain) {
        // Pages are lazy chunks: what several pages share goes in a chunk of its own instead of
        // being copied into every page chunk. Three kinds of them, because index.html loads `shared`
        // with the first page (see below): `shared` holds only what two main-package pages (src/pages:
        // the tabs, 村规条款, 红白喜事) or more share (PageShell, their NutUI components
        // and CSS); `contract` holds zod and the contract's schemas, which only subpackage pages
        // (forms) use; the rest the subpackage pages share (admin's NutUI components) goes in chunks
        // of its own.
        const sharedByPages = {
          chunks: 'async' as const,
          minChunks: 2,
          minSize: 0,
          reuseExistingChunk: true,
        }
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              shared: { ...sharedByPages, name: 'shared', priority: -5, test: usedByMainPages },
              contract: { ...sharedByPages, name: 'contract', priority: -8, test: contractModule },
              // Unnamed: one chunk per set of pages sharing it, so a page (sign-in on a first
              // visit) fetches only what it uses; smaller pieces stay copied in each page.
              subpackages: { ...sharedByPages, priority: -10, minSize: 10_000 },
            },
          },
        })
        // The chunks of the page being opened (首页 by default, sign-in without a session), loaded
        // alongside the entry: see the plugin. Only that page's: measured (npm run
        // measure:first-paint), adding the other tabs and sign-in to every visit made every visit
        // slower, the bandwidth they take costing more than the round trip they save.
        const src = path.resolve(__dirname, '..', 'src')
        chain.plugin('firstPageChunks').use(FirstPageChunksPlugin, [
          {
            firstPage: path.join(src, 'pages', 'home', 'index'),
            signInPage: path.join(src, 'account', 'pages', 'sign-in', 'index'),
            srcDir: src,
            tokenStorageKey,
            // Each sent early for a signed-in villager opening that page: see the plugin.
            firstCalls: {
              [path.join(src, 'pages', 'home', 'index')]: 'session.me',
              [path.join(src, 'pages', 'rules', 'index')]: 'rules.current',
            },
            apiBase: process.env.TARO_APP_API_BASE ?? '',
          },
        ])
        // Taro's H5 request brings polyfills for fetch and AbortController and a JSONP client, 24
        // KB minified (6 KB compressed) on every first visit. The browsers the H5 build is made for
        // have both (babel.config.js), and nothing here asks for JSONP: each is an empty module.
        for (const module of taroRequestExtras)
          chain.resolve.alias.set(`${module}$`, false as never)
        // Taro's component styles without the icon font nothing here draws with: see the loader.
        chain.module
          .rule('taroComponentsCss')
          .test(/@tarojs[\\/]components[\\/].*taro-components\.css$/)
          .enforce('pre')
          .use('dropWeuiFont')
          .loader(path.resolve(__dirname, 'drop-weui-font-loader.js'))
        // taro-h5 + react-dom are ~320 KiB minified; warn only when the entry grows well past that.
        chain.performance.maxEntrypointSize(450 * 1024).maxAssetSize(450 * 1024)
      },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})

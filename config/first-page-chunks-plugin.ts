import { createHash } from 'node:crypto'
import path from 'node:path'
import HtmlWebpackPlugin from 'html-webpack-plugin'
import { sources, type Chunk, type ChunkGroup, type Compilation, type Compiler } from 'webpack'
// As long as api.ts gives any request: an early call unanswered by then ends, and api.ts sends
// the call again the usual way.
import { requestTimeoutMs } from '../src/services/request-timeout'

export interface FirstPageChunksOptions {
  /** Sources without extension: the first page of app.config (首页) and the sign-in page. */
  firstPage: string
  signInPage: string
  /** The app's source folder: a page's route is its path under it (`/pages/rules/index`). */
  srcDir: string
  /** Where the app keeps its session token in localStorage (src/services/token-key.ts). */
  tokenStorageKey: string
  /**
   * A page's first API call (`fn.action`, one without input) by page source, sent by the
   * page-chunks script for a signed-in villager while the scripts download; see earlyCallScript.
   */
  firstCalls: Record<string, string>
  /** Where the API is (TARO_APP_API_BASE, '' for this origin). */
  apiBase: string
}

/** A page's source file: `<src>/pages/<name>/index.tsx` or `<src>/<subpackage>/pages/<name>/index.tsx`. */
const pageSource = /^(?:[\w-]+\/)?pages\/[\w-]+\/index$/

/**
 * Makes index.html load the lazy chunks of the page being opened (its own, and the `shared`
 * chunk of PageShell and NutUI, which every page needs) from the start, next to the entry
 * scripts, instead of after app.js has downloaded and run: on slow village 4G those are seconds
 * of waiting in a row instead of side by side.
 *
 * The chunks every first screen needs (`shared`) are in the HTML: scripts as `<script defer>` (a
 * lazy chunk only registers its modules, and webpack's runtime then finds them already there and
 * asks for nothing more), styles as `<link rel="stylesheet">`, which mini-css-extract-plugin
 * recognises and does not add again. The page's own chunks (首页's with no route in the address,
 * a link to the 村规 tab, an article) come from a small script of its own,
 * `js/page-chunks.<hash>.js` (async; the gateway's CSP allows no inline script), which reads the
 * route from the address and adds them; with no session token kept, every page leads to
 * sign-in, so it adds sign-in's. All of these go into <body> after the
 * loading view in src/index.html (htmlPluginOption.inject), and so does app.css, which
 * html-webpack-plugin puts in <head>: a stylesheet in <head> holds back the first paint until it
 * has arrived, one in <body> only what follows it.
 */
export class FirstPageChunksPlugin {
  constructor(private readonly options: FirstPageChunksOptions) {}

  apply(compiler: Compiler) {
    compiler.hooks.compilation.tap('FirstPageChunksPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(
        'FirstPageChunksPlugin',
        (data) => {
          const publicPath = String(compilation.outputOptions.publicPath ?? '/')
          const present = new Set(
            data.bodyTags
              .concat(data.headTags)
              .map((tag) => tag.attributes.src ?? tag.attributes.href),
          )
          const pages = this.pageFiles(compilation, publicPath)
          const routeOf = (source: string) =>
            `/${path.relative(this.options.srcDir, source).split(path.sep).join('/')}`
          const first = pages.get(routeOf(this.options.firstPage))
          const signIn = routeOf(this.options.signInPage)
          if (!first || !pages.has(signIn)) {
            throw new Error('FirstPageChunksPlugin: no chunk holds the first or the sign-in page')
          }
          // In the HTML: what the first page shares with sign-in (the `shared` chunk), one of the
          // two pages every visit opens. The first page's own chunk comes through the page-chunks
          // script like any page's: it is small, still in long before the entry scripts, and a
          // visit to another page (a link to the 村规 tab) no longer loads it for nothing.
          const signInFiles = new Set(pages.get(signIn))
          const fresh = first.filter((file) => signInFiles.has(file) && !present.has(file))
          const headStyles = data.headTags.filter((tag) => tag.tagName === 'link')
          data.headTags = data.headTags.filter((tag) => tag.tagName !== 'link')
          data.bodyTags.unshift(...headStyles)
          for (const file of fresh) {
            data.bodyTags.push(
              file.endsWith('.css')
                ? HtmlWebpackPlugin.createHtmlTagObject('link', { href: file, rel: 'stylesheet' })
                : HtmlWebpackPlugin.createHtmlTagObject('script', { defer: true, src: file }),
            )
            present.add(file)
          }
          // Every other page: what the HTML does not load already.
          const others: Record<string, string[]> = {}
          for (const [route, files] of pages) {
            const missing = files.filter((file) => !present.has(file))
            if (missing.length) others[route] = missing
          }
          const calls: Record<string, string> = {}
          for (const [source, call] of Object.entries(this.options.firstCalls)) {
            calls[routeOf(source)] = call
          }
          const script = pageChunksScript({
            pages: others,
            signIn,
            firstPage: routeOf(this.options.firstPage),
            tokenStorageKey: this.options.tokenStorageKey,
            calls,
            apiBase: this.options.apiBase,
          })
          const hash = createHash('sha256').update(script).digest('hex').slice(0, 8)
          const name = `js/page-chunks.${hash}.js`
          compilation.emitAsset(name, new sources.RawSource(script))
          // First of the body's tags: the browser asks for it before the large scripts, so
          // the early call and the page's chunks start as soon as possible.
          data.bodyTags.unshift(
            HtmlWebpackPlugin.createHtmlTagObject('script', {
              async: true,
              src: publicPath + name,
            }),
          )
          return data
        },
      )
    })
  }

  /** Each page's route and the JS and CSS files of the lazy chunk group that loads it. */
  private pageFiles(compilation: Compilation, publicPath: string): Map<string, string[]> {
    const pages = new Map<string, string[]>()
    for (const group of compilation.chunkGroups as ChunkGroup[]) {
      if (group.isInitial()) continue
      for (const chunk of group.chunks) {
        for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          const resource = module.nameForCondition()
          if (!resource || !resource.startsWith(this.options.srcDir + path.sep)) continue
          const source = stripExtension(path.relative(this.options.srcDir, resource))
          if (!pageSource.test(source.split(path.sep).join('/'))) continue
          const route = `/${source.split(path.sep).join('/')}`
          const files = groupFiles(group.chunks).map((file) => publicPath + file)
          // The smallest group is the page's own import(); a larger one would import it too.
          const known = pages.get(route)
          if (!known || files.length < known.length) pages.set(route, files)
        }
      }
    }
    return pages
  }
}

function groupFiles(chunks: Chunk[]): string[] {
  return chunks
    .flatMap((chunk) => [...chunk.files])
    .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
    .sort((a, b) => Number(b.endsWith('.css')) - Number(a.endsWith('.css')))
}

interface PageChunksScriptOptions {
  /** By route: the files the HTML does not load already. */
  pages: Record<string, string[]>
  signIn: string
  firstPage: string
  tokenStorageKey: string
  /** By route: the page's first call, `fn.action`. */
  calls: Record<string, string>
  apiBase: string
}

/**
 * The browser script (ES5, it runs before any polyfill): adds the chunks of the page the address
 * names (Taro's hash router: `#/pages/rules/index?…`; none: the first page), or of sign-in when
 * no session token is kept.
 *
 * For a signed-in villager it also sends that page's first API call (rules.current for the 村规
 * tab) at once, alongside the scripts, instead of after they have downloaded and run: on slow
 * village 4G one round trip less before the page shows. Only for an address with no query (a
 * page given parameters may ask for something else). The request is the one src/services/api.ts
 * makes (POST, bearer token, a random requestId; it keeps nothing, so no If-None-Match); the XHR
 * is left on `window.vhEarlyCall` for api.ts to take (src/services/early-call.ts), so there is no
 * second request.
 */
function pageChunksScript(options: PageChunksScriptOptions): string {
  const { pages, signIn, firstPage, tokenStorageKey, calls, apiBase } = options
  return `!function(){
var pages=${JSON.stringify(pages)},calls=${JSON.stringify(calls)};
var address=location.hash.slice(1).split('?');
var route=address[0]||${JSON.stringify(firstPage)};
var kept=null;
try{kept=JSON.parse(localStorage.getItem(${JSON.stringify(tokenStorageKey)})||'null')}catch(e){}
var token=kept&&kept.data;
if(!token)route=${JSON.stringify(signIn)};
var call=calls[route];
if(call&&address.length<2&&typeof token==='string'){
var at=call.indexOf('.'),xhr=new XMLHttpRequest(),id='';
for(var j=0;j<4;j++)id+=Math.floor(Math.random()*0x100000000).toString(16);
xhr.open('POST',${JSON.stringify(apiBase)}+'/api/'+call.slice(0,at));
xhr.setRequestHeader('content-type','application/json');
xhr.setRequestHeader('Authorization','Bearer '+token);
xhr.timeout=${requestTimeoutMs};
xhr.send(JSON.stringify({action:call.slice(at+1),requestId:id}));
window.vhEarlyCall={call:call,token:token,xhr:xhr}}
var files=pages[route]||[];
for(var i=0;i<files.length;i++){
var file=files[i],tag;
if(/\\.css$/.test(file)){tag=document.createElement('link');tag.rel='stylesheet';tag.href=file}
else{tag=document.createElement('script');tag.src=file}
document.body.appendChild(tag)}
}()
`
}

function stripExtension(file: string): string {
  return file.slice(0, file.length - path.extname(file).length)
}

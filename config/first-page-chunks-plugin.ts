import path from 'node:path'
import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Chunk, ChunkGroup, Compilation, Compiler } from 'webpack'

/**
 * Makes index.html load the lazy chunks of the given pages (their own, and the `shared` chunk of
 * PageShell and NutUI, which every page needs) from the start, next to the entry scripts, instead
 * of after app.js has downloaded and run: on slow village 4G those are seconds of waiting in a row
 * instead of side by side.
 *
 * Scripts get `<script defer>`: a lazy chunk only registers its modules, and webpack's runtime
 * then finds them already there and asks for nothing more. Styles get `<link rel="stylesheet">`,
 * which mini-css-extract-plugin recognises and does not add again. Both go into <body> after the
 * loading view in src/index.html (htmlPluginOption.inject), and so does app.css, which
 * html-webpack-plugin puts in <head>: a stylesheet in <head> holds back the first paint until it
 * has arrived, one in <body> only what follows it.
 */
export class FirstPageChunksPlugin {
  /** `pageFiles`: the pages' sources without extension, e.g. src/pages/home/index. */
  constructor(private readonly pageFiles: readonly string[]) {}

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
          const files = this.pageFiles.flatMap((pageFile) => {
            const found = this.pageChunkFiles(compilation, pageFile)
            if (found.length === 0) {
              throw new Error(`FirstPageChunksPlugin: no chunk holds ${pageFile}`)
            }
            return found.map((file) => publicPath + file)
          })
          const fresh = [...new Set(files)].filter((file) => !present.has(file))
          const headStyles = data.headTags.filter((tag) => tag.tagName === 'link')
          data.headTags = data.headTags.filter((tag) => tag.tagName !== 'link')
          data.bodyTags.unshift(...headStyles)
          for (const file of fresh) {
            data.bodyTags.push(
              file.endsWith('.css')
                ? HtmlWebpackPlugin.createHtmlTagObject('link', { href: file, rel: 'stylesheet' })
                : HtmlWebpackPlugin.createHtmlTagObject('script', { defer: true, src: file }),
            )
          }
          return data
        },
      )
    })
  }

  /** The JS and CSS files of the lazy chunk group that loads the page (every chunk it needs). */
  private pageChunkFiles(compilation: Compilation, pageFile: string): string[] {
    const holdsPage = (chunk: Chunk) =>
      [...compilation.chunkGraph.getChunkModulesIterable(chunk)].some((module) => {
        const resource = module.nameForCondition()
        return resource ? stripExtension(resource) === pageFile : false
      })
    const groups = compilation.chunkGroups.filter(
      (group: ChunkGroup) => !group.isInitial() && group.chunks.some(holdsPage),
    )
    // The smallest group is the page's own import(); a larger one would be a page that imports it.
    const [group] = groups.sort((a, b) => a.chunks.length - b.chunks.length)
    if (!group) return []
    return group.chunks
      .flatMap((chunk) => [...chunk.files])
      .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
      .sort((a, b) => Number(b.endsWith('.css')) - Number(a.endsWith('.css')))
  }
}

function stripExtension(file: string): string {
  return file.slice(0, file.length - path.extname(file).length)
}

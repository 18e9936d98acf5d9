import fs from 'node:fs'
import path from 'node:path'
import type { Compilation, Compiler, Module } from 'webpack'

/**
 * Per output script, where each of its webpack modules comes from: module id -> npm package, or
 * folder in the project. The weapp size test measures each module's minified bytes in the built
 * file and adds them up by origin.
 */
export type ModuleOrigins = Record<string, Record<string, string>>

/** Where a source file comes from: its npm package, else its folder (at most 3 deep). */
function origin(resource: string, root: string): string {
  const parts = resource.split(path.sep)
  const nm = parts.lastIndexOf('node_modules')
  if (nm >= 0) {
    const name = parts[nm + 1] ?? '?'
    return name.startsWith('@') ? `${name}/${parts[nm + 2]}` : name
  }
  const relative = path.relative(root, resource).split(path.sep)
  return relative.slice(0, Math.min(3, relative.length - 1)).join('/') || relative.join('/')
}

/** A module's origin; for modules webpack joined into one, the origin of most of its source. */
function moduleOrigin(module: Module, root: string): string {
  const inner = (module as Module & { modules?: Module[] }).modules
  const sizes = new Map<string, number>()
  for (const leaf of Array.isArray(inner) ? inner : [module]) {
    const resource = leaf.nameForCondition()
    const key = resource ? origin(resource, root) : '(webpack)'
    sizes.set(key, (sizes.get(key) ?? 0) + leaf.size())
  }
  return [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '(webpack)'
}

function originsOf(compilation: Compilation, root: string): ModuleOrigins {
  const origins: ModuleOrigins = {}
  for (const chunk of compilation.chunks) {
    const modules: Record<string, string> = {}
    for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
      const id = compilation.chunkGraph.getModuleId(module)
      if (id !== null) modules[String(id)] = moduleOrigin(module, root)
    }
    for (const file of chunk.files) {
      if (file.endsWith('.js')) origins[file] = modules
    }
  }
  return origins
}

/** Writes, after each build, the module origins of every script to `file` (outside the dist). */
export class ModuleOriginsPlugin {
  constructor(
    private readonly file: string,
    private readonly root: string,
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ModuleOriginsPlugin', ({ compilation }) => {
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      const origins = originsOf(compilation, this.root)
      fs.writeFileSync(this.file, `${JSON.stringify(origins, null, 2)}\n`)
    })
  }
}

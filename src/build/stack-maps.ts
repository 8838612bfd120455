import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Makes stack traces name the lab's `.ts` sources through the bundle's source maps (`<file>.map`
 * beside each `.mjs`), as `--enable-source-maps` does, but reading a map only when a trace first
 * needs it: Node's flag reads and indexes every chunk's map as the chunk loads, which the
 * processes' start would pay for (lab-up's and the daemon's) though most never print a stack.
 */
export function mapStackTraces(): void {
  const maps = new Map<string, SourceMap | undefined>()
  const mapOf = (url: string): SourceMap | undefined => {
    if (!maps.has(url)) maps.set(url, readMap(url))
    return maps.get(url)
  }
  Error.prepareStackTrace = (err: unknown, frames: NodeJS.CallSite[]) =>
    `${errorText(err)}${frames.map((f) => `\n    at ${mappedFrame(f, mapOf)}`).join('')}`
}

function readMap(url: string): SourceMap | undefined {
  try {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url
    return new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as never)
  } catch {
    // No map beside it (not a bundle's file) or one that does not parse: its frames stay.
    return undefined
  }
}

/** A frame as V8 prints it, its bundle location replaced by the source's (path:line:column). */
export function mappedFrame(
  f: NodeJS.CallSite,
  mapOf: (url: string) => SourceMap | undefined
): string {
  const text = String(f)
  try {
    const file = f.getFileName() ?? f.getScriptNameOrSourceURL()
    const line = f.getLineNumber()
    const column = f.getColumnNumber()
    if (!file?.endsWith('.mjs') || line === null || column === null) return text
    const e = mapOf(file)?.findEntry(line - 1, column - 1)
    if (!e || !('originalSource' in e)) return text
    const base = file.startsWith('file:') ? file : pathToFileURL(file).href
    const source = new URL(e.originalSource, `${base}.map`)
    const path = source.protocol === 'file:' ? fileURLToPath(source) : source.href
    const at = `${file}:${line}:${column}`
    const i = text.lastIndexOf(at)
    if (i < 0) return text
    const mapped = `${path}:${e.originalLine + 1}:${e.originalColumn + 1}`
    return `${text.slice(0, i)}${mapped}${text.slice(i + at.length)}`
  } catch {
    return text
  }
}

// The error's first line as Node prints it (Error.prototype.toString), never throwing.
function errorText(err: unknown): string {
  try {
    return Error.prototype.toString.call(err)
  } catch {
    try {
      return String(err)
    } catch {
      return '<error>'
    }
  }
}

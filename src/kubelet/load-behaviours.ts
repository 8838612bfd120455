import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  ImageBehaviourRegistry,
  type BehaviourAppSection,
  type ImageBehaviour,
} from './image-behaviours.js'
import { parseBehaviours } from './parse-behaviours.js'

/** The folder of the lab's own behaviour files (`src/kubelet/behaviours`). */
export const BUILTIN_BEHAVIOURS_DIR = fileURLToPath(new URL('./behaviours/', import.meta.url))

// The lab's bundle (src/build, BUILD_VALUES) puts here the JSON of behavioursToJson() of the
// built-in behaviours as they were when it was built (its stamps cover their files): the daemon
// then parses no YAML at its start. From the sources it stays undefined and the files are read.
const BUNDLED_BEHAVIOURS: unknown = undefined

/** Returns the paths of a folder's behaviour files (`*.yaml`), in name order. */
export function behaviourFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f))
}

/** Returns the behaviours of every `*.yaml` file of a folder, files in name order. */
export function loadBehaviourDir(dir: string): ImageBehaviour[] {
  return behaviourFiles(dir).flatMap((path) => parseBehaviours(readFileSync(path, 'utf8'), path))
}

/** Creates a registry holding the lab's built-in behaviours (generic, ONAP, Istio). */
export function defaultBehaviourRegistry(): ImageBehaviourRegistry {
  const bundled =
    typeof BUNDLED_BEHAVIOURS === 'string'
      ? behavioursFromJson(JSON.parse(BUNDLED_BEHAVIOURS) as BehaviourJson[])
      : undefined
  return new ImageBehaviourRegistry().add(bundled ?? loadBehaviourDir(BUILTIN_BEHAVIOURS_DIR))
}

/** A behaviour as plain JSON: its `app:` section's `lineOf` as the line of every path under it. */
export type BehaviourJson = Omit<ImageBehaviour, 'app'> & {
  app?: Omit<BehaviourAppSection, 'lineOf'> & { lines: Record<string, number> }
}

/**
 * Returns behaviours as JSON-safe data (behavioursFromJson reverses it, errors found later in an
 * `app:` section still naming its lines), or undefined when one holds a value JSON would change.
 */
export function behavioursToJson(bs: readonly ImageBehaviour[]): BehaviourJson[] | undefined {
  const out = bs.map(behaviourToJson)
  return sameJson(out, JSON.parse(JSON.stringify(out))) ? out : undefined
}

/** Returns the behaviours behavioursToJson gave. */
export function behavioursFromJson(js: readonly BehaviourJson[]): ImageBehaviour[] {
  return js.map(behaviourFromJson)
}

/**
 * Returns one behaviour as JSON data: its `app:` section's `lineOf` (a function over the YAML
 * document) becomes the line of every path of the section (behaviourFromJson reverses it).
 */
export function behaviourToJson({ app, ...b }: ImageBehaviour): BehaviourJson {
  if (!app) return b
  const { lineOf, ...rest } = app
  const lines: Record<string, number> = { '': lineOf('') }
  for (const path of valuePaths(app.value, '')) lines[path] = lineOf(path)
  return { ...b, app: { ...rest, lines } }
}

/** Returns the behaviour behaviourToJson gave (a path not in its line table: its parent's line). */
export function behaviourFromJson({ app, ...b }: BehaviourJson): ImageBehaviour {
  if (!app) return b
  const { lines, ...rest } = app
  const lineOf = (path: string): number => {
    for (let p = path; ; p = parentPath(p)) {
      const line = lines[p]
      if (line !== undefined) return line
      if (p === '') return 1
    }
  }
  return { ...b, app: { ...rest, lineOf } }
}

// Whether a value is unchanged by JSON (no Infinity, NaN, undefined, Date or -0 in it).
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return Object.is(a, b)
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  if (a !== null && typeof a === 'object') {
    if (Object.getPrototypeOf(a) !== Object.prototype || b === null || typeof b !== 'object')
      return false
    const ka = Object.keys(a)
    const rb = b as Record<string, unknown>
    return (
      ka.length === Object.keys(rb).length &&
      ka.every((k) => k in rb && sameJson((a as Record<string, unknown>)[k], rb[k]))
    )
  }
  return a === b
}

// Every path under a value, in lineOf's notation: `routes[0].status`.
function* valuePaths(v: unknown, at: string): Generator<string> {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const p = `${at}[${i}]`
      yield p
      yield* valuePaths(x, p)
    }
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = at ? `${at}.${k}` : k
      yield p
      yield* valuePaths(x, p)
    }
  }
}

// `routes[0].status` → `routes[0]` → `routes` → ''.
function parentPath(p: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(p)
  return m ? (m[1] ?? '') : ''
}

import { join, relative } from 'node:path'

/** What a BuildValue computed: the constant's JSON text (undefined: left unset) and its inputs. */
export interface BuiltValue {
  /** The text the constant gets in the bundle (a JSON string), or undefined to leave it unset. */
  json: string | undefined
  /** The files it was computed from, relative to the root: the bundle's stamps cover them. */
  files: string[]
  /** The folders whose file lists it read, relative to the root. */
  dirs: string[]
}

/**
 * A constant of one of the lab's modules that the bundle holds already computed from data
 * files (`const NAME: unknown = undefined` in the source, a JSON string in the bundle), so that
 * the process does not compute it at its start. From the sources the module computes it itself.
 */
export interface BuildValue {
  /** The module, relative to the root. */
  file: string
  /** The constant's name. */
  name: string
  /** Computes the constant's text from the checkout at `root`. */
  compute(root: string): Promise<BuiltValue>
}

/** The lab's build values: the built-in image behaviours, parsed (the daemon's start skips YAML). */
export const BUILD_VALUES: readonly BuildValue[] = [
  {
    file: 'src/kubelet/load-behaviours.ts',
    name: 'BUNDLED_BEHAVIOURS',
    compute: builtinBehaviours,
  },
]

async function builtinBehaviours(root: string): Promise<BuiltValue> {
  // The module itself, not the kubelet's index: that would load the whole kubelet (seconds
  // through tsx) for the three modules that parse behaviour files.
  const { behaviourFiles, behavioursToJson, loadBehaviourDir } =
    await import('../kubelet/load-behaviours.js')
  const dir = join(root, 'src', 'kubelet', 'behaviours')
  const files = behaviourFiles(dir).map((f) => relative(root, f))
  let json: string | undefined
  try {
    const value = behavioursToJson(loadBehaviourDir(dir))
    json = value && JSON.stringify(value)
  } catch {
    // A file that does not parse: left to the daemon, which reads the files at its start and
    // fails naming the file, line and field, as it does from the sources.
    json = undefined
  }
  return { json, files, dirs: [relative(root, dir)] }
}

/**
 * Returns a module's text with a build value's constant set to its computed text (on the same
 * line: line numbers stay); throws naming what to update when the module no longer declares it.
 */
export function fillBuildValue(v: BuildValue, text: string, built: BuiltValue): string {
  const decl = `const ${v.name}: unknown = undefined`
  const at = text.indexOf(decl)
  if (at < 0 || text.indexOf(decl, at + 1) >= 0)
    throw new Error(
      `failed to bundle ${v.file}: it does not declare \`${decl}\` once (update BUILD_VALUES in src/build/build-values.ts)`
    )
  if (built.json === undefined) return text
  const filled = `const ${v.name}: unknown = ${JSON.stringify(built.json)}`
  return `${text.slice(0, at)}${filled}${text.slice(at + decl.length)}`
}

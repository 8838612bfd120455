import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ImageBehaviourRegistry, type ImageBehaviour } from './image-behaviours.js'
import { parseBehaviours } from './parse-behaviours.js'

/** The folder of the lab's own behaviour files (`src/kubelet/behaviours`). */
export const BUILTIN_BEHAVIOURS_DIR = fileURLToPath(new URL('./behaviours/', import.meta.url))

/** Returns the behaviours of every `*.yaml` file of a folder, files in name order. */
export function loadBehaviourDir(dir: string): ImageBehaviour[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
  return files.flatMap((f) => {
    const path = join(dir, f)
    return parseBehaviours(readFileSync(path, 'utf8'), path)
  })
}

/** Creates a registry holding the lab's built-in behaviours (generic, ONAP, Istio). */
export function defaultBehaviourRegistry(): ImageBehaviourRegistry {
  return new ImageBehaviourRegistry().add(loadBehaviourDir(BUILTIN_BEHAVIOURS_DIR))
}

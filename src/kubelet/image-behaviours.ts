import { matchesAny } from './glob.js'

/** What a container does once started. */
export const BehaviourActions = ['serve', 'exit', 'crash', 'never-ready', 'wait-for'] as const

/** A behaviour action: `serve` runs and passes probes, `exit`/`crash` end with a code, etc. */
export type BehaviourAction = (typeof BehaviourActions)[number]

/** How a `wait-for` container (OOM's readiness-check) reads its arguments and polls. */
export interface WaitForSpec {
  /** Flags naming a container to wait for (`-c`, `--container-name`); repeatable. */
  nameFlags: string[]
  /** Flags giving the timeout in minutes (`-t`, `--timeout`). */
  timeoutFlags: string[]
  timeoutMinutes: number
  pollSeconds: number
}

/** One entry of the registry: which images it covers and what their containers do. */
export interface ImageBehaviour {
  name: string
  /** Image globs (`*` spans slashes). */
  images: string[]
  /** Container name globs; any when absent. */
  containerNames?: string[]
  /** Kinds of the pod's controller (`Job`); any when absent. */
  ownerKinds?: string[]
  /** Higher wins; among equals, the entry added last wins. */
  priority: number
  action: BehaviourAction
  /** Simulated seconds an image pull takes. */
  pullSeconds: number
  /** Seconds from start until the container answers probes (`serve`). */
  startupSeconds: number
  /** Seconds from start until the container exits (`exit`, `crash`). */
  runSeconds: number
  exitCode: number
  /** Seconds the container takes to stop after SIGTERM. */
  stopSeconds: number
  readiness: 'pass' | 'fail'
  liveness: 'pass' | 'fail'
  /** Log lines written at start; `{{pod}}`, `{{namespace}}`, `{{container}}`, `{{image}}`, `{{node}}`, `{{podIP}}` are replaced. */
  logs: string[]
  /** Log lines written when it exits on its own. */
  exitLogs: string[]
  /** Output of a failing exec probe. */
  probeOutput: string
  waitFor?: WaitForSpec
  /** Executables the image has for exec (`*`: all the lab's tools; `[]`: none, as distroless). */
  commands?: string[]
  /** Runs the container's own command/args with the lab's shell (busybox-like images). */
  runsCommand?: boolean
  /** What the container serves (`app:`), checked and run by src/apps. */
  app?: BehaviourAppSection
}

/** The raw `app:` section of an entry with where it came from, for errors naming file and line. */
export interface BehaviourAppSection {
  value: Record<string, unknown>
  /** The behaviour file (or scenario) the entry came from. */
  source: string
  /** Field path of the section in that file (`items[3].app`). */
  path: string
  /** Returns the line of a path under the section (`routes[0].status`), or of its nearest parent. */
  lineOf(path: string): number
}

/** What a pod's container is, for looking up its behaviour. */
export interface ContainerIdentity {
  image: string
  containerName: string
  /** Kind of the pod's controller owner, if any. */
  ownerKind?: string
}

/**
 * The image-behaviour registry: maps a container (image, name, owner kind) to what it does.
 * Behaviours come from data (`behaviours/*.yaml`); later issues add theirs with `add()`.
 */
export class ImageBehaviourRegistry {
  private entries: { b: ImageBehaviour; order: number }[] = []
  private next = 0
  /** Each container identity's behaviour once resolved (every pod of a Deployment asks the same). */
  private resolved = new Map<string, ImageBehaviour>()

  /** Adds behaviours; they win over earlier entries of the same priority. */
  add(behaviours: readonly ImageBehaviour[]): this {
    for (const b of behaviours) this.entries.push({ b, order: this.next++ })
    this.entries.sort((x, y) => y.b.priority - x.b.priority || y.order - x.order)
    this.resolved.clear()
    return this
  }

  /** Returns the behaviours in matching order. */
  list(): ImageBehaviour[] {
    return this.entries.map((e) => e.b)
  }

  /** Returns the behaviour of a container; throws when nothing matches (the data lacks a `*` entry). */
  resolve(c: ContainerIdentity): ImageBehaviour {
    const key = `${c.image}\n${c.containerName}\n${c.ownerKind ?? ''}`
    const known = this.resolved.get(key)
    if (known) return known
    const hit = this.entries.find(({ b }) => matches(b, c))
    if (!hit)
      throw new Error(
        `no image behaviour matches image "${c.image}" (container ${c.containerName})`
      )
    // Bounded: images and container names come from manifests, a lab has a few hundred.
    if (this.resolved.size >= 10_000) this.resolved.clear()
    this.resolved.set(key, hit.b)
    return hit.b
  }
}

function matches(b: ImageBehaviour, c: ContainerIdentity): boolean {
  if (!matchesAny(b.images, c.image)) return false
  if (b.containerNames && !matchesAny(b.containerNames, c.containerName)) return false
  if (b.ownerKinds && !(c.ownerKind && b.ownerKinds.includes(c.ownerKind))) return false
  return true
}

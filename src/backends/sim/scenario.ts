import { parse, stringify } from 'yaml'
import { parseAppOverrides, type AppOverride } from '../../apps/index.js'
import { isObject } from '../../api/types.js'
import { BEHAVIOUR_FILE_TYPE, parseBehaviours, type ImageBehaviour } from '../../kubelet/index.js'
import { parseSchedule, type ScheduleEntry } from './scenario-schedule.js'

/** What a scenario adds to a lab: images no registry has, and image behaviours. */
export interface Scenario {
  missingImages: string[]
  behaviours: ImageBehaviour[]
  /** What the user types instead of kubeadm init's printed join command (a mistyped token or hash). */
  join?: { token?: string; caCertHash?: string }
  /** Run-time changes of apps (latency, error rate, crash), from `apps:`. */
  apps: AppOverride[]
  /** Events in time, from `schedule:` (power a node off/on, delete pods, scale, change an app). */
  schedule: ScheduleEntry[]
}

const FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'missingImages',
  'behaviours',
  'join',
  'apps',
  'schedule',
])

/**
 * Returns the scenario of a `--scenario` file (`kind: Scenario`, apiVersion onap-mesh-lab/v1alpha1):
 * `missingImages` (pulls fail with ErrImagePull), `behaviours` (ImageBehaviourList items, with
 * `app:` sections), `apps` (run-time changes of apps: latency, error rate, crash) and `schedule`
 * (events at wall-clock offsets from the lab being up). Errors name the file and the field (and
 * the line, for `schedule:`).
 */
export function parseScenario(text: string, source: string): Scenario {
  const doc: unknown = parse(text)
  if (!isObject(doc)) throw new Error(`${source}: a scenario is a YAML map`)
  if (doc.apiVersion !== BEHAVIOUR_FILE_TYPE.apiVersion || doc.kind !== 'Scenario') {
    throw new Error(
      `${source}: want apiVersion ${BEHAVIOUR_FILE_TYPE.apiVersion} and kind Scenario`
    )
  }
  for (const k of Object.keys(doc))
    if (!FIELDS.has(k)) throw new Error(`${source}: unknown field "${k}"`)
  const missing = doc.missingImages ?? []
  if (!Array.isArray(missing) || !missing.every((m) => typeof m === 'string'))
    throw new Error(`${source}: missingImages must be a list of image names`)
  const items = doc.behaviours ?? []
  if (!Array.isArray(items)) throw new Error(`${source}: behaviours must be a list`)
  const behaviours = items.length
    ? parseBehaviours(stringify({ ...BEHAVIOUR_FILE_TYPE, items }), `${source} (behaviours)`)
    : []
  const join = doc.join
  if (
    join !== undefined &&
    (!isObject(join) ||
      Object.keys(join).some((k) => k !== 'token' && k !== 'caCertHash') ||
      Object.values(join).some((v) => typeof v !== 'string'))
  ) {
    throw new Error(`${source}: join takes token and caCertHash strings`)
  }
  return {
    missingImages: missing as string[],
    behaviours,
    apps: doc.apps === undefined ? [] : parseAppOverrides(doc.apps, source),
    schedule: parseSchedule(text, source),
    ...(join ? { join: join as Scenario['join'] } : {}),
  }
}

import type { BehaviourAppSection, ImageBehaviour } from '../../kubelet/index.js'
import type { Scenario } from './scenario.js'

/** An `app:` section as JSON: its `lineOf` as the line of every path under it. */
interface AppSectionJson extends Omit<BehaviourAppSection, 'lineOf'> {
  lines: Record<string, number>
}

/** A parsed scenario as plain JSON (what `lab:up` hands the daemon; `scenarioFromJson` reverses it). */
export interface ScenarioJson extends Omit<Scenario, 'behaviours'> {
  behaviours: (Omit<ImageBehaviour, 'app'> & { app?: AppSectionJson })[]
}

/**
 * Returns a parsed scenario as JSON-safe data: an `app:` section's `lineOf` (a function over the
 * YAML document) becomes the line of every path of the section, so errors found later still name
 * the scenario's lines.
 */
export function scenarioToJson(s: Scenario): ScenarioJson {
  return {
    ...s,
    behaviours: s.behaviours.map(({ app, ...b }) => {
      if (!app) return b
      const { lineOf, ...rest } = app
      const lines: Record<string, number> = { '': lineOf('') }
      for (const path of valuePaths(app.value, '')) lines[path] = lineOf(path)
      return { ...b, app: { ...rest, lines } }
    }),
  }
}

/** Returns the scenario `scenarioToJson` gave (a path not in a line table: its nearest parent's line). */
export function scenarioFromJson(j: ScenarioJson): Scenario {
  return {
    ...j,
    behaviours: j.behaviours.map(({ app, ...b }) => {
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
    }),
  }
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

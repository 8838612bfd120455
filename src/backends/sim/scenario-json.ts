import { behaviourFromJson, behaviourToJson, type BehaviourJson } from '../../kubelet/index.js'
import type { Scenario } from './scenario.js'

/** A parsed scenario as plain JSON (what `lab:up` hands the daemon; `scenarioFromJson` reverses it). */
export interface ScenarioJson extends Omit<Scenario, 'behaviours'> {
  behaviours: BehaviourJson[]
}

/**
 * Returns a parsed scenario as JSON-safe data: an `app:` section's `lineOf` (a function over the
 * YAML document) becomes the line of every path of the section, so errors found later still name
 * the scenario's lines.
 */
export function scenarioToJson(s: Scenario): ScenarioJson {
  return { ...s, behaviours: s.behaviours.map(behaviourToJson) }
}

/** Returns the scenario `scenarioToJson` gave (a path not in a line table: its nearest parent's line). */
export function scenarioFromJson(j: ScenarioJson): Scenario {
  return { ...j, behaviours: j.behaviours.map(behaviourFromJson) }
}

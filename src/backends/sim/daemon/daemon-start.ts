import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { loadLab, type LabDefinition } from '../../../cluster/index.js'
import type { BackendOptions } from '../../backend.js'
import type { StateDir } from '../../state-dir.js'
import { parseScenario, type Scenario } from '../scenario.js'
import { checkScheduleNodes } from '../scenario-schedule.js'
import { scenarioFromJson, scenarioToJson, type ScenarioJson } from '../scenario-json.js'
import type { DefinitionFiles } from '../snapshot/take-snapshot.js'

/** The state-dir file `lab:up` hands the daemon its lab in. */
export const DAEMON_START_FILE = 'daemon-start.json'

/** The options a daemon keeps: where its state is, and what its snapshots record. */
export type DaemonOptions = Pick<
  BackendOptions,
  'stateDir' | 'timeFactor' | 'seed' | 'policy' | 'auth' | 'nodeAddressOffset' | 'fromSnapshot'
>

/**
 * Everything the daemon runs its lab from, parsed by `lab:up`: the daemon reads no profile,
 * kind config or scenario file itself.
 */
export interface DaemonStart {
  options: DaemonOptions
  definition: LabDefinition
  /** The definition's files as `lab:up` read them (a snapshot keeps their text). */
  files: DefinitionFiles
  scenario?: Scenario
}

/**
 * Returns the daemon's start of the lab the options describe: the definition read (through
 * `read`) and checked, and the scenario parsed with its schedule's nodes checked against the
 * topology, so that a mistake names its file, line and field before anything starts.
 */
export function daemonStart(
  opts: BackendOptions,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8')
): DaemonStart {
  const texts = new Map<string, string>()
  const reading = (path: string) => {
    const text = read(path)
    texts.set(path, text)
    return text
  }
  const definition = loadLab(opts, reading)
  const file = (path: string) => ({ name: basename(path), text: texts.get(path) ?? reading(path) })
  let scenario: Scenario | undefined
  if (opts.scenario) {
    scenario = parseScenario(reading(opts.scenario), opts.scenario)
    const nodes = definition.topology.nodes.map((n) => n.name)
    checkScheduleNodes(scenario.schedule, nodes, opts.scenario)
  }
  return {
    options: daemonOptions(opts),
    definition,
    files: {
      kindConfig: file(opts.config),
      profile: file(opts.profile),
      ...(opts.scenario ? { scenario: file(opts.scenario) } : {}),
    },
    ...(scenario ? { scenario } : {}),
  }
}

function daemonOptions(o: BackendOptions): DaemonOptions {
  return {
    stateDir: o.stateDir,
    ...(o.timeFactor !== undefined ? { timeFactor: o.timeFactor } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.policy ? { policy: o.policy } : {}),
    ...(o.auth ? { auth: true } : {}),
    ...(o.nodeAddressOffset ? { nodeAddressOffset: o.nodeAddressOffset } : {}),
    ...(o.fromSnapshot ? { fromSnapshot: o.fromSnapshot } : {}),
  }
}

/** Writes the daemon's start file into the state dir (mode 0600); returns its path. */
export function writeDaemonStart(state: StateDir, s: DaemonStart): string {
  const { scenario, ...rest } = s
  const json = { ...rest, ...(scenario ? { scenario: scenarioToJson(scenario) } : {}) }
  state.write(DAEMON_START_FILE, `${JSON.stringify(json)}\n`, true)
  return state.path(DAEMON_START_FILE)
}

/** Reads the daemon's start file; throws naming the file when it is not one. */
export function readDaemonStart(path: string): DaemonStart {
  let json: Omit<DaemonStart, 'scenario'> & { scenario?: ScenarioJson }
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as typeof json
  } catch (err) {
    throw new Error(`failed to read the lab daemon's start file ${path}`, { cause: err })
  }
  if (typeof json.options?.stateDir !== 'string' || !json.definition?.topology || !json.files)
    throw new Error(`failed to read the lab daemon's start file ${path}: not a lab definition`)
  const { scenario, ...rest } = json
  return { ...rest, ...(scenario ? { scenario: scenarioFromJson(scenario) } : {}) }
}

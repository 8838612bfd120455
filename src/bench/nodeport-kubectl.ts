import { execFile } from 'node:child_process'
import { sleep, wallTimes, type WallTimes } from './api-probes.js'

/** One kubectl command line the bench runs, and what its row is called. */
export interface KubectlCommand {
  name: string
  args: string[]
}

/** The commands a user runs (the issue's `kubectl get pods`, in default, onap and every namespace). */
export const GET_PODS: KubectlCommand[] = [
  { name: 'kubectl get pods', args: ['get', 'pods'] },
  { name: 'kubectl get pods -n onap', args: ['get', 'pods', '-n', 'onap'] },
  { name: 'kubectl get pods -A', args: ['get', 'pods', '-A'] },
]

/** Where the time of a `kubectl get pods -A -v=9` run went, each part in ms (see kubectlTrace). */
export interface KubectlTrace {
  /** Process start to "Config loaded": the Go runtime and kubectl's own start. */
  startMs: number
  /** "Config loaded" to the request: the discovery cache read, the client built. */
  setupMs: number
  /** The request as kubectl timed it (its `milliseconds=`): dial + TLS + server + body. */
  requestMs: number
  dialMs: number
  tlsMs: number
  /** Request sent to the response's first byte (client-go's serverProcessingMilliseconds). */
  serverMs: number
  /** Response to process exit: decoding the Table, printing it, exiting. */
  afterMs: number
  wallMs: number
}

/** Percentiles of each part of the traced runs. */
export type KubectlTraceTimes = Record<keyof KubectlTrace, WallTimes>

/** What a phase's kubectl runs measured: wall times per command, all plain runs, the traces. */
export interface KubectlSamples {
  byCommand: Record<string, WallTimes>
  /** Every plain (untraced) run of every command. */
  all: WallTimes
  traced: KubectlTraceTimes
}

const DAY = 86_400_000
const KLOG_LINE = /^[IWE]\d{4} (\d\d):(\d\d):(\d\d\.\d+)\s/
const RESPONSE =
  /"Response" verb=[\s\S]*? milliseconds=(\d+)(?: dnsLookupMilliseconds=\d+)?(?: dialMilliseconds=(\d+))?(?: tlsHandshakeMilliseconds=(\d+))?(?: serverProcessingMilliseconds=(\d+))?/

/** Returns the ms since local midnight of a klog line's timestamp (undefined if not a klog line). */
function klogMs(line: string): number | undefined {
  const m = KLOG_LINE.exec(line)
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : undefined
}

/** Returns the ms since local midnight of an epoch time in ms. */
function localDayMs(epochMs: number): number {
  const d = new Date(epochMs)
  return (
    ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 +
    d.getMilliseconds() +
    (epochMs % 1)
  )
}

/**
 * Reads the stderr of one `kubectl … -v=9` run that made one request (a warm discovery cache):
 * where its wall time went. `startedAt`/`exitedAt` are epoch ms. Undefined when the log lacks
 * the lines (another kubectl version, a failed request).
 */
export function kubectlTrace(
  stderr: string,
  startedAt: number,
  exitedAt: number
): KubectlTrace | undefined {
  const lines = stderr.split('\n')
  const at = (re: RegExp) => {
    const l = lines.find((x) => re.test(x))
    return l === undefined ? undefined : klogMs(l)
  }
  const config = at(/Config loaded/)
  const request = at(/"Request"/)
  const response = at(/"Response" verb=/)
  const r = RESPONSE.exec(stderr)
  if (config === undefined || request === undefined || response === undefined || !r)
    return undefined
  // Times of day: a run across midnight wraps.
  const since = (a: number, b: number) => ((((b - a) % DAY) + DAY + DAY / 2) % DAY) - DAY / 2
  const start = localDayMs(startedAt)
  const exit = localDayMs(exitedAt)
  return {
    startMs: since(start, config),
    setupMs: since(config, request),
    requestMs: Number(r[1]),
    dialMs: Number(r[2] ?? 0),
    tlsMs: Number(r[3] ?? 0),
    serverMs: Number(r[4] ?? 0),
    afterMs: since(response, exit),
    wallMs: exitedAt - startedAt,
  }
}

function run(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<{ ok: boolean; stderr: string; startedAt: number; exitedAt: number }> {
  const startedAt = performance.timeOrigin + performance.now()
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 10_000, maxBuffer: 16 << 20 }, (err, _out, stderr) =>
      resolve({
        ok: !err,
        stderr,
        startedAt,
        exitedAt: performance.timeOrigin + performance.now(),
      })
    )
  })
}

/**
 * Runs the real kubectl as a user does, one run at a time, one start every `everyMs`, until
 * `stop()` holds: the `commands` in turn, then `get pods -A -v=9` (client-go's trace of its
 * request: dial, TLS handshake, server time), and again. Each run is bounded by 10 s.
 */
export async function sampleKubectl(
  bin: string,
  commands: KubectlCommand[],
  env: NodeJS.ProcessEnv,
  everyMs: number,
  stop: () => boolean
): Promise<KubectlSamples> {
  const ms = new Map<string, number[]>(commands.map((c) => [c.name, []]))
  const failed = new Map<string, number>()
  const traces: KubectlTrace[] = []
  let traceFailures = 0
  for (let i = 0; !stop(); i++) {
    const c = commands[i % (commands.length + 1)]
    const r = await run(bin, c ? c.args : ['get', 'pods', '-A', '-v=9'], env)
    const took = r.exitedAt - r.startedAt
    if (c) {
      if (r.ok) ms.get(c.name)!.push(took)
      else failed.set(c.name, (failed.get(c.name) ?? 0) + 1)
    } else {
      const t = r.ok ? kubectlTrace(r.stderr, r.startedAt, r.exitedAt) : undefined
      if (t) traces.push(t)
      else traceFailures++
    }
    await sleep(everyMs - took)
  }
  const byCommand: Record<string, WallTimes> = {}
  for (const [name, v] of ms) byCommand[name] = wallTimes(v, failed.get(name) ?? 0)
  const failures = [...failed.values()].reduce((a, b) => a + b, 0)
  const parts = [
    'startMs',
    'setupMs',
    'requestMs',
    'dialMs',
    'tlsMs',
    'serverMs',
    'afterMs',
    'wallMs',
  ] as const
  const traced = Object.fromEntries(
    parts.map((p) => [
      p,
      wallTimes(
        traces.map((t) => t[p]),
        traceFailures
      ),
    ])
  ) as KubectlTraceTimes
  return { byCommand, all: wallTimes([...ms.values()].flat(), failures), traced }
}

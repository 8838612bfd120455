import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request, Agent } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { daemonStart, resolveLabOptions, startDaemon, stopDaemon, StateDir } from '../lab/index.js'
import { fuzzRun } from './fuzz-run.js'

/** What the reliability bench measured. */
export interface ReliabilityBenchResult {
  /** Bytes of ConfigMap data in the watch window replayed. */
  windowMb: number
  /** Events in that window. */
  windowEvents: number
  watchers: number
  /** Watchers that received every event of the window. */
  served: number
  /** Watchers closed with a 410 Expired ERROR event. */
  expired: number
  /** Watchers neither served nor expired (should be 0). */
  failed: number
  replaySeconds: number
  /** The daemon's RSS before the replays and its peak during them, MiB. */
  rssBeforeMb: number
  rssPeakMb: number
  daemonAlive: boolean
  /** Status code → count of the fuzz run; `hang` counts requests without an answer in 5 s. */
  fuzz: Map<string, number>
  fuzzRequests: number
}

/** Options of the reliability bench (defaults: 40 ConfigMaps × 1 MB × 5 versions, 16 watchers). */
export interface ReliabilityBenchOptions {
  configMaps?: number
  bytes?: number
  versions?: number
  watchers?: number
  fuzzRequests?: number
  /** Whole bench deadline (default 60 s); the replays and the fuzz run stop at it. */
  deadlineMs?: number
}

interface Conn {
  server: URL
  caPem: string
  token: string
  agent: Agent
}

/**
 * Stands up a lab daemon, fills its watch window with large ConfigMap versions, then replays the
 * whole window to concurrent watchers while sampling the daemon's RSS; then sends a bounded run of
 * generated hostile requests and tabulates the status codes (5xx and hangs are the failures).
 */
export async function reliabilityBench(
  root: string,
  o: ReliabilityBenchOptions = {}
): Promise<ReliabilityBenchResult> {
  const configMaps = o.configMaps ?? 40
  const bytes = o.bytes ?? 1_000_000
  const versions = o.versions ?? 5
  const watchers = o.watchers ?? 16
  const deadline = Date.now() + (o.deadlineMs ?? 60_000)
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-rbench-'))
  const state = new StateDir(stateDir)
  await startDaemon(root, daemonStart(resolveLabOptions(root, { stateDir, until: 'master' }, {})))
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  try {
    const kubeconfig = readFileSync(state.kubeconfig, 'utf8')
    const c: Conn = {
      server: new URL(/server: (\S+)/.exec(kubeconfig)![1]!),
      caPem: state.read('ca.crt')!,
      token: /token: (\S+)/.exec(kubeconfig)![1]!,
      agent,
    }
    const pid = Number(state.read('pid'))
    await call(c, 'POST', '/api/v1/namespaces', { metadata: { name: 'rbench' } })
    const list = JSON.parse(
      (await call(c, 'GET', '/api/v1/namespaces/rbench/configmaps')).body
    ) as {
      metadata: { resourceVersion: string }
    }
    const from = list.metadata.resourceVersion
    const base = '/api/v1/namespaces/rbench/configmaps'
    for (let v = 0; v < versions; v++) {
      await Promise.all(
        Array.from({ length: configMaps }, (_, i) => {
          const body = { metadata: { name: `big-${i}` }, data: { blob: String(v).repeat(bytes) } }
          return v === 0 ? call(c, 'POST', base, body) : call(c, 'PUT', `${base}/big-${i}`, body)
        })
      )
    }
    const windowEvents = configMaps * versions
    const rssBeforeMb = rssMb(pid, 'VmRSS')
    let rssPeakMb = rssBeforeMb
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid, 'VmRSS'))), 50)
    const t0 = Date.now()
    const outcomes = await Promise.all(
      Array.from({ length: watchers }, () =>
        replay(c, `${base}?watch=true&resourceVersion=${from}`, windowEvents, deadline)
      )
    )
    clearInterval(sampler)
    rssPeakMb = Math.max(rssPeakMb, rssMb(pid, 'VmRSS'))
    const replaySeconds = (Date.now() - t0) / 1000
    const fuzzRequests = o.fuzzRequests ?? 600
    const fuzz = await fuzzRun(
      (method, path, body, headers) => call(c, method, path, body, 5000, headers),
      fuzzRequests,
      deadline + 30_000
    )
    return {
      windowMb: (windowEvents * bytes) / 1e6,
      windowEvents,
      watchers,
      served: outcomes.filter((x) => x === 'served').length,
      expired: outcomes.filter((x) => x === 'expired').length,
      failed: outcomes.filter((x) => x === 'failed').length,
      replaySeconds,
      rssBeforeMb,
      rssPeakMb,
      daemonAlive: state.livePid() === pid,
      fuzz,
      fuzzRequests,
    }
  } finally {
    agent.destroy()
    await stopDaemon(state)
    rmSync(stateDir, { recursive: true, force: true })
  }
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

/** Sends one request; resolves with status and body ('hang' after `timeoutMs`). */
function call(
  c: Conn,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
  headers: Record<string, string> = {}
): Promise<{ status: number | 'hang'; body: string }> {
  return new Promise((resolve, reject) => {
    const raw = body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body)
    const req = request(
      {
        host: c.server.hostname,
        port: c.server.port,
        method,
        path,
        ca: c.caPem,
        agent: c.agent,
        headers: {
          authorization: `Bearer ${c.token}`,
          ...(raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        )
        res.on('error', reject)
      }
    )
    req.setTimeout(timeoutMs, () => {
      req.destroy()
      resolve({ status: 'hang', body: '' })
    })
    req.on('error', reject)
    req.end(raw)
  })
}

/** Reads a watch to its `want`-th event (served), to a 410 ERROR (expired), or fails. */
function replay(
  c: Conn,
  path: string,
  want: number,
  deadline: number
): Promise<'served' | 'expired' | 'failed'> {
  return new Promise((resolve) => {
    let seen = 0
    // Only the head of each line is kept: its type says enough, and a 1 MB line is not copied.
    let head = ''
    const req = request(
      {
        host: c.server.hostname,
        port: c.server.port,
        path,
        ca: c.caPem,
        agent: false,
        headers: { authorization: `Bearer ${c.token}` },
      },
      (res) => {
        res.on('data', (d: Buffer) => {
          let pos = 0
          while (pos < d.length) {
            const nl = d.indexOf(10, pos)
            const end = nl < 0 ? d.length : nl
            if (head.length < 512) head += d.toString('utf8', pos, Math.min(end, pos + 512))
            if (nl < 0) return
            pos = nl + 1
            if (head.startsWith('{"type":"ERROR"'))
              return done(
                head.includes('"code":410') || head.includes('Expired') ? 'expired' : 'failed'
              )
            head = ''
            if (++seen >= want) return done('served')
          }
        })
        res.on('end', () => done(seen >= want ? 'served' : 'failed'))
        res.on('error', () => done('failed'))
      }
    )
    const timer = setTimeout(() => done('failed'), Math.max(1, deadline - Date.now()))
    const done = (x: 'served' | 'expired' | 'failed') => {
      clearTimeout(timer)
      req.destroy()
      resolve(x)
    }
    req.on('error', () => done('failed'))
    req.end()
  })
}

/** Runs the reliability bench and prints its figures (the part `npm run bench` adds). */
export async function printReliabilityBench(root: string): Promise<void> {
  console.log('Reliability (lab daemon, 16 full replays of the watch window, then a fuzz run):')
  const r = await reliabilityBench(root)
  console.log(
    `  ${r.watchers} watches from an old resourceVersion over a ${r.windowMb.toFixed(0)} MB window (${r.windowEvents} events): ` +
      `${r.served} served, ${r.expired} closed 410 Expired, ${r.failed} failed, ${r.replaySeconds.toFixed(1)} s`
  )
  console.log(
    `  daemon RSS ${r.rssBeforeMb.toFixed(0)} MiB before, peak ${r.rssPeakMb.toFixed(0)} MiB during the replays (target < 1024); daemon ${r.daemonAlive ? 'alive' : 'DEAD'}`
  )
  const codes = [...r.fuzz.entries()].sort(([a], [b]) => a.localeCompare(b))
  const total = codes.reduce((n, [, v]) => n + v, 0)
  const bad = codes.filter(([k]) => /^5|hang|reset/.test(k)).reduce((n, [, v]) => n + v, 0)
  console.log(
    `  fuzz: ${total} of ${r.fuzzRequests} generated requests: ${codes.map(([k, v]) => `${k}×${v}`).join('  ')}  (5xx/hangs/resets: ${bad})`
  )
}

import { Agent, request } from 'node:https'
import type { KubeClient } from '../client/index.js'

/** What the watch fan-out measured. */
export interface WatchFanoutResult {
  watchers: number
  events: number
  /** Seconds from the first write to the last watcher's last event. */
  seconds: number
  /** Events delivered per second over all watchers. */
  eventsPerSecond: number
  /** Watchers that saw every event, in resourceVersion order. */
  inOrder: number
}

/** Where the fan-out runs: the API server over HTTPS, and a client to make the writes with. */
export interface WatchFanoutOptions {
  server: string
  caPem: string
  token: string
  client: KubeClient
  watchers: number
  events: number
}

const CONFIGMAPS = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }

/**
 * Opens `watchers` HTTPS watches on ConfigMaps of a fresh namespace, each on its own connection,
 * creates `events` ConfigMaps, and measures how long until every watcher has every ADDED event,
 * checking each sees them in resourceVersion order. Bounded: 60 s at most, loopback only.
 */
export async function watchFanout(o: WatchFanoutOptions): Promise<WatchFanoutResult> {
  const ns = `watch-${process.pid}`
  await o.client.create(
    { apiVersion: 'v1', resource: 'namespaces', namespaced: false },
    { metadata: { name: ns } }
  )
  const agent = new Agent({ ca: o.caPem, keepAlive: false, maxSockets: o.watchers + 1 })
  const seen = Array.from({ length: o.watchers }, () => ({ count: 0, last: 0, ordered: true }))
  let resolveAll!: () => void
  const all = new Promise<void>((r) => (resolveAll = r))
  let done = 0
  const requests = seen.map((state) => {
    let opened!: () => void
    const open = new Promise<void>((r) => (opened = r))
    const req = request(
      `${o.server}/api/v1/namespaces/${ns}/configmaps?watch=1&timeoutSeconds=120`,
      { agent, headers: { authorization: `Bearer ${o.token}` } },
      (res) => {
        opened()
        let buf = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buf += chunk
          let nl = buf.indexOf('\n')
          while (nl >= 0) {
            const line = buf.slice(0, nl)
            buf = buf.slice(nl + 1)
            nl = buf.indexOf('\n')
            if (!line) continue
            const ev = JSON.parse(line) as { object: { metadata: { resourceVersion: string } } }
            const rv = Number(ev.object.metadata.resourceVersion)
            if (rv <= state.last) state.ordered = false
            state.last = rv
            if (++state.count === o.events && ++done === o.watchers) resolveAll()
          }
        })
      }
    )
    req.on('error', () => opened())
    req.end()
    return { req, open }
  })
  await Promise.all(requests.map((r) => r.open))
  const t0 = performance.now()
  for (let i = 0; i < o.events; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, o.events - i) }, (_, j) =>
        o.client.create(CONFIGMAPS, { metadata: { name: `cm-${i + j}`, namespace: ns } })
      )
    )
  }
  let timer: NodeJS.Timeout | undefined
  await Promise.race([all, new Promise((r) => (timer = setTimeout(r, 60_000)))])
  clearTimeout(timer)
  const seconds = (performance.now() - t0) / 1000
  for (const r of requests) r.req.destroy()
  agent.destroy()
  const delivered = seen.reduce((n, s) => n + s.count, 0)
  return {
    watchers: o.watchers,
    events: o.events,
    seconds,
    eventsPerSecond: delivered / seconds,
    inOrder: seen.filter((s) => s.ordered && s.count === o.events).length,
  }
}

import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import { createBridgeServer, DEFAULT_LIMITS, type BridgeLimits } from './http-bridge.js'
import type { KubeProxy } from './kube-proxy.js'
import type { Backend, ServiceEntry, ServiceTable } from './service-table.js'
import type { SimPodNetwork } from './sim-pod-network.js'
import { DEFAULT_TURN_BUDGET, TurnScheduler, type TurnBudget } from './turn-scheduler.js'

/** A node that may listen on NodePorts. */
export interface ListeningNode {
  name: string
  address: string
}

/** What the NodePort servers need. */
export interface NodePortServersOptions {
  services: ServiceTable
  network: SimPodNetwork
  proxy: KubeProxy
  /** The nodes whose kube-proxy runs now (their kubelet runs). */
  nodes: () => ListeningNode[]
  /** Reports a NodePort that cannot be opened (an Event on the Service, a log line). */
  onBindError: (svc: ServiceEntry, port: string, node: ListeningNode, err: Error) => void
  log?: (line: string) => void
  limits?: BridgeLimits
  /**
   * Data-plane work per turn of the event loop, shared by every NodePort (default
   * DEFAULT_TURN_BUDGET); `false` handles each request as soon as it is read.
   */
  turnBudget?: TurnBudget | false
}

interface Listener {
  server: Server
  node: ListeningNode
  nodePort: number
  /** `namespace/name` of the Service whose port it serves. */
  svcKey: string
}

/**
 * kube-proxy's NodePorts on real TCP sockets: for every NodePort/LoadBalancer Service port with a
 * ready endpoint (on that node, for `externalTrafficPolicy: Local`), one HTTP listener per
 * running node's address. Each connection gets its backend once, when it is accepted (iptables
 * NAT is per connection); a port with no ready endpoint has no listener, so a client's connect
 * is refused (iptables REJECT), never left hanging.
 */
export class NodePortServers {
  private o: NodePortServersOptions
  private listeners = new Map<string, Listener>()
  /** Ports that failed to bind, by `address:port`, with the Service version that tried. */
  private failed = new Map<string, string>()
  private chosen = new WeakMap<Socket, Backend>()
  private closed = false
  private scheduled = false
  private turns: TurnScheduler | undefined

  constructor(o: NodePortServersOptions) {
    this.o = o
    if (o.turnBudget !== false)
      this.turns = new TurnScheduler(o.turnBudget ?? DEFAULT_TURN_BUDGET, (err) =>
        o.log?.(`lab:kube-proxy request handling failed: ${String(err)}`)
      )
  }

  /** Returns `address:port` of every open listener. */
  open(): string[] {
    return [...this.listeners.keys()]
  }

  /** Schedules a reconcile (coalesces the bursts of informer events). */
  schedule(): void {
    if (this.scheduled || this.closed) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      this.reconcile()
    })
  }

  /** Opens the listeners that should exist and closes the others. */
  reconcile(): void {
    if (this.closed) return
    const want = new Map<
      string,
      { svc: ServiceEntry; portName: string; node: ListeningNode; nodePort: number }
    >()
    const nodes = this.o.nodes()
    for (const svc of this.o.services.all()) {
      for (const p of svc.ports) {
        if (p.nodePort === undefined || p.backends.length === 0) continue
        for (const node of nodes) {
          if (svc.local && !p.backends.some((b) => b.nodeName === node.name)) continue
          want.set(`${node.address}:${String(p.nodePort)}`, {
            svc,
            portName: p.name,
            node,
            nodePort: p.nodePort,
          })
        }
      }
    }
    for (const [key, l] of this.listeners) {
      const w = want.get(key)
      if (!w || `${w.svc.namespace}/${w.svc.name}` !== l.svcKey) this.closeListener(key, l)
    }
    for (const key of this.failed.keys()) if (!want.has(key)) this.failed.delete(key)
    for (const [key, w] of want) {
      if (this.listeners.has(key)) continue
      const version = w.svc.obj.metadata.resourceVersion ?? ''
      if (this.failed.get(key) === version) continue
      this.openListener(key, w.svc, w.portName, w.node, w.nodePort, version)
    }
  }

  /** Closes every listener and its connections. */
  async stop(): Promise<void> {
    this.closed = true
    const all = [...this.listeners.values()]
    this.listeners.clear()
    await Promise.all(
      all.map(
        (l) =>
          new Promise<void>((resolve) => {
            l.server.close(() => resolve())
            l.server.closeAllConnections()
          })
      )
    )
  }

  private openListener(
    key: string,
    svc: ServiceEntry,
    portName: string,
    node: ListeningNode,
    nodePort: number,
    version: string
  ): void {
    const svcKey = `${svc.namespace}/${svc.name}`
    const server = createBridgeServer(
      (socket, req) => {
        const b = this.chosen.get(socket)
        if (!b) return Promise.reject(new Error('connection without a backend'))
        return this.o.network.deliver(
          { kind: 'host', ip: socket.remoteAddress ?? '' },
          b.ip,
          b.port,
          req
        )
      },
      this.o.limits ?? DEFAULT_LIMITS,
      this.turns
    )
    server.on('connection', (socket: Socket) => {
      const cur = this.o.services.nodePort(nodePort)
      const b =
        cur && `${cur.svc.namespace}/${cur.svc.name}` === svcKey
          ? this.o.proxy.choose(cur.svc, cur.port, socket.remoteAddress ?? '', node.name)
          : undefined
      // No ready endpoint any more (the listener is about to close): reset, never hang.
      if (!b) socket.resetAndDestroy()
      else this.chosen.set(socket, b)
    })
    const l: Listener = { server, node, nodePort, svcKey }
    this.listeners.set(key, l)
    server.once('error', (err: Error) => {
      if (this.listeners.get(key) === l) this.listeners.delete(key)
      this.failed.set(key, version)
      this.o.onBindError(svc, portName, node, err)
    })
    server.listen(nodePort, node.address, () => {
      this.o.log?.(`lab:kube-proxy ${node.name} listens on ${key} for ${svcKey}:${portName}`)
    })
  }

  private closeListener(key: string, l: Listener): void {
    this.listeners.delete(key)
    l.server.close()
    l.server.closeIdleConnections()
  }
}

/**
 * Feeds a ContainerUsageMeter from the data plane: every request an app serves (the container
 * listening on the port, as the network picks it), with the HTTP/1.1 wire size of request and
 * response on the pods' eth0 (the proxies count their own requests through the mesh's meter).
 * Typed structurally, so the kubelet needs nothing from the network's modules.
 */
import { STATUS_CODES } from 'node:http'
import type { KubeObject } from '../api/types.js'
import type { ContainerUsageMeter } from './container-usage.js'

const SIDECAR = 'istio-proxy'

interface MeteredPod {
  namespace: string
  name: string
  ip: string
  pod: KubeObject
}

type MeteredOrigin = { kind: 'host' } | { kind: 'pod'; pod: MeteredPod }

interface MeteredMessage {
  headers: Record<string, string>
  body: Buffer
}

/** The app host's shape as the network uses it. */
export interface MeterableAppHost<P extends MeteredPod, O, Q, R> {
  serve(to: P, port: number, from: O, req: Q): Promise<R>
  listens?(to: P, port: number): boolean
}

// HTTP/1.1 writes the request line and headers as latin1 (Node.js refuses other characters
// there), one byte per character: their size on the wire is their length.
function headerBytes(h: Record<string, string>): number {
  let n = 2
  for (const k in h) n += k.length + h[k]!.length + 4
  return n
}

/**
 * Returns the HTTP/1.1 size of a request on the wire (request line, headers, body); a body whose
 * length is known without its bytes (`bodyLength`, a lazily serialized JSON body) is not made.
 */
export function requestWireBytes(
  r: MeteredMessage & { method: string; path: string; readonly bodyLength?: number }
): number {
  return (
    r.method.length + r.path.length + 12 + headerBytes(r.headers) + (r.bodyLength ?? r.body.length)
  )
}

/** Returns the HTTP/1.1 size of a response on the wire (status line, headers, body). */
export function responseWireBytes(r: MeteredMessage & { status: number }): number {
  const line = `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}\r\n`
  return line.length + headerBytes(r.headers) + r.body.length
}

/** Returns the container of a pod that serves `port` (declared port, else the first app container). */
export function servingContainer(pod: KubeObject, port: number): string {
  const spec = pod.spec as { containers?: { name: string; ports?: { containerPort?: number }[] }[] }
  const cs = spec?.containers ?? []
  const declared = cs.find((c) => c.ports?.some((p) => p.containerPort === port))
  return (declared ?? cs.find((c) => c.name !== SIDECAR) ?? cs[0])?.name ?? ''
}

/** Wraps an app host so that every request it serves is counted on the meter. */
export function meterAppHost<
  P extends MeteredPod,
  O extends MeteredOrigin,
  Q extends MeteredMessage & { method: string; path: string; readonly bodyLength?: number },
  R extends MeteredMessage & { status: number },
>(host: MeterableAppHost<P, O, Q, R>, meter: ContainerUsageMeter): MeterableAppHost<P, O, Q, R> {
  return {
    serve: async (to, port, from, req) => {
      const container = servingContainer(to.pod, port)
      const inBytes = requestWireBytes(req)
      const settle = meter.begin(to.namespace, to.name, container, inBytes)
      let res: R
      try {
        res = await host.serve(to, port, from, req)
      } finally {
        settle()
      }
      const outBytes = responseWireBytes(res)
      meter.handled(to.namespace, to.name, container, inBytes, outBytes)
      // Traffic inside one pod stays on its loopback, not eth0.
      const local = from.kind === 'pod' && from.pod.ip === to.ip
      if (!local) {
        meter.traffic(to.namespace, to.name, inBytes, outBytes)
        if (from.kind === 'pod') meter.traffic(from.pod.namespace, from.pod.name, outBytes, inBytes)
      }
      return res
    },
    ...(host.listens ? { listens: (to: P, port: number) => host.listens!(to, port) } : {}),
  }
}

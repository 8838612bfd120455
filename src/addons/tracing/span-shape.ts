/**
 * What one proxy's spans share from request to request: its side of the call, its endpoint and
 * the report's strings that name the route (node id, host, path, method, user agent, upstream
 * cluster, flags). A proxy serving one route makes one shape and every span points at it, so a
 * kept span holds only what differs per request (ids, times, sizes, status).
 */
import type { RequestReport, WorkloadAttrs } from '../mesh-types.js'

/** The strings a proxy's spans share, and the JSON length they add to each span. */
export class SpanShape {
  /** `client` for the caller's proxy (cs/cr), `server` for the callee's (sr/ss). */
  readonly kind: 'client' | 'server'
  /** The reporting proxy's side of the request (the mesh keeps one object per pod). */
  readonly self: WorkloadAttrs
  /** The endpoint's serviceName: the proxy's `--serviceCluster` (the pod's `app`, else `istio-proxy`). */
  readonly serviceName: string
  /** The proxy's pod IP (the endpoint's ipv4). */
  readonly ipv4: string | undefined
  /** The operation name (the route decorator). */
  readonly name: string
  readonly nodeId: string
  readonly host: string
  readonly path: string
  readonly method: string
  readonly userAgent: string
  readonly upstreamCluster: string
  readonly responseFlags: string
  private readonly app: string
  /** The UTF-8 length these strings add to a span's JSON (zipkin-json-length), once counted. */
  jsonLength: number | undefined = undefined

  constructor(r: RequestReport, kind: 'client' | 'server', self: WorkloadAttrs) {
    this.kind = kind
    this.self = self
    this.app = self.app
    this.serviceName = self.app && self.app !== 'unknown' ? self.app : 'istio-proxy'
    this.ipv4 = self.ip
    this.name = r.operation
    this.nodeId = r.nodeId
    this.host = r.host
    this.path = r.path
    this.method = r.method
    this.userAgent = r.userAgent
    this.upstreamCluster = r.upstreamCluster
    this.responseFlags = r.responseFlags
  }

  /** Whether a report of the same proxy and side (`self`) has these strings. */
  fits(r: RequestReport, self: WorkloadAttrs): boolean {
    return (
      this.path === r.path &&
      this.host === r.host &&
      this.nodeId === r.nodeId &&
      this.name === r.operation &&
      this.upstreamCluster === r.upstreamCluster &&
      this.method === r.method &&
      this.userAgent === r.userAgent &&
      this.responseFlags === r.responseFlags &&
      this.app === self.app &&
      this.ipv4 === self.ip
    )
  }
}

// Each proxy's last shape of each side, by its workload object (one per pod): the next report
// of that proxy and side whose strings are the same shares it.
const lastOf = new WeakMap<WorkloadAttrs, { client?: SpanShape; server?: SpanShape }>()

/** Returns the shape of a report's span: the proxy's last one when its strings are the same. */
export function shapeOf(r: RequestReport): SpanShape {
  const client = r.reporter === 'source'
  const self = client ? r.source : r.destination
  let sides = lastOf.get(self)
  if (!sides) lastOf.set(self, (sides = {}))
  const last = client ? sides.client : sides.server
  if (last?.fits(r, self)) return last
  const shape = new SpanShape(r, client ? 'client' : 'server', self)
  if (client) sides.client = shape
  else sides.server = shape
  return shape
}

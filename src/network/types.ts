/**
 * The data plane's shared vocabulary (see ../shared/design.md "The data plane"): an HTTP exchange
 * as it travels between the host, pods and sidecars in the simulated network, the errors a socket
 * gives, and the hooks through which the mesh (sidecars) and the apps plug into the request path.
 * Traffic between pods is simulated in-process; only NodePorts, port-forwards and the API server
 * are host sockets.
 */
import type { KubeObject } from '../api/types.js'

/** One HTTP request in flight. Header names are lower-case; repeated headers are joined by ", ". */
export interface HttpRequest {
  method: string
  /** Path and query, as on the request line (`/api/multicloud/v0/swagger.json?x=1`). */
  path: string
  /** Authority the client addressed (the Host header without a default port). */
  authority: string
  headers: Record<string, string>
  body: Buffer
  /**
   * The JSON value `body` is the serialization of, when an in-process sender gave one
   * (`FetchInit.json`): `body` is then serialized on its first read, and a receiver in the same
   * process may take this value instead of parsing the bytes. It is not enumerable, so a copied
   * or altered request carries its bytes only.
   */
  readonly json?: unknown
}

/**
 * Returns a request whose body is `JSON.stringify(value)`, serialized only when something reads
 * `body` (a real socket, a receiver that parses); `json` holds the value itself.
 */
export function jsonRequest(head: Omit<HttpRequest, 'body' | 'json'>, value: unknown): HttpRequest {
  let bytes: Buffer | undefined
  const req = { ...head } as HttpRequest
  Object.defineProperty(req, 'body', {
    enumerable: true,
    configurable: true,
    get: () => (bytes ??= Buffer.from(JSON.stringify(value))),
    set: (b: Buffer) => {
      // Replaced bytes no longer say what `json` says.
      bytes = b
      delete (req as { json?: unknown }).json
    },
  })
  Object.defineProperty(req, 'json', { value, enumerable: false, configurable: true })
  return req
}

/**
 * Returns a copy of a header map to add headers to. (`{ ...headers }` then adding keys costs ten
 * times as much in V8: the spread's copy is slow to extend.)
 */
export function copyHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k in headers) out[k] = headers[k]!
  return out
}

/** One HTTP response. Header names are lower-case. */
export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Socket-level failures, named by the errno a real client sees (curl exit code in brackets). */
export const NetErrorCodes = {
  /** DNS lookup failed (curl 6, `Could not resolve host`, `getaddrinfo ENOTFOUND`). */
  notFound: 'ENOTFOUND',
  /** Nothing listens / iptables REJECT (curl 7). */
  refused: 'ECONNREFUSED',
  /** The peer reset the connection (curl 56), e.g. a plaintext client against mTLS STRICT. */
  reset: 'ECONNRESET',
  /** No answer in time (curl 28). */
  timedOut: 'ETIMEDOUT',
} as const

/** A socket-level failure code. */
export type NetErrorCode = (typeof NetErrorCodes)[keyof typeof NetErrorCodes]

/**
 * Thrown by the network when a request gets no HTTP response at all. It is an expected outcome
 * (an errno), not a bug: it carries no stack trace, whose capture costs more than the simulated
 * request it ends (tens of µs under tsx).
 */
export class NetError extends Error {
  readonly code: NetErrorCode
  constructor(code: NetErrorCode, message: string) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = limit
    this.code = code
    this.name = 'NetError'
  }
}

/** A pod as the network knows it (from the pod informer). */
export interface PodEndpointInfo {
  namespace: string
  name: string
  ip: string
  nodeName: string
  labels: Record<string, string>
  serviceAccount: string
  /** True when the pod has an `istio-proxy` container (injected sidecar). */
  hasSidecar: boolean
  pod: KubeObject
}

/** Where a request starts: the host (NodePort, port-forward, a user's curl) or a pod. */
export type Origin =
  | { kind: 'host'; /** The client's address as the node sees it. */ ip: string }
  | { kind: 'pod'; pod: PodEndpointInfo; container: string }

/** A resolved destination: a pod's IP and port, as chosen by kube-proxy or a sidecar's load balancer. */
export interface Target {
  ip: string
  port: number
}

/**
 * What a sidecar does to a request. The network calls `outbound` for a request leaving a pod
 * whose sidecar captures it (istio-init's iptables), and `inbound` for one arriving at such a pod.
 * `next` continues the path without the sidecar (outbound: kube-proxy + delivery to a target the
 * sidecar may choose; inbound: the app). The mesh implements this; without it, both pass through.
 */
export interface SidecarHooks {
  outbound(
    from: PodEndpointInfo,
    dest: { host: string; ip: string; port: number },
    req: HttpRequest,
    next: (target: Target | undefined, req: HttpRequest) => Promise<HttpResponse>
  ): Promise<HttpResponse>
  inbound(
    to: PodEndpointInfo,
    port: number,
    from: Origin,
    req: HttpRequest,
    next: (req: HttpRequest) => Promise<HttpResponse>
  ): Promise<HttpResponse>
}

/** Returns hooks that pass every request through untouched (a pod without a sidecar). */
export function passThroughHooks(): SidecarHooks {
  return {
    outbound: (_from, _dest, req, next) => next(undefined, req),
    inbound: (_to, _port, _from, req, next) => next(req),
  }
}

/** Options of a request a pod (or the host) sends. */
export interface FetchInit {
  method?: string
  headers?: Record<string, string>
  body?: Buffer | string
  /** A JSON value to send instead of `body` (see `jsonRequest`); keep it unchanged once sent. */
  json?: unknown
  /** Gives up with `ETIMEDOUT` after this many wall-clock ms. */
  timeoutMs?: number
}

/** The network as an app (or `npx mesh-lab curl`, or `kubectl exec … curl`) uses it. */
export interface PodNetwork {
  /**
   * Sends a request from `origin` to `url` (http only): resolves the host with the origin pod's
   * DNS search path (the host resolves node addresses and IPs only), goes through the origin's
   * sidecar when it has one, then kube-proxy or the sidecar's choice, then the target's inbound.
   * Throws NetError when no response comes.
   */
  fetch(origin: Origin, url: string, init?: FetchInit): Promise<HttpResponse>
}

/** What an app handler sees of the world it runs in. */
export interface AppContext {
  pod: PodEndpointInfo
  container: string
  port: number
  /** Where this request came from (a pod, or the host through a NodePort/port-forward). */
  from: Origin
  /** Sends a request from this pod (through its sidecar when it has one). */
  fetch(url: string, init?: FetchInit): Promise<HttpResponse>
  /** Writes a line to this container's log. */
  log(line: string): void
}

/** Answers one request on one container port; code for built-in apps (msb-iag, telemetry, …). */
export type AppHandler = (req: HttpRequest, ctx: AppContext) => Promise<HttpResponse>

/** Delivers a request to the app serving `port` in a pod; throws NetError(refused) when none does. */
export interface AppHost {
  serve(to: PodEndpointInfo, port: number, from: Origin, req: HttpRequest): Promise<HttpResponse>
  /**
   * Returns whether a running container of the pod listens on the port, for connections that
   * must be refused at once (a port-forward); absent: assume it does.
   */
  listens?(to: PodEndpointInfo, port: number): boolean
}

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
  /**
   * The body's length in bytes when it is known without reading `body`: a `jsonRequest` computes
   * it once from its JSON text, so a meter need not make the bytes. Absent: `body.length`.
   */
  readonly bodyLength?: number
}

/**
 * The key under which a JSON value may carry its own serializer: a function returning exactly
 * `JSON.stringify(value)`, written from the value's fields (no intermediate JSON form).
 * `jsonRequest` serializes such a value with it.
 */
export const jsonTextKey: unique symbol = Symbol('jsonText')

/**
 * The key under which a self-serializing value may also say how many bytes (UTF-8) its JSON text
 * has, counted from its fields without writing the text.
 */
export const jsonLengthKey: unique symbol = Symbol('jsonLength')

/** A value that serializes itself (see `jsonTextKey`, `jsonLengthKey`). */
export interface SelfSerializing {
  [jsonTextKey](): string
  [jsonLengthKey]?(): number
}

function jsonTextOf(value: unknown): string {
  const own = (value as Partial<SelfSerializing> | null | undefined)?.[jsonTextKey]
  return typeof own === 'function' ? own.call(value) : JSON.stringify(value)
}

function jsonLengthOf(value: unknown): number | undefined {
  const own = (value as Partial<SelfSerializing> | null | undefined)?.[jsonLengthKey]
  return typeof own === 'function' ? own.call(value) : undefined
}

// A JSON request's body state, under a symbol key: its value (until bytes replace it), and the
// text, bytes and length made of it, each at most once.
const JSON_BODY = Symbol('jsonBody')

interface JsonBody {
  value: unknown
  replaced: boolean
  text?: string | undefined
  bytes?: Buffer | undefined
  length?: number | undefined
}

function bytesOf(b: JsonBody): Buffer {
  if (!b.bytes) {
    b.bytes = Buffer.from(b.text ?? jsonTextOf(b.value))
    b.text = undefined
  }
  return b.bytes
}

// `json` and `bodyLength` live on the prototype (not enumerable, so neither is carried into a
// `{ ...req }` copy); `body` is an own enumerable accessor, so a copy gets the bytes. (A class
// with one shared accessor descriptor: an object literal with accessors and a spread costs three
// times as much to make, on every span POST.)
class JsonRequest {
  method: string
  path: string
  authority: string
  headers: Record<string, string>;
  [JSON_BODY]: JsonBody
  declare body: Buffer

  constructor(head: Omit<HttpRequest, 'body' | 'json' | 'bodyLength'>, value: unknown) {
    this.method = head.method
    this.path = head.path
    this.authority = head.authority
    this.headers = head.headers
    this[JSON_BODY] = { value, replaced: false }
    Object.defineProperty(this, 'body', OWN_BODY)
  }

  get json(): unknown {
    const b = this[JSON_BODY]
    return b.replaced ? undefined : b.value
  }

  get bodyLength(): number {
    const b = this[JSON_BODY]
    if (b.bytes) return b.bytes.length
    // Counted by the value itself when it can, else from the JSON text (then kept for `body`).
    return (b.length ??=
      jsonLengthOf(b.value) ?? Buffer.byteLength((b.text ??= jsonTextOf(b.value)), 'utf8'))
  }
}

// (Defined with `defineProperty`: `defineProperties` walks its descriptor map on every call and
// costs 2½ times as much.)
const OWN_BODY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: JsonRequest): Buffer {
    return bytesOf(this[JSON_BODY])
  },
  set(this: JsonRequest, bytes: Buffer) {
    // Replaced bytes no longer say what `json` says.
    const state = this[JSON_BODY]
    state.bytes = bytes
    state.text = undefined
    state.replaced = true
  },
}

/**
 * Returns a request whose body is `JSON.stringify(value)`, serialized only when something reads
 * `body` (a real socket, a receiver that parses); `json` holds the value itself, `bodyLength` the
 * body's length, computed once without making the bytes.
 */
export function jsonRequest(
  head: Omit<HttpRequest, 'body' | 'json' | 'bodyLength'>,
  value: unknown
): HttpRequest {
  return new JsonRequest(head, value)
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

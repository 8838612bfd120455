import type { KubeClient } from '../client/index.js'
import type { AppHandler, FetchInit, HttpResponse, PodEndpointInfo } from '../network/index.js'
import type { Clock } from '../util/index.js'

/** A latency distribution in wall-clock ms: fixed, uniform between min and max, or normal. */
export type LatencySpec =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; stddev: number }

/** A call an app makes to another service while answering a route. */
export interface CallSpec {
  method: string
  /** URL template (`http://multicloud.{{namespace}}:9001/api/multicloud/v0/swagger.json`). */
  url: string
  headers: Record<string, string>
}

/** One route of a data-defined app: a method and path pattern and what it answers. */
export interface RouteSpec {
  /** HTTP method, or `*` for any. */
  method: string
  /** Path pattern: exact, `{name}` for one segment, a trailing `*` for any rest. */
  path: string
  status: number
  headers: Record<string, string>
  /** Body template: `{{pod}}`, `{{namespace}}`, `{{node}}`, `{{podIP}}`, `{{container}}`, `{{version}}`, `{{method}}`, `{{path}}`, `{{param.<name>}}`, `{{header.<name>}}`. */
  body: string
  latency?: LatencySpec
  /** Fraction of requests (0–1) answered with `errorStatus` instead. */
  errorRate: number
  errorStatus: number
  calls: CallSpec[]
}

/** What a container serves: its ports, its routes (data) or a built-in handler, its request log. */
export interface AppSpec {
  /** Behaviour entry the spec came from. */
  name: string
  /** Ports served; the container's declared containerPorts when empty. */
  ports: number[]
  /** Name of a built-in handler (`msb-apigateway`); routes are tried first when both are given. */
  handler?: string
  /** Handler configuration, passed to its factory as is. */
  config: Record<string, unknown>
  routes: RouteSpec[]
  /** Forwards the B3 / x-request-id / x-ot-span-context headers it received on its calls. */
  forwardTraceHeaders: boolean
  /** Log line per request (template, plus `{{status}}`, `{{from}}`, `{{time}}`); none when empty. */
  accessLog: string
  /** Latency added to every answer (routes may set their own). */
  latency?: LatencySpec
}

/** What a built-in app instance sees when it starts (one instance per running container). */
export interface AppInstanceContext {
  pod: PodEndpointInfo
  container: string
  /** The container's environment (plain `value`s and `fieldRef`s the lab can resolve). */
  env: Record<string, string>
  config: Record<string, unknown>
  /** An API client, for apps that watch the cluster (kube2msb). */
  kube: KubeClient
  clock: Clock
  /** Sends a request from this pod (through the network and its sidecar). */
  fetch(url: string, init?: FetchInit): Promise<HttpResponse>
  log(line: string): void
  /** Reports an error the app survives (the lab's onError). */
  onError(err: unknown): void
}

/** A running built-in app: answers requests and/or runs in the background until stopped. */
export interface AppInstance {
  handle?: AppHandler
  stop?(): void
}

/** Creates a built-in app instance for one running container. */
export type AppFactory = (ctx: AppInstanceContext) => AppInstance

/** A run-time change of an app's behaviour (from a `--scenario` file). */
export interface AppOverride {
  name: string
  /** Which containers: pod name glob, namespace, container name glob, image glob (all optional). */
  match: { namespace?: string; pod?: string; container?: string; image?: string }
  /** Wall-clock seconds after the apps start before it applies, and how long it lasts (forever when absent). */
  afterSeconds: number
  forSeconds?: number
  latency?: LatencySpec
  errorRate?: number
  errorStatus?: number
  /** The app stops answering: connections are refused as if its process had died. */
  crash: boolean
}

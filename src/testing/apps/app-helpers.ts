import type { KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'
import type {
  AppContext,
  FetchInit,
  HttpRequest,
  HttpResponse,
  PodEndpointInfo,
} from '../../network/index.js'
import { NetError, NetErrorCodes } from '../../network/index.js'
import { fakeClock } from '../../util/index.js'
import type { AppFactory, AppInstance, AppInstanceContext } from '../../apps/types.js'

/** A handler reachable at `host:port` in the tests' fake network. */
export type FakeService = (req: HttpRequest) => Promise<HttpResponse>

/** Returns a fetch that sends to the fake services by `host:port`, recording every call. */
export function fakeFetch(
  services: Map<string, FakeService>,
  calls: string[] = []
): (url: string, init?: FetchInit) => Promise<HttpResponse> {
  return async (url, init = {}) => {
    const u = new URL(url)
    const method = init.method ?? 'GET'
    calls.push(`${method} ${url}`)
    const svc = services.get(`${u.hostname}:${u.port || '80'}`)
    if (!svc) throw new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${u.host}`)
    const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(init.body)
    return svc({
      method,
      path: u.pathname + u.search,
      authority: u.host,
      headers: { ...(init.headers ?? {}) },
      body,
    })
  }
}

/** Returns a pod as the network describes it. */
export function fakePodInfo(name: string, ip: string, pod?: KubeObject): PodEndpointInfo {
  return {
    namespace: 'onap',
    name,
    ip,
    nodeName: 'worker',
    labels: { app: name },
    serviceAccount: 'default',
    hasSidecar: false,
    pod: pod ?? { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'onap' } },
  }
}

/** Starts a built-in app with a fake context; its log lines go to `logs`. */
export function startFakeApp(
  factory: AppFactory,
  o: {
    name: string
    ip: string
    env?: Record<string, string>
    config?: Record<string, unknown>
    fetch: AppInstanceContext['fetch']
    kube?: KubeClient
    logs?: string[]
  }
): { inst: AppInstance; ctx: AppContext; serve(req: Partial<HttpRequest>): Promise<HttpResponse> } {
  const pod = fakePodInfo(o.name, o.ip)
  const log = (line: string) => o.logs?.push(line)
  const inst = factory({
    pod,
    container: o.name,
    env: o.env ?? {},
    config: o.config ?? {},
    kube: o.kube ?? ({} as KubeClient),
    clock: fakeClock(),
    fetch: o.fetch,
    log,
    onError: (err) => {
      throw err
    },
  })
  const ctx: AppContext = {
    pod,
    container: o.name,
    port: 80,
    from: { kind: 'host', ip: '127.0.0.1' },
    fetch: o.fetch,
    log,
  }
  return {
    inst,
    ctx,
    serve: (r) =>
      inst.handle!(
        { method: 'GET', path: '/', authority: o.name, headers: {}, body: Buffer.alloc(0), ...r },
        ctx
      ),
  }
}

/** Returns a JSON request body. */
export function jsonReq(method: string, path: string, body: unknown): Partial<HttpRequest> {
  return {
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
  }
}

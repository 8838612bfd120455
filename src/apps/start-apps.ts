import type { KubeObject } from '../api/types.js'
import {
  podsRef,
  startInformer,
  type KubeClient,
  type RunningInformer as Informer,
} from '../client/index.js'
import type { ImageBehaviourRegistry } from '../kubelet/index.js'
import {
  NetError,
  NetErrorCodes,
  type AppContext,
  type AppHost,
  type HttpRequest,
  type HttpResponse,
  type Origin,
  type PodEndpointInfo,
  type PodNetwork,
} from '../network/index.js'
import type { Clock } from '../util/index.js'
import { AppInstances } from './app-instances.js'
import { activeOverride } from './app-overrides.js'
import { accessLogLine } from './access-log.js'
import { containerApps, containerForPort, probeAnswer, type ContainerApp } from './container-app.js'
import { plainStatus, runRoute } from './data-route.js'
import { echoResponse } from './echo-app.js'
import { delay, sampleLatency } from './latency.js'
import { parseApps } from './parse-app.js'
import { containerEnv, podEndpointInfo, runningInstance } from './pod-facts.js'
import { matchRoute } from './route-match.js'
import { BUILTIN_APPS } from './builtin-apps.js'
import type { AppFactory, AppInstance, AppOverride } from './types.js'

const refused = (to: PodEndpointInfo, port: number, why: string) =>
  new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${to.ip}:${port} (${why})`)

/** What the apps need from the lab. */
export interface AppsOptions {
  /** The image-behaviour registry the kubelets use (apps come from its entries' `app:` sections). */
  behaviours: ImageBehaviourRegistry
  /** The pod network, given lazily (it is started after the apps). */
  network: () => PodNetwork
  /** An API client: the pod informer, and the built-in apps that watch the cluster. */
  kube: KubeClient
  /**
   * The API client a pod's built-in app uses (kube2msb), made with the pod's ServiceAccount as a
   * container's in-cluster config is; without it, apps share `kube`.
   */
  kubeFor?: (pod: KubeObject) => KubeClient
  /** The lab's (simulated) clock, for the informer's retries and the apps' periodic work. */
  clock: Clock
  /** Where container log lines go (the lab's MemoryLogStore). */
  logs?: {
    append(namespace: string, pod: string, container: string, lines: readonly string[]): void
  }
  /** Run-time changes from a `--scenario` file. */
  overrides?: readonly AppOverride[]
  random?: () => number
  onError?: (err: unknown) => void
  /** Watch pods to start background apps (kube2msb) while their containers run; default true. */
  watchPods?: boolean
}

/** The running apps: the network's AppHost, plus the registry of built-in handlers. */
export interface StartedApps extends AppHost {
  /** Registers a built-in app by name (an entry's `app.handler`); a later one replaces it. */
  registerHandler(name: string, factory: AppFactory): void
  /** Resolves once the pod informer has listed the pods. */
  readonly synced: Promise<void>
  stop(): void
}

/**
 * Starts the apps host: answers requests for pod ports with the app of the container serving the
 * port (data routes, a built-in handler, or the generic echo app), refusing connections to ports
 * nothing serves and to containers that are not running; and runs background apps as their
 * containers come and go. Throws when an `app:` section is invalid (file:line:field).
 */
export function startApps(o: AppsOptions): StartedApps {
  const apps = parseApps(o.behaviours.list())
  const factories = new Map<string, AppFactory>(Object.entries(BUILTIN_APPS))
  const broken = new Map<string, string>()
  const instances = new AppInstances()
  const random = o.random ?? Math.random
  const onError = o.onError ?? (() => {})
  const started = Date.now()
  // Resolving behaviours runs glob matches; a pod object (replaced on every change) keeps its answer.
  const appsOfPod = new WeakMap<KubeObject, ContainerApp[]>()
  const appsOf = (pod: KubeObject): ContainerApp[] => {
    let list = appsOfPod.get(pod)
    if (!list) {
      list = containerApps(pod, o.behaviours, apps)
      appsOfPod.set(pod, list)
    }
    return list
  }
  const log = (pod: PodEndpointInfo, container: string, line: string) =>
    o.logs?.append(pod.namespace, pod.name, container, [line])
  const fetchFrom = (pod: PodEndpointInfo, container: string): AppContext['fetch'] => {
    const origin: Origin = { kind: 'pod', pod, container }
    return (url, init) => o.network().fetch(origin, url, init)
  }
  // A container's fetch and log, made once per pod object (the network replaces it on change).
  const io = new WeakMap<PodEndpointInfo, Map<string, Pick<AppContext, 'fetch' | 'log'>>>()
  const ioOf = (pod: PodEndpointInfo, container: string): Pick<AppContext, 'fetch' | 'log'> => {
    let byContainer = io.get(pod)
    if (!byContainer) io.set(pod, (byContainer = new Map()))
    let f = byContainer.get(container)
    if (!f) {
      f = { fetch: fetchFrom(pod, container), log: (line) => log(pod, container, line) }
      byContainer.set(container, f)
    }
    return f
  }

  // A container instance's key, made once per pod object and container.
  const keys = new WeakMap<KubeObject, Map<string, { restarts: number; key: string }>>()
  const instanceKey = (pod: KubeObject, container: string, restarts: number): string => {
    let byContainer = keys.get(pod)
    if (!byContainer) keys.set(pod, (byContainer = new Map()))
    let k = byContainer.get(container)
    if (k?.restarts !== restarts) {
      k = { restarts, key: AppInstances.key(pod, container, restarts) }
      byContainer.set(container, k)
    }
    return k.key
  }

  const instanceOf = (
    info: PodEndpointInfo,
    c: ContainerApp,
    restarts: number
  ): AppInstance | undefined => {
    const factory = c.app?.handler ? factories.get(c.app.handler) : undefined
    if (!factory || !c.app) return undefined
    const config = c.app.config
    const handler = c.app.handler ?? ''
    const appName = c.app.name
    if (broken.has(appName)) return undefined
    const key = instanceKey(info.pod, c.name, restarts)
    const running = instances.peek(key)
    if (running) return running
    const create = (): AppInstance => {
      try {
        return factory(instanceContext())
      } catch (err) {
        // A bad handler config: every container using it answers 500 naming the problem.
        broken.set(appName, err instanceof Error ? err.message : String(err))
        onError(new Error(`failed to start built-in app "${handler}"`, { cause: err }))
        return {}
      }
    }
    const instanceContext = () => ({
      pod: info,
      container: c.name,
      env: containerEnv(info.pod, c.container),
      config,
      kube: o.kubeFor?.(info.pod) ?? o.kube,
      clock: o.clock,
      fetch: fetchFrom(info, c.name),
      log: (line: string) => log(info, c.name, line),
      onError,
    })
    const inst = instances.get(key, create)
    return broken.has(appName) ? undefined : inst
  }

  const syncPod = (pod: KubeObject, gone = false) => {
    const keep = new Set<string>()
    if (!gone) {
      let list: ContainerApp[] = []
      try {
        list = appsOf(pod)
      } catch (err) {
        onError(err)
      }
      for (const c of list) {
        const restarts = runningInstance(pod, c.name)
        if (restarts === undefined || !c.app?.handler) continue
        if (activeOverride(o.overrides ?? [], pod, c.name, c.image, Date.now() - started)?.crash)
          continue
        keep.add(AppInstances.key(pod, c.name, restarts))
        instanceOf(podEndpointInfo(pod), c, restarts)
      }
    }
    instances.prunePod(pod, keep)
  }

  const informer: Informer | undefined =
    o.watchPods === false
      ? undefined
      : startInformer(
          o.kube,
          o.clock,
          podsRef,
          { onError },
          {
            onAdd: (p) => syncPod(p),
            onUpdate: (_, p) => syncPod(p),
            onDelete: (p) => syncPod(p, true),
          }
        )

  const serve = async (
    to: PodEndpointInfo,
    port: number,
    from: Origin,
    req: HttpRequest
  ): Promise<HttpResponse> => {
    const c = containerForPort(appsOf(to.pod), port)
    if (!c)
      throw refused(to, port, `no container of pod ${to.namespace}/${to.name} serves port ${port}`)
    const restarts = runningInstance(to.pod, c.name)
    if (restarts === undefined) throw refused(to, port, `container ${c.name} is not running`)
    const over = o.overrides?.length
      ? activeOverride(o.overrides, to.pod, c.name, c.image, Date.now() - started)
      : undefined
    if (over?.crash) throw refused(to, port, `container ${c.name} crashed (scenario)`)
    const f = ioOf(to, c.name)
    const ctx: AppContext = { pod: to, container: c.name, port, from, fetch: f.fetch, log: f.log }
    const latency = over?.latency ?? c.app?.latency
    const res = await answer(c, restarts, req, ctx, over?.errorRate, over?.errorStatus)
    if (latency) await delay(sampleLatency(latency, random))
    const line = c.app
      ? c.app.accessLog
      : '{{from}} - - [{{time}}] "{{method}} {{path}} HTTP/1.1" {{status}} {{bytes}}'
    if (line) ctx.log(accessLogLine(line, req, ctx, res))
    return res
  }

  const listens = (to: PodEndpointInfo, port: number): boolean => {
    const c = containerForPort(appsOf(to.pod), port)
    if (!c || runningInstance(to.pod, c.name) === undefined) return false
    const over = activeOverride(o.overrides ?? [], to.pod, c.name, c.image, Date.now() - started)
    return !over?.crash
  }

  const answer = async (
    c: ContainerApp,
    restarts: number,
    req: HttpRequest,
    ctx: AppContext,
    errorRate: number | undefined,
    errorStatus: number | undefined
  ): Promise<HttpResponse> => {
    if (errorRate !== undefined && random() < errorRate) return plainStatus(errorStatus ?? 500)
    const probe = probeAnswer(c, ctx.port, req.path)
    if (probe !== undefined) return plainStatus(probe)
    if (!c.app) return echoResponse(req, ctx)
    const m = matchRoute(c.app.routes, req.method, req.path)
    if (m) {
      const route = m.route.latency ? m.route : undefined
      const res = await runRoute(c.app, m, req, ctx, random)
      if (route?.latency) await delay(sampleLatency(route.latency, random))
      return res
    }
    if (!c.app.handler) return plainStatus(404, '404 page not found\n')
    const inst = instanceOf(ctx.pod, c, restarts)
    const why = broken.get(c.app.name)
    if (why) return plainStatus(500, `built-in app "${c.app.handler}" failed to start: ${why}\n`)
    if (!inst)
      return plainStatus(503, `built-in app "${c.app.handler}" is not registered in this lab\n`)
    if (!inst.handle) return plainStatus(404, '404 page not found\n')
    return inst.handle(req, ctx)
  }

  return {
    serve,
    listens,
    registerHandler: (name, factory) => {
      factories.set(name, factory)
      if (informer) for (const p of informer.items.values()) syncPod(p)
    },
    synced: informer?.synced ?? Promise.resolve(),
    stop: () => {
      informer?.stop()
      instances.stopAll()
    },
  }
}

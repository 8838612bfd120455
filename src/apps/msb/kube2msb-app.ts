import type { KubeObject } from '../../api/types.js'
import { podsRef, startInformer, type RunningInformer as Informer } from '../../client/index.js'
import type { AppFactory } from '../types.js'
import { goLogTime } from './go-log.js'
import { registrationsOf, type Registration } from './registrations.js'

const servicesRef = { apiVersion: 'v1', resource: 'services', namespaced: true } as const
const PREFIX = '/api/microservices/v1/services'

/**
 * Creates kube2msb (oom-registrator): once msb-discovery answers its health check, it watches
 * Services and Pods and registers every `msb.onap.org/service-info` entry with msb-discovery at
 * `MSB_URL` (POST), deregistering (DELETE …/nodes/<ip>/<port>) when the object or its
 * annotation goes; an update is a remove plus an add. A malformed annotation is logged as
 * kube2msb logs it and skipped. Failed calls are retried every `retrySeconds` (config, default 5).
 */
export const kube2msbApp: AppFactory = (ctx) => {
  const msbUrl = (ctx.env.MSB_URL ?? `http://msb-discovery.${ctx.pod.namespace}:10081`).replace(
    /\/$/,
    ''
  )
  const retryMs = (typeof ctx.config.retrySeconds === 'number' ? ctx.config.retrySeconds : 5) * 1000
  const log = (msg: string) => ctx.log(`${goLogTime(new Date())} ${msg}`)
  const wanted = new Map<string, Registration[]>()
  const done = new Map<string, Registration[]>()
  const informers: Informer[] = []
  let stopped = false
  let healthy = false
  let queue = Promise.resolve()
  let cancelTimer = () => {}

  const observe = (kind: 'service' | 'pod', obj: KubeObject, gone: boolean) => {
    const key = `${kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`
    const regs = gone ? [] : registrationsOf(kind, obj, log)
    if (regs.length === 0) wanted.delete(key)
    else wanted.set(key, regs)
    schedule()
  }

  const schedule = () => {
    queue = queue.then(reconcile).catch((err: unknown) => ctx.onError(err))
  }

  const reconcile = async () => {
    if (stopped || !healthy) return
    let failed = false
    for (const [key, regs] of [...done]) {
      const keep = wanted.get(key) ?? []
      const gone = regs.filter((r) => !keep.some((k) => k.id === r.id))
      const left: Registration[] = regs.filter((r) => !gone.includes(r))
      for (const r of gone) {
        if (await call('DELETE', r)) continue
        failed = true
        left.push(r)
      }
      if (left.length > 0) done.set(key, left)
      else done.delete(key)
    }
    for (const [key, regs] of wanted) {
      const have = done.get(key) ?? []
      for (const r of regs) {
        if (have.some((h) => h.id === r.id)) continue
        if (await call('POST', r)) have.push(r)
        else failed = true
      }
      if (have.length > 0) done.set(key, have)
    }
    if (failed) retryLater()
  }

  const call = async (method: 'POST' | 'DELETE', r: Registration): Promise<boolean> => {
    const a = r.annotation
    const url =
      method === 'POST'
        ? `${msbUrl}${PREFIX}`
        : `${msbUrl}${PREFIX}/${a.serviceName}/version/${a.version || 'null'}/nodes/${a.ip}/${a.port}`
    if (method === 'DELETE') log(`deleteURL:${url}`)
    try {
      const res = await ctx.fetch(url, {
        method,
        ...(method === 'POST'
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(r.body) }
          : {}),
        timeoutMs: 10000,
      })
      const what = method === 'POST' ? 'register' : 'deregister'
      log(`Http request to ${what} service:${a.serviceName} returned code:${res.status}`)
      return res.status < 500
    } catch (err) {
      log(`Failed to do a request:${err instanceof Error ? err.message : String(err)}`)
      return false
    }
  }

  const retryLater = () => {
    cancelTimer()
    cancelTimer = ctx.clock.after(retryMs, () => schedule())
  }

  const checkHealth = async () => {
    if (stopped) return
    try {
      const res = await ctx.fetch(`${msbUrl}${PREFIX}/health`, { timeoutMs: 10000 })
      if (res.status === 200) {
        healthy = true
        log(`MSB agent:${msbUrl} is available`)
        start()
        return
      }
      log(`MSB agent:${msbUrl} is not available`)
    } catch (err) {
      log(`Failed to create MSB agent:${err instanceof Error ? err.message : String(err)}`)
    }
    cancelTimer = ctx.clock.after(retryMs, () => void checkHealth())
  }

  // A list the API server refuses (a chart without the binding its account needs: 403) is logged
  // as client-go's reflector logs it, and retried.
  const listFailed = (type: string) => (err: unknown) =>
    log(`Failed to list *v1.${type}: ${err instanceof Error ? err.message : String(err)}`)

  const start = () => {
    for (const [kind, ref, type] of [
      ['service', servicesRef, 'Service'],
      ['pod', podsRef, 'Pod'],
    ] as const)
      informers.push(
        startInformer(
          ctx.kube,
          ctx.clock,
          ref,
          // client-go's reflector lists again a (wall-clock) second after a failure.
          { onError: listFailed(type), retryMs: 1000 / ctx.clock.timeFactor },
          {
            onAdd: (o) => observe(kind, o, false),
            onUpdate: (_, o) => observe(kind, o, false),
            onDelete: (o) => observe(kind, o, true),
          }
        )
      )
  }

  void checkHealth()
  return {
    stop: () => {
      stopped = true
      cancelTimer()
      for (const i of informers) i.stop()
    },
  }
}

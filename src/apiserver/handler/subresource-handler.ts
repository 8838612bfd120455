import { badRequest, conflict, invalid, methodNotAllowed, noResource } from '../../api/errors.js'
import type { ResourceInfo } from '../../api/resources/index.js'
import { asObject, isObject, type KubeObject, type Obj } from '../../api/types.js'
import type { GenericRegistry, WriteOptions } from '../registry/index.js'
import type { ApiRequest, ApiResponse } from '../request/index.js'
import { decodeBody } from './decode-body.js'
import { podContainer } from '../streaming/index.js'
import { patchBody, patchObject, patchTypeOf, PatchTypes } from './patch-request.js'
import type { StreamingRuntime } from '../streaming/index.js'
import { readLogOptions, type LogReadOptions } from './log-options.js'

export type { LogReadOptions }
import { serveProxy } from './proxy-subresource.js'

/** Where container logs come from (the simulated kubelets write them). */
export interface LogSource {
  /** Returns the log text of a container, or undefined when there is none yet. */
  read(namespace: string, pod: string, container: string, opts: LogReadOptions): string | undefined
  /**
   * Follows the current instance of a container: `send` gets what it writes from now on until
   * it ends (`end`) or the returned stop is called. Absent: `follow=true` ends after the read.
   */
  follow?(
    namespace: string,
    pod: string,
    container: string,
    opts: LogReadOptions,
    send: (chunk: string) => void,
    end: () => void
  ): () => void
}

/** Serves subresources: status, scale, binding, eviction, log and namespace finalize. */
export class SubresourceHandler {
  private registry: GenericRegistry
  private logs: LogSource
  private runtime: StreamingRuntime | undefined

  constructor(registry: GenericRegistry, logs: LogSource, runtime?: StreamingRuntime) {
    this.registry = registry
    this.logs = logs
    this.runtime = runtime
  }

  /** Returns the answer for `<resource>/<name>/<sub>`. */
  async handle(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string,
    name: string,
    sub: string,
    opts: WriteOptions
  ): Promise<ApiResponse> {
    if (sub === 'proxy' && info.strategy?.proxyTarget)
      return serveProxy(req, info, ns, name, this.registry, this.runtime)
    if (info.strategy?.streamedSubresources?.includes(sub)) {
      // Without an upgrade (WebSocket or SPDY) these subresources cannot be served.
      this.registry.get(info, ns, name)
      throw badRequest(
        `Upgrade request required: ${info.resource}/${sub} streams over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) or SPDY/3.1`
      )
    }
    const s = info.subresources.find((x) => x.name === sub)
    if (!s) throw noResource()
    const m = req.method.toUpperCase()
    const verb =
      m === 'GET'
        ? 'get'
        : m === 'PUT'
          ? 'update'
          : m === 'PATCH'
            ? 'patch'
            : m === 'POST'
              ? 'create'
              : ''
    if (!s.verbs.includes(verb))
      throw methodNotAllowed('the server does not allow this method on the requested resource')
    switch (sub) {
      case 'status':
      case 'finalize':
        return this.status(req, info, ns, name, sub, verb, opts)
      case 'scale':
        return this.scale(req, info, ns, name, verb, opts)
      case 'binding':
        return this.bind(info, ns, name, decodeBody(req), opts)
      case 'eviction':
        await this.registry.delete(info, ns, name, { ...opts })
        return {
          status: 201,
          body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
        }
      case 'log':
        return this.log(req, info, ns, name)
    }
    throw methodNotAllowed(`the lab does not serve ${info.resource}/${sub}`)
  }

  private async status(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string,
    name: string,
    sub: string,
    verb: string,
    opts: WriteOptions
  ): Promise<ApiResponse> {
    // The stored object, read-only: the patch and the update build what changes beside it.
    const live = this.registry.read(info, ns, name)
    if (verb === 'get') return { status: 200, body: live }
    let next: KubeObject
    if (verb === 'patch') {
      const type = patchTypeOf(req.headers['content-type'], info)
      if (type === PatchTypes.apply)
        throw badRequest('server-side apply of the status subresource is not supported by the lab')
      next = patchObject(live, patchBody(req.body, type), type, info)
    } else next = decodeBody(req) as KubeObject
    if (sub === 'finalize') {
      const spec = isObject((next as Obj).spec) ? ((next as Obj).spec as Obj) : {}
      const merged = {
        ...live,
        metadata: { ...live.metadata },
        spec: { ...asObject(live.spec), finalizers: spec.finalizers ?? [] },
      }
      return { status: 200, body: await this.registry.write(info, live, merged, opts) }
    }
    return {
      status: 200,
      body: await this.registry.update(info, ns, name, next, { ...opts, subresource: 'status' }),
    }
  }

  private async scale(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string,
    name: string,
    verb: string,
    opts: WriteOptions
  ): Promise<ApiResponse> {
    const live = this.registry.get(info, ns, name)
    const current = scaleOf(live, info)
    if (verb === 'get') return { status: 200, body: current }
    let wanted: KubeObject
    if (verb === 'patch') {
      const type = patchTypeOf(req.headers['content-type'], info)
      wanted = patchObject(
        current,
        patchBody(req.body, type),
        type === PatchTypes.strategic ? PatchTypes.merge : type,
        info
      )
    } else wanted = decodeBody(req) as KubeObject
    const rv = isObject(wanted.metadata) ? wanted.metadata.resourceVersion : undefined
    if (rv && rv !== live.metadata.resourceVersion)
      throw conflict({ group: info.group, resource: info.resource }, name)
    const replicas = isObject(wanted.spec) ? wanted.spec.replicas : undefined
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      throw badRequest(
        `spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`
      )
    }
    if (replicas < 0) {
      // ValidateScale: a 422 on the Scale kind of the subresource's group.
      const group = info.subresources.find((x) => x.name === 'scale')?.group ?? 'autoscaling'
      throw invalid('Scale', group, name, [
        {
          field: 'spec.replicas',
          message: `Invalid value: ${replicas}: must be greater than or equal to 0`,
        },
      ])
    }
    const next = { ...live, spec: { ...asObject(live.spec), replicas } }
    const updated = await this.registry.update(info, ns, name, next, opts)
    return { status: 200, body: scaleOf(updated, info) }
  }

  private async bind(
    info: ResourceInfo,
    ns: string,
    name: string,
    body: unknown,
    opts: WriteOptions
  ): Promise<ApiResponse> {
    const target = isObject(body) && isObject(body.target) ? body.target : undefined
    const node = target && typeof target.name === 'string' ? target.name : ''
    if (!node) throw badRequest('target.name: Required value')
    // The stored pod, read-only: the bound one is a new object sharing what does not change.
    const pod = this.registry.read(info, ns, name)
    const spec = asObject(pod.spec)
    // BindingREST names the subresource in its conflicts: `Operation cannot be fulfilled on pods/binding "p": …`.
    if (spec.nodeName)
      throw conflict(
        { group: '', resource: 'pods/binding' },
        name,
        `pod ${name} is already assigned to node "${String(spec.nodeName)}"`
      )
    if (pod.metadata.deletionTimestamp)
      throw conflict(
        { group: '', resource: 'pods/binding' },
        name,
        `pod ${name} is being deleted, cannot be assigned to a host`
      )
    const conditions = Array.isArray((pod.status as Obj | undefined)?.conditions)
      ? ((pod.status as Obj).conditions as Obj[])
      : []
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
    const next = {
      ...pod,
      metadata: { ...pod.metadata },
      spec: { ...spec, nodeName: node },
      status: {
        ...asObject(pod.status),
        conditions: [
          ...conditions.filter((c) => c.type !== 'PodScheduled'),
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        ],
      },
    }
    await this.registry.write(info, pod, next, opts)
    return {
      status: 201,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
    }
  }

  private log(req: ApiRequest, info: ResourceInfo, ns: string, name: string): ApiResponse {
    const pod = this.registry.get(info, ns, name)
    const container = podContainer(pod, req.query.get('container'))
    const { follow, limitBytes, opts } = readLogOptions(req.query, name)
    const text = this.logs.read(ns, name, container, opts)
    if (text === undefined) {
      throw badRequest(
        `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`
      )
    }
    const logs = this.logs
    if (!follow || !logs.follow)
      return { status: 200, text: limit(text, limitBytes), contentType: 'text/plain' }
    return {
      status: 200,
      contentType: 'text/plain',
      stream: {
        start(write, end) {
          let left = limitBytes ?? Number.POSITIVE_INFINITY
          let stop = () => {}
          const send = (chunk: string) => {
            if (left <= 0) return
            const b = Buffer.from(chunk)
            write(b.length > left ? b.subarray(0, left) : b)
            left -= b.length
            if (left <= 0) {
              stop()
              end()
            }
          }
          send(text)
          if (left > 0) stop = logs.follow!(ns, name, container, opts, send, end)
          return () => stop()
        },
      },
    }
  }
}

/** Cuts a log to `limitBytes` (kubelet's LimitWriter: bytes, even mid-line). */
function limit(text: string, limitBytes: number | undefined): string {
  if (limitBytes === undefined) return text
  const b = Buffer.from(text)
  return b.length > limitBytes ? b.subarray(0, limitBytes).toString() : text
}

/** Returns the Scale object of a scalable resource, in the version its group serves. */
export function scaleOf(obj: KubeObject, info: ResourceInfo): KubeObject {
  const spec = asObject(obj.spec)
  const status = asObject(obj.status)
  const sub = info.subresources.find((s) => s.name === 'scale')
  const apiVersion = sub && sub.group ? `${sub.group}/${sub.version}` : 'autoscaling/v1'
  const selector = isObject(spec.selector) ? spec.selector : undefined
  const matchLabels =
    selector && isObject(selector.matchLabels)
      ? (selector.matchLabels as Record<string, string>)
      : {}
  const selectorString = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  const meta = obj.metadata
  return {
    kind: 'Scale',
    apiVersion,
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
    status:
      apiVersion === 'autoscaling/v1'
        ? {
            replicas: typeof status.replicas === 'number' ? status.replicas : 0,
            selector: selectorString,
          }
        : {
            replicas: typeof status.replicas === 'number' ? status.replicas : 0,
            selector: matchLabels,
            targetSelector: selectorString,
          },
  }
}

import type { KubeObject, OwnerReference } from '../api/types.js'
import { parseApiVersion } from '../api/types.js'
import type { ResourceRef } from '../client/index.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { OwnerGraph } from './owner-graph.js'
import { isNotFound } from './object-util.js'
import { Refs } from '../client/index.js'

/** A resource the garbage collector watches: its ref, kind and the groups its owner references may name. */
export interface MonitoredResource {
  ref: ResourceRef
  kind: string
  groups: string[]
}

/**
 * The resources the lab's garbage collector watches. kube-controller-manager discovers every
 * deletable resource; the lab watches this fixed set of built-in kinds that own or are owned in
 * practice (custom resources are not watched: their dependents are left alone).
 */
export const GC_RESOURCES: MonitoredResource[] = [
  { ref: Refs.pods, kind: 'Pod', groups: [''] },
  { ref: Refs.replicaSets, kind: 'ReplicaSet', groups: ['apps', 'extensions'] },
  { ref: Refs.deployments, kind: 'Deployment', groups: ['apps', 'extensions'] },
  { ref: Refs.statefulSets, kind: 'StatefulSet', groups: ['apps'] },
  { ref: Refs.daemonSets, kind: 'DaemonSet', groups: ['apps', 'extensions'] },
  { ref: Refs.controllerRevisions, kind: 'ControllerRevision', groups: ['apps'] },
  { ref: Refs.jobs, kind: 'Job', groups: ['batch'] },
  { ref: Refs.services, kind: 'Service', groups: [''] },
  { ref: Refs.endpoints, kind: 'Endpoints', groups: [''] },
  { ref: Refs.configMaps, kind: 'ConfigMap', groups: [''] },
  { ref: Refs.secrets, kind: 'Secret', groups: [''] },
  { ref: Refs.serviceAccounts, kind: 'ServiceAccount', groups: [''] },
  { ref: Refs.persistentVolumeClaims, kind: 'PersistentVolumeClaim', groups: [''] },
]

const ORPHAN = 'orphan'
const FOREGROUND = 'foregroundDeletion'

/**
 * Creates the garbage collector: deletes objects whose owners are all gone (background
 * propagation), deletes the dependents of an owner deleted in the foreground before removing its
 * `foregroundDeletion` finalizer, and strips the owner references of an owner deleted with
 * `orphan` before removing that finalizer. Queue keys are `<resource index>|<namespace>|<name>`.
 */
export function newGarbageCollector(
  env: ControllerEnv,
  resources: MonitoredResource[] = GC_RESOURCES
): Controller {
  const ctx = contextFor(env, 'garbage-collector-controller')
  const graph = new OwnerGraph()
  const informers = resources.map((m) => ctx.informers.for(m.ref))
  const keyOf = (i: number, o: KubeObject) =>
    `${i}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`
  const c = new QueueController('garbagecollector', ctx, informers, (key) =>
    reconcileGc(ctx, resources, graph, key)
  )
  const needsWork = (o: KubeObject) =>
    (o.metadata.ownerReferences?.length ?? 0) > 0 ||
    (!!o.metadata.deletionTimestamp && hasAny(o, [ORPHAN, FOREGROUND]))
  informers.forEach((inf, i) => {
    inf.on({
      add: (o) => {
        graph.set(i, o)
        if (needsWork(o)) c.queue.add(keyOf(i, o))
      },
      update: (old, o) => {
        graph.set(i, o)
        if (needsWork(o) || needsWork(old)) c.queue.add(keyOf(i, o))
      },
      delete: (o) => {
        graph.remove(o)
        for (const n of [...graph.dependentsOf(o.metadata.uid ?? ''), ...graph.ownersOf(o)])
          c.queue.add(keyOf(n.index, n.obj))
      },
    })
  })
  return c
}

function hasAny(o: KubeObject, finalizers: string[]): boolean {
  return (o.metadata.finalizers ?? []).some((f) => finalizers.includes(f))
}

/** Handles one object of the graph: its deletion finalizers, then its owners. */
async function reconcileGc(
  ctx: ControllerContext,
  resources: MonitoredResource[],
  graph: OwnerGraph,
  key: string
): Promise<ReconcileResult> {
  const [i, namespace, name] = key.split('|') as [string, string, string]
  const m = resources[Number(i)]!
  const cached = graph.find(Number(i), namespace, name)
  // Fast path: nothing to delete and every owner known alive in the cache.
  if (
    cached &&
    !cached.metadata.deletionTimestamp &&
    (cached.metadata.ownerReferences ?? []).every((r) => graph.alive(r.uid))
  )
    return
  let obj: KubeObject
  try {
    obj = await ctx.client.get(m.ref, name, namespace || undefined)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  if (obj.metadata.deletionTimestamp && hasAny(obj, [ORPHAN])) {
    await orphanDependents(ctx, resources, graph, m, obj)
  } else if (obj.metadata.deletionTimestamp && hasAny(obj, [FOREGROUND])) {
    await deleteDependents(ctx, resources, graph, m, obj)
  } else await checkOwners(ctx, resources, graph, m, obj)
  return undefined
}

async function checkOwners(
  ctx: ControllerContext,
  resources: MonitoredResource[],
  graph: OwnerGraph,
  m: MonitoredResource,
  obj: KubeObject
): Promise<void> {
  const refs = obj.metadata.ownerReferences ?? []
  if (refs.length === 0 || obj.metadata.deletionTimestamp) return
  const absent: OwnerReference[] = []
  for (const r of refs)
    if (!(await ownerExists(ctx, resources, graph, r, obj.metadata.namespace))) absent.push(r)
  if (absent.length === 0) return
  const ns = obj.metadata.namespace
  const uid = obj.metadata.uid ?? ''
  try {
    if (absent.length === refs.length) {
      const policy = hasAny(obj, [ORPHAN])
        ? 'Orphan'
        : hasAny(obj, [FOREGROUND])
          ? 'Foreground'
          : 'Background'
      await ctx.client.delete(m.ref, obj.metadata.name ?? '', ns, {
        propagationPolicy: policy,
        preconditions: { uid },
      })
    } else {
      const gone = new Set(absent.map((r) => r.uid))
      await ctx.client.update(m.ref, {
        ...obj,
        metadata: { ...obj.metadata, ownerReferences: refs.filter((r) => !gone.has(r.uid)) },
      })
    }
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
}

/** Returns true when the owner a reference names exists with that uid (unknown kinds count as existing). */
async function ownerExists(
  ctx: ControllerContext,
  resources: MonitoredResource[],
  graph: OwnerGraph,
  r: OwnerReference,
  namespace: string | undefined
): Promise<boolean> {
  if (graph.alive(r.uid)) return true
  const { group } = parseApiVersion(r.apiVersion)
  const m = resources.find((x) => x.kind === r.kind && x.groups.includes(group))
  if (!m) return true
  try {
    const live = await ctx.client.get(m.ref, r.name, m.ref.namespaced ? namespace : undefined)
    return live.metadata.uid === r.uid
  } catch (err) {
    if (isNotFound(err)) return false
    throw err
  }
}

async function orphanDependents(
  ctx: ControllerContext,
  resources: MonitoredResource[],
  graph: OwnerGraph,
  m: MonitoredResource,
  owner: KubeObject
): Promise<void> {
  const uid = owner.metadata.uid ?? ''
  for (const dep of graph.dependentsOf(uid)) {
    const dm = resources[dep.index]!
    try {
      const live = await ctx.client.get(
        dm.ref,
        dep.obj.metadata.name ?? '',
        dep.obj.metadata.namespace
      )
      const refs = live.metadata.ownerReferences ?? []
      if (!refs.some((r) => r.uid === uid)) continue
      await ctx.client.update(dm.ref, {
        ...live,
        metadata: { ...live.metadata, ownerReferences: refs.filter((r) => r.uid !== uid) },
      })
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  }
  await removeFinalizer(ctx, m, owner, ORPHAN)
}

async function deleteDependents(
  ctx: ControllerContext,
  resources: MonitoredResource[],
  graph: OwnerGraph,
  m: MonitoredResource,
  owner: KubeObject
): Promise<void> {
  const uid = owner.metadata.uid ?? ''
  const deps = graph.dependentsOf(uid)
  for (const dep of deps) {
    if (dep.obj.metadata.deletionTimestamp) continue
    const dm = resources[dep.index]!
    // Dependents that own things themselves are deleted in the foreground too, so the chain waits.
    const policy =
      graph.dependentsOf(dep.obj.metadata.uid ?? '').length > 0 ? 'Foreground' : 'Background'
    try {
      await ctx.client.delete(dm.ref, dep.obj.metadata.name ?? '', dep.obj.metadata.namespace, {
        propagationPolicy: policy,
        preconditions: { uid: dep.obj.metadata.uid ?? '' },
      })
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  }
  const blocking = deps.filter((dep) =>
    dep.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true)
  )
  if (blocking.length === 0) await removeFinalizer(ctx, m, owner, FOREGROUND)
}

async function removeFinalizer(
  ctx: ControllerContext,
  m: MonitoredResource,
  owner: KubeObject,
  finalizer: string
): Promise<void> {
  try {
    await ctx.client.update(m.ref, {
      ...owner,
      metadata: {
        ...owner.metadata,
        finalizers: (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer),
      },
    })
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
}

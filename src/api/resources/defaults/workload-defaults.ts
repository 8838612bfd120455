import { asObject, isObject, type Obj } from '../../types.js'
import { defaultPodSpec } from './pod-defaults.js'

const MAX_INT32 = 2147483647

function ensure(o: Obj, key: string): Obj {
  if (!isObject(o[key])) o[key] = {}
  return o[key] as Obj
}

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined) o[key] = value
}

function templateLabels(spec: Obj): Record<string, string> | undefined {
  const t = isObject(spec.template) ? spec.template : undefined
  const m = t && isObject(t.metadata) ? t.metadata : undefined
  return m && isObject(m.labels) ? (m.labels as Record<string, string>) : undefined
}

function defaultTemplate(spec: Obj): void {
  const t = ensure(spec, 'template')
  ensure(t, 'metadata')
  defaultPodSpec(ensure(t, 'spec'))
}

/** True for the pre-apps/v1 API versions whose defaults differ (extensions/v1beta1, apps/v1beta1). */
function isLegacy(apiVersion: string): boolean {
  return apiVersion === 'extensions/v1beta1' || apiVersion === 'apps/v1beta1'
}

/**
 * Sets the defaults of a Deployment as the served version does: apps/v1 keeps 25%/25%, 10
 * revisions and 600 s; extensions/v1beta1 uses 1/1, unlimited revisions and no progress deadline,
 * and defaults the selector and labels from the template labels.
 */
export function defaultDeployment(d: Obj, apiVersion: string): void {
  const spec = ensure(d, 'spec')
  setDefault(spec, 'replicas', 1)
  const legacy = isLegacy(apiVersion)
  const labels = templateLabels(spec)
  if (legacy && labels) {
    if (!isObject(spec.selector)) spec.selector = { matchLabels: { ...labels } }
    const meta = ensure(d, 'metadata')
    if (!isObject(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels }
  }
  const strategy = ensure(spec, 'strategy')
  setDefault(strategy, 'type', 'RollingUpdate')
  if (strategy.type === 'RollingUpdate') {
    const ru = ensure(strategy, 'rollingUpdate')
    setDefault(ru, 'maxUnavailable', legacy ? 1 : '25%')
    setDefault(ru, 'maxSurge', legacy ? 1 : '25%')
  }
  setDefault(
    spec,
    'revisionHistoryLimit',
    legacy ? MAX_INT32 : apiVersion === 'apps/v1beta2' ? 10 : 10
  )
  setDefault(spec, 'progressDeadlineSeconds', legacy ? MAX_INT32 : 600)
  defaultTemplate(spec)
}

/** Sets the defaults of a ReplicaSet (extensions/v1beta1 defaults the selector from the template). */
export function defaultReplicaSet(rs: Obj, apiVersion: string): void {
  const spec = ensure(rs, 'spec')
  setDefault(spec, 'replicas', 1)
  const labels = templateLabels(spec)
  if (apiVersion === 'extensions/v1beta1' && labels && !isObject(spec.selector))
    spec.selector = { matchLabels: { ...labels } }
  defaultTemplate(spec)
}

/** Sets the defaults of a DaemonSet (extensions/v1beta1: OnDelete updates and a template generation). */
export function defaultDaemonSet(ds: Obj, apiVersion: string): void {
  const spec = ensure(ds, 'spec')
  const legacy = apiVersion === 'extensions/v1beta1'
  const labels = templateLabels(spec)
  if (legacy && labels && !isObject(spec.selector)) spec.selector = { matchLabels: { ...labels } }
  const us = ensure(spec, 'updateStrategy')
  setDefault(us, 'type', legacy ? 'OnDelete' : 'RollingUpdate')
  if (us.type === 'RollingUpdate') setDefault(ensure(us, 'rollingUpdate'), 'maxUnavailable', 1)
  setDefault(spec, 'revisionHistoryLimit', 10)
  if (legacy) setDefault(spec, 'templateGeneration', 1)
  defaultTemplate(spec)
}

/** Sets the defaults of a StatefulSet. */
export function defaultStatefulSet(sts: Obj, apiVersion: string): void {
  const spec = ensure(sts, 'spec')
  setDefault(spec, 'replicas', 1)
  setDefault(spec, 'podManagementPolicy', 'OrderedReady')
  const us = ensure(spec, 'updateStrategy')
  setDefault(us, 'type', apiVersion === 'apps/v1beta1' ? 'OnDelete' : 'RollingUpdate')
  if (us.type === 'RollingUpdate') setDefault(ensure(us, 'rollingUpdate'), 'partition', 0)
  setDefault(spec, 'revisionHistoryLimit', 10)
  defaultTemplate(spec)
}

/**
 * Sets the defaults of a Job: one completion, parallelism 1, backoffLimit 6, and unless
 * manualSelector, the generated `controller-uid` selector and labels (as the job strategy does).
 */
export function defaultJob(job: Obj, uid: string): void {
  const spec = ensure(job, 'spec')
  setDefault(spec, 'parallelism', 1)
  if (spec.completions === undefined && spec.parallelism !== undefined) spec.completions = 1
  setDefault(spec, 'backoffLimit', 6)
  const t = ensure(spec, 'template')
  const tm = ensure(t, 'metadata')
  if (spec.manualSelector !== true) {
    const name = String(ensure(job, 'metadata').name ?? '')
    tm.labels = {
      ...asObject(tm.labels),
      'controller-uid': uid,
      'job-name': name,
    }
    if (!isObject(spec.selector)) spec.selector = { matchLabels: { 'controller-uid': uid } }
  }
  const ps = ensure(t, 'spec')
  setDefault(ps, 'restartPolicy', 'OnFailure')
  defaultPodSpec(ps)
}

/** Sets the defaults of a CronJob. */
export function defaultCronJob(cj: Obj): void {
  const spec = ensure(cj, 'spec')
  setDefault(spec, 'concurrencyPolicy', 'Allow')
  setDefault(spec, 'suspend', false)
  setDefault(spec, 'successfulJobsHistoryLimit', 3)
  setDefault(spec, 'failedJobsHistoryLimit', 1)
  const jt = ensure(ensure(spec, 'jobTemplate'), 'spec')
  defaultPodSpec(ensure(ensure(jt, 'template'), 'spec'))
}

import { asObject, isObject, type Obj } from '../../types.js'

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined) o[key] = value
}

/** Sets a container's defaults as the v1 defaulters do (SetDefaults_Container, ports, probes). */
function defaultContainer(c: Obj): void {
  const image = typeof c.image === 'string' ? c.image : ''
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest')
  setDefault(c, 'imagePullPolicy', tag === 'latest' ? 'Always' : 'IfNotPresent')
  setDefault(c, 'terminationMessagePath', '/dev/termination-log')
  setDefault(c, 'terminationMessagePolicy', 'File')
  setDefault(c, 'resources', {})
  for (const p of Array.isArray(c.ports) ? c.ports : [])
    if (isObject(p)) setDefault(p, 'protocol', 'TCP')
  for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = c[k]
    if (!isObject(probe)) continue
    setDefault(probe, 'timeoutSeconds', 1)
    setDefault(probe, 'periodSeconds', 10)
    setDefault(probe, 'successThreshold', 1)
    setDefault(probe, 'failureThreshold', 3)
    if (isObject(probe.httpGet)) {
      setDefault(probe.httpGet, 'path', '/')
      setDefault(probe.httpGet, 'scheme', 'HTTP')
    }
  }
}

/** Sets a PodSpec's defaults (also inside templates), as SetDefaults_PodSpec does. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always')
  setDefault(spec, 'terminationGracePeriodSeconds', 30)
  setDefault(spec, 'dnsPolicy', 'ClusterFirst')
  setDefault(spec, 'securityContext', {})
  setDefault(spec, 'schedulerName', 'default-scheduler')
  if (spec.serviceAccountName === undefined && typeof spec.serviceAccount === 'string') {
    spec.serviceAccountName = spec.serviceAccount
  }
  for (const key of ['containers', 'initContainers']) {
    for (const c of Array.isArray(spec[key]) ? spec[key] : []) if (isObject(c)) defaultContainer(c)
  }
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isObject(v)) continue
    if (isObject(v.secret)) setDefault(v.secret, 'defaultMode', 420)
    if (isObject(v.configMap)) setDefault(v.configMap, 'defaultMode', 420)
    if (isObject(v.hostPath)) setDefault(v.hostPath, 'type', '')
  }
}

/**
 * Sets what the API server adds to a new Pod: spec defaults, the service account (ServiceAccount
 * admission), the not-ready/unreachable tolerations (DefaultTolerationSeconds admission) and the
 * initial status.
 */
export function defaultPod(pod: Obj): void {
  const spec = (isObject(pod.spec) ? pod.spec : (pod.spec = {})) as Obj
  defaultPodSpec(spec)
  setDefault(spec, 'serviceAccountName', 'default')
  setDefault(spec, 'serviceAccount', spec.serviceAccountName)
  setDefault(spec, 'priority', 0)
  const tolerations = (
    Array.isArray(spec.tolerations) ? spec.tolerations : (spec.tolerations = [])
  ) as Obj[]
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (tolerations.some((t) => t.key === key || (t.operator === 'Exists' && t.key === undefined)))
      continue
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
  }
}

/** Returns the QoS class of a pod spec (Guaranteed, Burstable or BestEffort). */
export function qosClass(spec: Obj): string {
  const containers = [
    ...(Array.isArray(spec.containers) ? spec.containers : []),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
  ].filter(isObject)
  let any = false
  let guaranteed = containers.length > 0
  for (const c of containers) {
    const r = asObject(c.resources)
    const req = asObject(r.requests)
    const lim = asObject(r.limits)
    if (Object.keys(req).length || Object.keys(lim).length) any = true
    for (const k of ['cpu', 'memory']) {
      if (lim[k] === undefined || (req[k] !== undefined && req[k] !== lim[k])) guaranteed = false
    }
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable'
}

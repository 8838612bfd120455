import type { ResourceInfo } from '../../api/resources/index.js'
import { apiVersionOf, isObject, type KubeObject } from '../../api/types.js'
import { defaultPod, qosClass } from './defaults/pod-defaults.js'
import { defaultService } from './defaults/service-defaults.js'
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultStatefulSet,
} from './defaults/workload-defaults.js'

type Obj = Record<string, unknown>

/** How the registry treats one storage: defaults, status handling, generation. */
export interface Strategy {
  /** Status is written only through the status subresource. */
  statusSubresource: boolean
  /** metadata.generation is kept and bumped on spec changes. */
  generation: boolean
  /** Sets the defaults of a new or updated object in the version it was sent as. */
  defaults(obj: KubeObject, info: ResourceInfo, uid: string): void
  /** Resets what a client may not set on create (status), and sets initial status. */
  prepareForCreate(obj: KubeObject): void
}

const NONE: Strategy = {
  statusSubresource: false,
  generation: false,
  defaults: () => undefined,
  prepareForCreate: () => undefined,
}

function withStatus(
  defaults: Strategy['defaults'],
  initialStatus: () => Obj = () => ({})
): Strategy {
  return {
    statusSubresource: true,
    generation: true,
    defaults,
    prepareForCreate: (obj) => {
      obj.status = initialStatus()
    },
  }
}

const STRATEGIES: Record<string, Strategy> = {
  pods: {
    statusSubresource: true,
    generation: false,
    defaults: (obj) => defaultPod(obj),
    prepareForCreate: (obj) => {
      obj.status = { phase: 'Pending', qosClass: qosClass(isObject(obj.spec) ? obj.spec : {}) }
    },
  },
  services: {
    statusSubresource: true,
    generation: false,
    defaults: (obj) => defaultService(obj),
    prepareForCreate: (obj) => {
      obj.status = { loadBalancer: {} }
    },
  },
  namespaces: {
    statusSubresource: true,
    generation: false,
    defaults: (obj) => {
      const spec = (isObject(obj.spec) ? obj.spec : (obj.spec = {})) as Obj
      if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes']
    },
    prepareForCreate: (obj) => {
      obj.status = { phase: 'Active' }
    },
  },
  nodes: { ...NONE, statusSubresource: true },
  deployments: withStatus((o, info) =>
    defaultDeployment(o, apiVersionOf(info.group, info.version))
  ),
  replicasets: withStatus(
    (o, info) => defaultReplicaSet(o, apiVersionOf(info.group, info.version)),
    () => ({ replicas: 0 })
  ),
  daemonsets: withStatus(
    (o, info) => defaultDaemonSet(o, apiVersionOf(info.group, info.version)),
    () => ({
      currentNumberScheduled: 0,
      desiredNumberScheduled: 0,
      numberMisscheduled: 0,
      numberReady: 0,
    })
  ),
  'statefulsets.apps': withStatus(
    (o, info) => defaultStatefulSet(o, apiVersionOf(info.group, info.version)),
    () => ({ replicas: 0 })
  ),
  'jobs.batch': withStatus((o, _info, uid) => defaultJob(o, uid)),
  'cronjobs.batch': withStatus((o) => defaultCronJob(o)),
  replicationcontrollers: withStatus(
    () => undefined,
    () => ({ replicas: 0 })
  ),
  'horizontalpodautoscalers.autoscaling': withStatus(() => undefined),
  'poddisruptionbudgets.policy': withStatus(() => undefined),
  ingresses: withStatus(
    () => undefined,
    () => ({ loadBalancer: {} })
  ),
  'customresourcedefinitions.apiextensions.k8s.io': withStatus(() => undefined),
  secrets: {
    ...NONE,
    defaults: (obj) => {
      if (obj.type === undefined) obj.type = 'Opaque'
    },
  },
}

/** Returns the strategy of a resource; custom resources with a status subresource keep generations. */
export function strategyFor(info: ResourceInfo): Strategy {
  const s = STRATEGIES[info.storage]
  if (s) return s
  if (info.crd) {
    const hasStatus = info.subresources.some((r) => r.name === 'status')
    return { ...NONE, statusSubresource: hasStatus, generation: true }
  }
  return NONE
}

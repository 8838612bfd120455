import { StatusError } from '../../../errors.js'
import { isObject } from '../../../types.js'
import { defaultPod, qosClass } from '../../defaults/pod-defaults.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'
import { conditionTimes } from '../../strategies/condition-times.js'
import { validatePodSpec } from '../../validation/pod-spec.js'

/**
 * Pod (core): namespaced; a bound, running pod is deleted gracefully (its kubelet finishes the
 * deletion after the grace period).
 */
export default {
  group: '',
  kind: 'Pod',
  resource: 'pods',
  namespaced: true,
  shortNames: ['po'],
  all: true,
  sub: {
    status: 'Pod',
    log: 'Pod',
    binding: 'Binding',
    eviction: ['Eviction', 'policy', 'v1beta1'],
  },
  served: [['v1', 0, LAST]],
  strategy: {
    statusSubresource: true,
    defaults: (obj) => defaultPod(obj),
    // PodCondition's fields in the Go struct's order.
    canonicalize: conditionTimes(
      ['type', 'status', 'lastProbeTime', 'lastTransitionTime', 'reason', 'message'],
      ['lastProbeTime', 'lastTransitionTime']
    ),
    prepareForCreate: (obj) => {
      obj.status = { phase: 'Pending', qosClass: qosClass(isObject(obj.spec) ? obj.spec : {}) }
    },
    validate: (obj) => validatePodSpec(obj.spec, 'spec'),
    streamedSubresources: ['exec', 'attach', 'portforward'],
    // A pod's port (80 unless named) at its IP.
    proxyTarget: (obj, _raw, port) => {
      const host = isObject(obj.status) ? String(obj.status.podIP ?? '') : ''
      if (!host)
        throw new StatusError(
          503,
          'ServiceUnavailable',
          `pod ${obj.metadata.name ?? ''} does not have a pod IP`
        )
      return { host, port: port || '80', what: 'pod' }
    },
    gracePeriodSeconds: (old, requested) => {
      const spec = isObject(old.spec) ? old.spec : {}
      // Pods not yet bound to a node, or already finished, go at once (CheckGracefulDelete).
      const phase = isObject(old.status) ? old.status.phase : undefined
      if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0
      return (
        requested ??
        (typeof spec.terminationGracePeriodSeconds === 'number'
          ? spec.terminationGracePeriodSeconds
          : 30)
      )
    },
  },
} satisfies ResourceRecord

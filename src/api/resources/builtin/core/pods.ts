import { newPodPrinter } from '../../../printers/index.js'
import { CONDITIONS, mergeBy, rootMeta } from '../../../patch/patch-meta.js'
import { POD_SPEC } from '../../patch-meta/pod-template-meta.js'
import {
  asString,
  field,
  fieldAt,
  OBJECT_META_FIELDS,
  pathField,
  triggerField,
} from '../../../selectors/selectable-field.js'
import { StatusError } from '../../../errors.js'
import { asObject, isObject } from '../../../types.js'
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
      obj.status = { phase: 'Pending', qosClass: qosClass(asObject(obj.spec)) }
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
      const spec = asObject(old.spec)
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
  printer: (o) => newPodPrinter(o.restarts),
  patchMeta: rootMeta(
    {
      spec: POD_SPEC,
      status: { fields: { conditions: CONDITIONS, podIPs: mergeBy('ip'), hostIPs: mergeBy('ip') } },
    },
    { spec: { containers: null }, status: {} }
  ),
  fields: [
    ...OBJECT_META_FIELDS,
    // A kubelet's watch of its node's pods hears only them.
    triggerField(pathField('spec.nodeName')),
    pathField('spec.restartPolicy'),
    pathField('spec.schedulerName'),
    pathField('spec.serviceAccountName'),
    pathField('spec.hostNetwork', 'bool', 28),
    pathField('status.phase'),
    // status.podIPs[0] when status.podIP is unset.
    field('status.podIP', (o) => {
      const ip = asString(fieldAt(o, 'status', 'podIP'))
      const ips = fieldAt(o, 'status', 'podIPs')
      return ip !== '' || !Array.isArray(ips) ? ip : asString(fieldAt(ips[0], 'ip'))
    }),
    pathField('status.nominatedNodeName'),
  ],
} satisfies ResourceRecord

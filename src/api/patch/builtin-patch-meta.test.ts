import { expect } from 'chai'
import { isStatusError } from '../errors.js'
import { patchMetaFor } from './builtin-patch-meta.js'
import { childMeta, itemMeta, listKeysOf, listTypeOf, type PatchMeta } from './patch-meta.js'
import { SMP_UNSUPPORTED_MESSAGE, smpUnsupported } from './patch-errors.js'

/** Returns the metadata at a dotted path; `[]` steps into list items. */
function at(meta: PatchMeta | undefined, path: string): PatchMeta | undefined {
  return path.split('.').reduce<PatchMeta | undefined>((m, step) => {
    return step.endsWith('[]') ? itemMeta(childMeta(m, step.slice(0, -2))) : childMeta(m, step)
  }, meta)
}

const TEMPLATE = 'spec.template.spec'

describe('patchMetaFor()', () => {
  const tags: [
    apiVersion: string,
    kind: string,
    path: string,
    strategy: string | undefined,
    key: string | undefined,
  ][] = [
    ['v1', 'Pod', 'spec.containers', 'merge', 'name'],
    ['v1', 'Pod', 'spec.initContainers', 'merge', 'name'],
    ['v1', 'Pod', 'spec.containers[].ports', 'merge', 'containerPort'],
    ['v1', 'Pod', 'spec.containers[].env', 'merge', 'name'],
    ['v1', 'Pod', 'spec.containers[].volumeMounts', 'merge', 'mountPath'],
    ['v1', 'Pod', 'spec.volumes', 'merge,retainKeys', 'name'],
    ['v1', 'Pod', 'spec.imagePullSecrets', 'merge', 'name'],
    ['v1', 'Pod', 'spec.tolerations', undefined, undefined],
    ['v1', 'Pod', 'status.conditions', 'merge', 'type'],
    ['v1', 'Service', 'spec.ports', 'merge', 'port'],
    ['v1', 'Node', 'status.conditions', 'merge', 'type'],
    ['v1', 'ConfigMap', 'metadata.ownerReferences', 'merge', 'uid'],
    ['v1', 'ConfigMap', 'metadata.finalizers', 'merge', undefined],
    ['apps/v1', 'Deployment', `${TEMPLATE}.containers`, 'merge', 'name'],
    ['apps/v1', 'Deployment', 'spec.strategy', 'retainKeys', undefined],
    ['apps/v1', 'Deployment', 'status.conditions', 'merge', 'type'],
    ['apps/v1beta1', 'Deployment', `${TEMPLATE}.containers[].env`, 'merge', 'name'],
    ['apps/v1beta2', 'StatefulSet', `${TEMPLATE}.volumes`, 'merge,retainKeys', 'name'],
    [
      'extensions/v1beta1',
      'Deployment',
      `${TEMPLATE}.containers[].ports`,
      'merge',
      'containerPort',
    ],
    ['extensions/v1beta1', 'DaemonSet', `${TEMPLATE}.initContainers`, 'merge', 'name'],
    ['apps/v1', 'ReplicaSet', 'spec.template.metadata.ownerReferences', 'merge', 'uid'],
    ['batch/v1', 'Job', `${TEMPLATE}.containers`, 'merge', 'name'],
    ['batch/v1beta1', 'CronJob', `spec.jobTemplate.${TEMPLATE}.containers`, 'merge', 'name'],
    [
      'admissionregistration.k8s.io/v1beta1',
      'MutatingWebhookConfiguration',
      'webhooks',
      'merge',
      'name',
    ],
  ]
  for (const [apiVersion, kind, path, strategy, key] of tags) {
    it(`${apiVersion} ${kind} ${path}: ${strategy ?? 'no strategy'}${key ? ` by ${key}` : ''}`, () => {
      const m = at(patchMetaFor(apiVersion, kind), path)
      expect(m?.patchStrategy).to.equal(strategy)
      expect(m?.patchMergeKey).to.equal(key)
    })
  }

  const ssa: [apiVersion: string, kind: string, path: string, type: string, keys: string[]][] = [
    ['v1', 'Pod', 'spec.containers[].ports', 'map', ['containerPort', 'protocol']],
    ['v1', 'Service', 'spec.ports', 'map', ['port', 'protocol']],
    ['v1', 'Pod', 'metadata.finalizers', 'set', []],
    ['v1', 'Pod', 'spec.tolerations', 'atomic', []],
    ['batch/v1', 'Job', 'status.conditions', 'atomic', ['type']],
  ]
  for (const [apiVersion, kind, path, type, keys] of ssa) {
    it(`${apiVersion} ${kind} ${path}: SSA list type ${type}`, () => {
      const m = at(patchMetaFor(apiVersion, kind), path)
      expect(listTypeOf(m)).to.equal(type)
      expect(listKeysOf(m)).to.deep.equal(keys)
    })
  }

  it('marks label selectors atomic for server-side apply', () => {
    expect(at(patchMetaFor('apps/v1', 'Deployment'), 'spec.selector')?.mapType).to.equal('atomic')
  })

  it('gives plain metadata to built-in kinds without special fields', () => {
    expect(
      at(patchMetaFor('rbac.authorization.k8s.io/v1', 'ClusterRole'), 'metadata.finalizers')
        ?.patchStrategy
    ).to.equal('merge')
  })

  for (const apiVersion of [
    'networking.istio.io/v1alpha3',
    'config.istio.io/v1alpha2',
    'gateway.networking.k8s.io/v1',
  ]) {
    it(`has no metadata for custom resources (${apiVersion})`, () => {
      expect(patchMetaFor(apiVersion, 'VirtualService')).to.equal(undefined)
    })
  }

  it('smpUnsupported() is the 415 kube-apiserver answers SMP on custom resources with', () => {
    const err = smpUnsupported()
    expect(isStatusError(err, 'UnsupportedMediaType')).to.equal(true)
    expect(err.code).to.equal(415)
    expect(err.message).to.equal(SMP_UNSUPPORTED_MESSAGE)
    expect(err.message).to.match(
      /^the body of the request was in an unknown format - accepted media types include: application\/json-patch\+json, /
    )
    expect(
      smpUnsupported(['application/json-patch+json', 'application/merge-patch+json']).message
    ).to.equal(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json'
    )
  })
})

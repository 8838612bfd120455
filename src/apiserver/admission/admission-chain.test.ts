import { expect } from 'chai'
import { isStatusError, StatusError } from '../../api/errors.js'
import { parseKubeVersion, ResourceCatalog } from '../../api/resources/index.js'
import type { KubeObject } from '../../api/types.js'
import { MemoryStore } from '../storage/index.js'
import {
  AdmissionChain,
  MutatingWebhookPlugin,
  type AdmissionAttributes,
  type WebhookBehaviour,
} from './index.js'

const catalog = new ResourceCatalog(parseKubeVersion('1.11.1'))
const podsInfo = catalog.lookup('', 'v1', 'pods')!
const cmInfo = catalog.lookup('', 'v1', 'configmaps')!

function attrs(o: Partial<AdmissionAttributes> = {}): AdmissionAttributes {
  return {
    operation: 'CREATE',
    info: podsInfo,
    namespace: 'apps',
    name: 'p',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'apps' },
      spec: { containers: [] },
    },
    dryRun: false,
    user: 'admin',
    ...o,
  }
}

async function rejection(p: Promise<unknown>): Promise<StatusError> {
  try {
    await p
  } catch (err) {
    if (isStatusError(err)) return err
    throw err
  }
  throw new Error('expected a rejection')
}

describe('AdmissionChain', () => {
  it('runs mutating plugins in order, each on the previous result, then validating plugins', async () => {
    const chain = new AdmissionChain()
    const seen: string[] = []
    chain.addMutating({
      name: 'first',
      admit: async (a) => ({
        ...a.object!,
        metadata: { ...a.object!.metadata, labels: { first: 'yes' } },
      }),
    })
    chain.addMutating({
      name: 'second',
      admit: async (a) => {
        seen.push(`second saw ${JSON.stringify(a.object?.metadata.labels)}`)
        return { ...a.object!, metadata: { ...a.object!.metadata, annotations: { second: 'yes' } } }
      },
    })
    chain.addValidating({
      name: 'v',
      validate: async (a) => void seen.push(`validate ${a.operation}`),
    })
    const out = await chain.mutate(attrs())
    await chain.validate(attrs())
    expect(out?.metadata).to.deep.include({
      labels: { first: 'yes' },
      annotations: { second: 'yes' },
    })
    expect(seen).to.deep.equal(['second saw {"first":"yes"}', 'validate CREATE'])
  })

  it('passes a validating refusal through', async () => {
    const chain = new AdmissionChain()
    chain.addValidating({
      name: 'no',
      validate: async () => {
        throw new StatusError(403, 'Forbidden', 'pods "p" is forbidden: no')
      },
    })
    const err = await rejection(chain.validate(attrs()))
    expect(err.code).to.equal(403)
  })

  it('returns the object unchanged with no plugins', async () => {
    const a = attrs()
    expect(await new AdmissionChain().mutate(a)).to.equal(a.object)
  })
})

describe('MutatingWebhookPlugin', () => {
  const INJECTOR_IMAGE = 'docker.io/istio/sidecar_injector:1.0.0'
  let store: MemoryStore
  let calls: string[]

  const inject: WebhookBehaviour = async (review) => {
    calls.push(`${review.request.operation} ${review.request.namespace}/${review.request.name}`)
    return {
      allowed: true,
      patch: [{ op: 'add', path: '/metadata/annotations', value: { injected: 'true' } }],
    }
  }
  const deny: WebhookBehaviour = async () => ({
    allowed: false,
    status: { message: 'not today', code: 403 },
  })

  function plugin(): MutatingWebhookPlugin {
    const behaviours: Record<string, WebhookBehaviour> = {
      [INJECTOR_IMAGE]: inject,
      'deny:1': deny,
    }
    return new MutatingWebhookPlugin(store, { lookup: (image) => behaviours[image] }, () => 'uid-1')
  }

  function namespace(name: string, labels: Record<string, string> = {}): void {
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })
  }

  function webhook(name: string, extra: Record<string, unknown> = {}): void {
    store.create('mutatingwebhookconfigurations.admissionregistration.k8s.io', {
      apiVersion: 'admissionregistration.k8s.io/v1beta1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name },
      webhooks: [
        {
          name: `${name}.example.com`,
          clientConfig: { service: { name: 'injector', namespace: 'system', path: '/inject' } },
          rules: [
            { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] },
          ],
          namespaceSelector: { matchLabels: { injection: 'enabled' } },
          ...extra,
        },
      ],
    })
  }

  function endpoint(image: string): void {
    store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'injector-0', namespace: 'system' },
      spec: { containers: [{ name: 'c', image }] },
    })
    store.create('endpoints', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'injector', namespace: 'system' },
      subsets: [
        {
          addresses: [
            {
              ip: '10.244.0.9',
              targetRef: { kind: 'Pod', name: 'injector-0', namespace: 'system' },
            },
          ],
        },
      ],
    })
  }

  beforeEach(() => {
    store = new MemoryStore({ windowSize: 100 })
    calls = []
    namespace('apps', { injection: 'enabled' })
    namespace('plain')
  })

  it('applies the patch of a matching webhook answered by a known behaviour', async () => {
    webhook('inject')
    endpoint(INJECTOR_IMAGE)
    const out = (await plugin().admit(attrs())) as KubeObject
    expect(out.metadata.annotations).to.deep.equal({ injected: 'true' })
    expect(calls).to.deep.equal(['CREATE apps/p'])
  })

  it('skips namespaces outside the namespaceSelector and requests outside the rules', async () => {
    webhook('inject')
    endpoint(INJECTOR_IMAGE)
    const p = plugin()
    const a = attrs({ namespace: 'plain' })
    expect(await p.admit(a)).to.equal(a.object)
    const update = attrs({ operation: 'UPDATE' })
    expect(await p.admit(update)).to.equal(update.object)
    const cm = attrs({
      info: cmInfo,
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    })
    expect(await p.admit(cm)).to.equal(cm.object)
    expect(calls).to.deep.equal([])
  })

  it('ignores an unreachable webhook by default (failurePolicy Ignore)', async () => {
    webhook('inject')
    const a = attrs()
    expect(await plugin().admit(a)).to.equal(a.object)
  })

  it('fails with 500 and Kubernetes text when failurePolicy is Fail and nothing answers', async () => {
    webhook('inject', { failurePolicy: 'Fail' })
    const err = await rejection(plugin().admit(attrs()))
    expect(err.code).to.equal(500)
    expect(err.message).to.equal(
      'Internal error occurred: failed calling admission webhook "inject.example.com": Post https://injector.system.svc:443/inject: no endpoints available for service "injector"'
    )
    endpoint('unknown/image:1')
    const refused = await rejection(plugin().admit(attrs()))
    expect(refused.message).to.contain('connect: connection refused')
  })

  it('turns a denial into the webhook status code and message', async () => {
    webhook('deny')
    endpoint('deny:1')
    const err = await rejection(plugin().admit(attrs()))
    expect(err.code).to.equal(403)
    expect(err.message).to.equal(
      'admission webhook "deny.example.com" denied the request: not today'
    )
  })
})

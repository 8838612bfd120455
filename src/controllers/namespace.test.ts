import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { Refs } from '../client/index.js'
import {
  createNamespace,
  listIn,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '../testing/controllers/controller-helpers.js'
import { widgetsCrd } from '../testing/apiserver/index.js'
import { CRD_V1BETA1 as CRD } from '../testing/controllers/crd-ref.js'

const WIDGETS = { apiVersion: 'example.com/v1', resource: 'widgets', namespaced: true }

const gone = (t: TestCluster, name: string) => async () => {
  try {
    await t.client.get(Refs.namespaces, name)
    return false
  } catch {
    return true
  }
}

describe('namespace controller', () => {
  let t: TestCluster
  before(async () => {
    t = await startTestCluster({
      controllers: [
        'namespace',
        'deployment',
        'replicaset',
        'garbagecollector',
        'serviceaccount',
        'serviceaccount-token',
      ],
    })
    await t.client.create(CRD, widgetsCrd())
  })
  after(() => t.stop())

  it('deletes everything in a terminating namespace, then the namespace', async () => {
    await createNamespace(t.client, 'doomed')
    await t.client.create(Refs.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'doomed' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    })
    await t.client.create(Refs.configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'doomed' },
      data: { a: 'b' },
    })
    await t.client.create(Refs.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', namespace: 'doomed' },
      spec: { ports: [{ port: 80 }] },
    })
    await waitFor('widget created', () =>
      t.client.create(WIDGETS, {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'doomed' },
      })
    )
    await waitFor('pods', async () => (await listIn(t.client, Refs.pods, 'doomed')).length === 2)
    const ns = await t.client.delete(Refs.namespaces, 'doomed')
    expect((ns.status as { phase?: string }).phase).to.equal('Terminating')
    await waitFor('namespace gone', gone(t, 'doomed'))
    for (const ref of [
      Refs.pods,
      Refs.replicaSets,
      Refs.deployments,
      Refs.configMaps,
      Refs.services,
      Refs.serviceAccounts,
      Refs.secrets,
      WIDGETS,
    ]) {
      expect(
        await listIn(t.client, ref as (typeof Refs)['pods'], 'doomed'),
        ref.resource
      ).to.have.length(0)
    }
  })

  it('waits for an object held by a finalizer (negative), then finishes', async () => {
    await createNamespace(t.client, 'held')
    await t.client.create(Refs.configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'hold', namespace: 'held', finalizers: ['example.com/hold'] },
    })
    await t.client.delete(Refs.namespaces, 'held')
    await waitFor(
      'configmap marked',
      async () => !!(await t.client.get(Refs.configMaps, 'hold', 'held')).metadata.deletionTimestamp
    )
    await new Promise((r) => setTimeout(r, 100))
    const ns = await t.client.get(Refs.namespaces, 'held')
    expect((ns.status as { phase?: string }).phase).to.equal('Terminating')
    expect((ns.spec as { finalizers?: string[] }).finalizers).to.deep.equal(['kubernetes'])
    const cm = await t.client.get(Refs.configMaps, 'hold', 'held')
    await t.client.update(Refs.configMaps, { ...cm, metadata: { ...cm.metadata, finalizers: [] } })
    await waitFor('namespace gone', gone(t, 'held'))
  })

  it('gives a new namespace a default ServiceAccount with a token Secret', async () => {
    await createNamespace(t.client, 'fresh')
    const sa = await waitFor('default SA with a secret', async () => {
      const a = await t.client.get<KubeObject & { secrets?: { name: string }[] }>(
        Refs.serviceAccounts,
        'default',
        'fresh'
      )
      return (a.secrets?.length ?? 0) > 0 && a
    })
    const secretName = sa.secrets![0]!.name
    expect(secretName).to.match(/^default-token-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    const secret = await t.client.get<
      KubeObject & { type?: string; data?: Record<string, string> }
    >(Refs.secrets, secretName, 'fresh')
    expect(secret.type).to.equal('kubernetes.io/service-account-token')
    expect(secret.metadata.annotations).to.include({
      'kubernetes.io/service-account.name': 'default',
      'kubernetes.io/service-account.uid': sa.metadata.uid,
    })
    expect(Buffer.from(secret.data?.namespace ?? '', 'base64').toString()).to.equal('fresh')
    const claims = JSON.parse(
      Buffer.from(
        Buffer.from(secret.data?.token ?? '', 'base64')
          .toString()
          .split('.')[1] ?? '',
        'base64url'
      ).toString()
    ) as Record<string, string>
    expect(claims.sub).to.equal('system:serviceaccount:fresh:default')
  })

  it('recreates a deleted default ServiceAccount, and a deleted token Secret', async () => {
    await createNamespace(t.client, 'again')
    const first = await waitFor('SA', async () => {
      const a = await t.client.get<KubeObject & { secrets?: { name: string }[] }>(
        Refs.serviceAccounts,
        'default',
        'again'
      )
      return (a.secrets?.length ?? 0) > 0 && a
    })
    await t.client.delete(Refs.secrets, first.secrets![0]!.name, 'again')
    const second = await waitFor('a new token', async () => {
      const a = await t.client.get<KubeObject & { secrets?: { name: string }[] }>(
        Refs.serviceAccounts,
        'default',
        'again'
      )
      return a.secrets?.length === 1 && a.secrets[0]!.name !== first.secrets![0]!.name && a
    })
    expect(second.metadata.uid).to.equal(first.metadata.uid)
    await t.client.delete(Refs.serviceAccounts, 'default', 'again')
    const third = await waitFor('a new SA', async () => {
      const a = await t.client.get(Refs.serviceAccounts, 'default', 'again')
      return a.metadata.uid !== first.metadata.uid && a
    })
    // The old account's token goes with it.
    await waitFor('old token deleted', async () => {
      const tokens = await listIn<KubeObject>(t.client, Refs.secrets, 'again')
      return (
        tokens.every(
          (s) =>
            s.metadata.annotations?.['kubernetes.io/service-account.uid'] === third.metadata.uid
        ) && tokens.length === 1
      )
    })
  })
})

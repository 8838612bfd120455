import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeClient } from '../client/index.js'
import { pollUntil } from './cluster-lab.js'

const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }

async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  if (!(await pollUntil(fn, performance.now() + timeoutMs)))
    throw new Error(`benchmark timed out waiting for ${what}`)
}

/** Returns the seconds to create `count` pods whose creation goes through the Istio injector webhook. */
export async function injectedPods(
  client: KubeClient,
  root: string,
  count: number
): Promise<number> {
  const { manifestObjects } = await import('../istio/index.js')
  const objs = manifestObjects(readFileSync(join(root, 'fixtures', 'istio', 'istio.yaml'), 'utf8'))
  const wanted = new Set([
    'Namespace',
    'ConfigMap',
    'ServiceAccount',
    'Deployment',
    'Service',
    'MutatingWebhookConfiguration',
  ])
  for (const o of objs.filter(
    (x) =>
      wanted.has(String(x.kind)) &&
      (x.kind !== 'Deployment' || x.metadata.name === 'istio-sidecar-injector')
  )) {
    const [group, version] = String(o.apiVersion).includes('/')
      ? String(o.apiVersion).split('/')
      : ['', String(o.apiVersion)]
    const resource = `${String(o.kind).toLowerCase()}${String(o.kind).endsWith('s') ? 'es' : 's'}`
    await client
      .create(
        {
          apiVersion: group ? `${group}/${version}` : version!,
          resource,
          namespaced: o.kind !== 'Namespace' && o.kind !== 'MutatingWebhookConfiguration',
        },
        o
      )
      .catch(() => undefined)
  }
  await until(
    async () => {
      const eps = await client
        .get(
          { apiVersion: 'v1', resource: 'endpoints', namespaced: true },
          'istio-sidecar-injector',
          'istio-system'
        )
        .catch(() => undefined)
      return !!eps && JSON.stringify(eps).includes('"addresses"')
    },
    120_000,
    'the injector to be ready'
  )
  await client.create(NAMESPACES, {
    metadata: { name: 'mesh', labels: { 'istio-injection': 'enabled' } },
  })
  const pods = { apiVersion: 'v1', resource: 'pods', namespaced: true }
  const t = performance.now()
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) =>
        client.create(pods, {
          metadata: {
            name: `p${i + j}`,
            namespace: 'mesh',
            annotations: { 'sidecar.istio.io/inject': 'true' },
          },
          spec: {
            nodeName: 'none',
            containers: [{ name: 'app', image: 'nginx:1.15', ports: [{ containerPort: 80 }] }],
          },
        })
      )
    )
  }
  const seconds = (performance.now() - t) / 1000
  const sample = await client.get(pods, 'p0', 'mesh')
  const names = ((sample.spec as { containers: { name: string }[] }).containers ?? []).map(
    (c) => c.name
  )
  if (names[names.length - 1] !== 'istio-proxy')
    throw new Error(`benchmark pods were not injected (containers: ${names.join(', ')})`)
  return seconds
}

import { expect } from 'chai'
import { patchMetaFor } from './builtin-patch-meta.js'
import { applyStrategicMergePatch } from './strategic-merge-patch.js'
import type { Json } from '../../testing/api/patch-fixtures.js'

const deployMeta = patchMetaFor('apps/v1', 'Deployment')
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

const deployment = (): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'onap',
    finalizers: ['a', 'b'],
    annotations: { [LAST_APPLIED]: '{}\n' },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.14',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
          { name: 'side', image: 'busybox' },
        ],
        tolerations: [{ key: 'x', operator: 'Exists' }],
        nodeSelector: { disk: 'ssd' },
      },
    },
  },
})

const podSpec = (o: unknown): Json => (o as Json).spec.template.spec

describe('applyStrategicMergePatch()', () => {
  describe('kubectl bodies on a Deployment', () => {
    const cases: { name: string; patch: Json; check: (out: Json) => void }[] = [
      {
        name: 'kubectl set image (with $setElementOrder/containers)',
        patch: {
          spec: {
            template: {
              spec: {
                '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }],
                containers: [{ image: 'nginx:1.15', name: 'web' }],
              },
            },
          },
        },
        check: (o) => {
          expect(podSpec(o).containers.map((c: Json) => `${c.name}=${c.image}`)).to.deep.equal([
            'web=nginx:1.15',
            'side=busybox',
          ])
          expect(podSpec(o).containers[0].env).to.have.length(2)
          expect(podSpec(o)).to.not.have.property('$setElementOrder/containers')
        },
      },
      {
        name: 'kubectl rollout restart',
        patch: {
          spec: {
            template: {
              metadata: {
                annotations: { 'kubectl.kubernetes.io/restartedAt': '2018-08-01T10:00:00Z' },
              },
            },
          },
        },
        check: (o) => {
          expect(o.spec.template.metadata).to.deep.equal({
            labels: { app: 'web' },
            annotations: { 'kubectl.kubernetes.io/restartedAt': '2018-08-01T10:00:00Z' },
          })
        },
      },
      {
        name: 'kubectl apply (client-side): last-applied annotation and replicas',
        patch: {
          metadata: { annotations: { [LAST_APPLIED]: '{"kind":"Deployment"}\n' } },
          spec: { replicas: 3 },
        },
        check: (o) => {
          expect(o.metadata.annotations[LAST_APPLIED]).to.equal('{"kind":"Deployment"}\n')
          expect(o.spec.replicas).to.equal(3)
          expect(podSpec(o).containers).to.have.length(2)
        },
      },
      {
        name: 'kubectl apply removing an env var and adding a port',
        patch: {
          spec: {
            template: {
              spec: {
                '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }],
                containers: [
                  {
                    '$setElementOrder/env': [{ name: 'B' }],
                    '$setElementOrder/ports': [{ containerPort: 80 }, { containerPort: 8080 }],
                    env: [{ $patch: 'delete', name: 'A' }],
                    name: 'web',
                    ports: [{ containerPort: 8080 }],
                  },
                ],
              },
            },
          },
        },
        check: (o) => {
          const web = podSpec(o).containers[0]
          expect(web.env).to.deep.equal([{ name: 'B', value: '2' }])
          expect(web.ports).to.deep.equal([
            { containerPort: 80, protocol: 'TCP' },
            { containerPort: 8080 },
          ])
        },
      },
      {
        name: 'kubectl apply switching the strategy to Recreate ($retainKeys)',
        patch: {
          spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } },
        },
        check: (o) => expect(o.spec.strategy).to.deep.equal({ type: 'Recreate' }),
      },
      {
        name: '$retainKeys clears the live fields it does not list',
        patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
        check: (o) => expect(o.spec.strategy).to.deep.equal({ type: 'Recreate' }),
      },
      {
        name: 'finalizers: union, $deleteFromPrimitiveList and $setElementOrder',
        patch: {
          metadata: {
            '$deleteFromPrimitiveList/finalizers': ['a'],
            '$setElementOrder/finalizers': ['c', 'b'],
            finalizers: ['c'],
          },
        },
        check: (o) => expect(o.metadata.finalizers).to.deep.equal(['c', 'b']),
      },
      {
        name: 'finalizers: a value the live list lacks goes before the server-only ones',
        patch: { metadata: { finalizers: ['c'] } },
        check: (o) => expect(o.metadata.finalizers).to.deep.equal(['c', 'a', 'b']),
      },
      {
        name: 'finalizers: patch values keep their place relative to live ones',
        patch: { metadata: { finalizers: ['b', 'c'] } },
        check: (o) => expect(o.metadata.finalizers).to.deep.equal(['a', 'b', 'c']),
      },
      {
        name: 'a list without merge key (tolerations) is replaced',
        patch: {
          spec: { template: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } } },
        },
        check: (o) =>
          expect(podSpec(o).tolerations).to.deep.equal([{ key: 'y', operator: 'Exists' }]),
      },
      {
        name: 'a list item $patch: replace replaces the whole list',
        patch: {
          spec: {
            template: {
              spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] },
            },
          },
        },
        check: (o) => expect(podSpec(o).containers).to.deep.equal([{ name: 'only', image: 'x' }]),
      },
      {
        name: 'a map $patch: replace replaces the map',
        patch: {
          spec: { template: { metadata: { labels: { $patch: 'replace', tier: 'front' } } } },
        },
        check: (o) => expect(o.spec.template.metadata.labels).to.deep.equal({ tier: 'front' }),
      },
      {
        name: 'a map $patch: delete empties the map',
        patch: { spec: { template: { spec: { nodeSelector: { $patch: 'delete' } } } } },
        check: (o) => expect(podSpec(o).nodeSelector).to.deep.equal({}),
      },
      {
        name: 'a new field is stored without directives or nulls',
        patch: {
          spec: {
            template: {
              spec: { affinity: { nodeAffinity: null, podAffinity: { $retainKeys: ['x'] } } },
            },
          },
        },
        check: (o) => expect(podSpec(o).affinity).to.deep.equal({ podAffinity: {} }),
      },
      {
        name: 'null deletes a field',
        patch: { spec: { template: { spec: { nodeSelector: null } } } },
        check: (o) => expect(podSpec(o)).to.not.have.property('nodeSelector'),
      },
    ]
    for (const c of cases) {
      it(c.name, () => c.check(applyStrategicMergePatch(deployment(), c.patch, deployMeta) as Json))
    }

    it('does not modify its inputs', () => {
      const doc = deployment()
      const patch = {
        spec: { template: { spec: { containers: [{ $patch: 'delete', name: 'side' }] } } },
      }
      const out = applyStrategicMergePatch(doc, patch, deployMeta)
      expect(podSpec(out).containers.map((c: Json) => c.name)).to.deep.equal(['web'])
      expect(podSpec(doc).containers).to.have.length(2)
      expect(patch.spec.template.spec.containers).to.have.length(1)
    })

    it('treats a null body as no change', () => {
      expect(applyStrategicMergePatch(deployment(), null, deployMeta)).to.deep.equal(deployment())
    })
  })

  it('merges Service ports by port and ownerReferences by uid', () => {
    const svc = {
      metadata: { name: 's', ownerReferences: [{ uid: 'u1', name: 'a', kind: 'Deployment' }] },
      spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] },
    }
    const out = applyStrategicMergePatch(
      svc,
      {
        metadata: { ownerReferences: [{ uid: 'u2', name: 'b', kind: 'ReplicaSet' }] },
        spec: { ports: [{ port: 80, nodePort: 30080 }] },
      },
      patchMetaFor('v1', 'Service')
    ) as Json
    expect(out.spec.ports).to.deep.equal([
      { port: 80, targetPort: 8080, nodePort: 30080 },
      { port: 443 },
    ])
    expect(out.metadata.ownerReferences.map((r: Json) => r.uid)).to.have.members(['u1', 'u2'])
  })
})

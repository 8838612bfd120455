import { expect } from 'chai'
import { StatusError } from '../../api/errors.js'
import { encodeProtobufForTest } from './encode-protobuf-for-test.js'
import { decodeProtobufBody } from './index.js'

// Fields are given in protobufjs object form and every one of them is written, zeros included,
// as gogo does for non-pointer Go fields; the decoder must drop those zeros but keep pointers.
function decode(apiVersion: string, kind: string, fields: Record<string, unknown>) {
  return decodeProtobufBody(encodeProtobufForTest(apiVersion, kind, fields)).object
}

const MAY_1_2024_10H = 1714557600

const podSpec = {
  volumes: [
    { name: 'cache', volumeSource: { emptyDir: {} } },
    {
      name: 'cfg',
      volumeSource: {
        configMap: {
          localObjectReference: { name: 'msb-config' },
          items: [{ key: 'a', path: 'a.yaml' }],
          defaultMode: 420,
        },
      },
    },
    { name: 'sec', volumeSource: { secret: { secretName: 's', optional: false } } },
    { name: 'host', volumeSource: { hostPath: { path: '/dockerdata', type: '' } } },
    {
      name: 'data',
      volumeSource: { persistentVolumeClaim: { claimName: 'pvc', readOnly: false } },
    },
  ],
  containers: [
    {
      name: 'msb',
      image: 'nexus3.onap.org:10001/onap/msb:1.2',
      command: ['/bin/sh'],
      args: ['-c', 'run'],
      workingDir: '',
      ports: [{ name: 'http', hostPort: 0, containerPort: 8080, protocol: 'TCP', hostIP: '' }],
      env: [
        { name: 'EMPTY', value: '' },
        {
          name: 'POD_IP',
          valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } },
        },
        {
          name: 'PW',
          valueFrom: { secretKeyRef: { localObjectReference: { name: 's' }, key: 'pw' } },
        },
      ],
      resources: {
        limits: { cpu: { string: '500m' }, memory: { string: '1Gi' } },
        requests: { cpu: { string: '10m' } },
      },
      livenessProbe: {
        handler: { tcpSocket: { port: { type: 0, intVal: 8080 }, host: '' } },
        initialDelaySeconds: 10,
        timeoutSeconds: 0,
        periodSeconds: 10,
        successThreshold: 0,
        failureThreshold: 0,
      },
      readinessProbe: {
        handler: {
          httpGet: { path: '/health', port: { type: 1, strVal: 'http' }, scheme: 'HTTP' },
        },
        initialDelaySeconds: 5,
      },
      volumeMounts: [{ name: 'cfg', readOnly: true, mountPath: '/etc/cfg', subPath: '' }],
      terminationMessagePath: '',
      imagePullPolicy: 'IfNotPresent',
      securityContext: {},
      stdin: false,
      tty: false,
    },
  ],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  automountServiceAccountToken: false,
  hostNetwork: false,
  imagePullSecrets: [{ name: 'onap-docker-registry-key' }],
  tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 0 }],
}

const expectedPodSpec = {
  volumes: [
    { name: 'cache', emptyDir: {} },
    {
      name: 'cfg',
      configMap: { name: 'msb-config', items: [{ key: 'a', path: 'a.yaml' }], defaultMode: 420 },
    },
    { name: 'sec', secret: { secretName: 's', optional: false } },
    { name: 'host', hostPath: { path: '/dockerdata', type: '' } },
    { name: 'data', persistentVolumeClaim: { claimName: 'pvc' } },
  ],
  containers: [
    {
      name: 'msb',
      image: 'nexus3.onap.org:10001/onap/msb:1.2',
      command: ['/bin/sh'],
      args: ['-c', 'run'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'EMPTY' },
        {
          name: 'POD_IP',
          valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } },
        },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
      ],
      resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '10m' } },
      livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 10, periodSeconds: 10 },
      readinessProbe: {
        httpGet: { path: '/health', port: 'http', scheme: 'HTTP' },
        initialDelaySeconds: 5,
      },
      volumeMounts: [{ name: 'cfg', readOnly: true, mountPath: '/etc/cfg' }],
      imagePullPolicy: 'IfNotPresent',
      securityContext: {},
    },
  ],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  automountServiceAccountToken: false,
  imagePullSecrets: [{ name: 'onap-docker-registry-key' }],
  tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 0 }],
}

describe('messageToJson() through decodeProtobufBody()', () => {
  it('decodes a full Deployment: template, volumes, probes, strategy, selector', () => {
    const object = decode('apps/v1', 'Deployment', {
      metadata: { name: 'msb', namespace: 'onap', generation: 0, creationTimestamp: {} },
      spec: {
        replicas: 0,
        selector: {
          matchLabels: { app: 'msb' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }],
        },
        template: { metadata: { labels: { app: 'msb' }, creationTimestamp: {} }, spec: podSpec },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: {
            maxUnavailable: { type: 0, intVal: 1 },
            maxSurge: { type: 1, strVal: '25%' },
          },
        },
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        paused: false,
        progressDeadlineSeconds: 600,
      },
      status: { observedGeneration: 0, replicas: 0, conditions: [] },
    })
    expect(object).to.deep.equal({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'msb', namespace: 'onap' },
      spec: {
        replicas: 0,
        selector: {
          matchLabels: { app: 'msb' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }],
        },
        template: { metadata: { labels: { app: 'msb' } }, spec: expectedPodSpec },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    })
  })

  it('writes times as RFC 3339 seconds and omits zero times', () => {
    const object = decode('v1', 'Namespace', {
      metadata: {
        name: 'onap',
        creationTimestamp: { seconds: MAY_1_2024_10H, nanos: 123456789 },
        deletionTimestamp: { seconds: -62135596800, nanos: 0 },
        deletionGracePeriodSeconds: 0,
        managedFields: [
          {
            manager: 'kubectl',
            operation: 'Update',
            apiVersion: 'v1',
            time: { seconds: 0, nanos: 0 },
            fieldsType: 'FieldsV1',
            fieldsV1: { Raw: Buffer.from('{"f:metadata":{"f:labels":{}}}') },
          },
        ],
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })
    expect(object['metadata']).to.deep.equal({
      name: 'onap',
      creationTimestamp: '2024-05-01T10:00:00Z',
      deletionGracePeriodSeconds: 0,
      managedFields: [
        {
          manager: 'kubectl',
          operation: 'Update',
          apiVersion: 'v1',
          time: '1970-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:labels': {} } },
        },
      ],
    })
    expect(object['spec']).to.deep.equal({ finalizers: ['kubernetes'] })
    expect(object['status']).to.deep.equal({ phase: 'Active' })
  })

  it('keeps pointer booleans, empty map values and base64 bytes in Secrets and ConfigMaps', () => {
    const secret = decode('v1', 'Secret', {
      metadata: { name: 's', labels: { flag: '' } },
      immutable: false,
      data: { empty: Buffer.alloc(0), bin: Buffer.from([0, 255]) },
      stringData: { plain: 'text' },
      type: 'Opaque',
    })
    expect(secret).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', labels: { flag: '' } },
      immutable: false,
      data: { empty: '', bin: 'AP8=' },
      stringData: { plain: 'text' },
      type: 'Opaque',
    })
    const configMap = decode('v1', 'ConfigMap', {
      metadata: { name: 'c' },
      data: { k: '' },
      binaryData: { b: Buffer.from('hi') },
    })
    expect(configMap).to.deep.equal({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { k: '' },
      binaryData: { b: 'aGk=' },
    })
  })

  it('decodes a ServiceAccount with references', () => {
    const object = decode('v1', 'ServiceAccount', {
      metadata: {
        name: 'sa',
        ownerReferences: [{ kind: 'X', name: 'o', uid: 'u', apiVersion: 'v1', controller: true }],
      },
      secrets: [{ name: 'sa-token', kind: '', namespace: '' }],
      imagePullSecrets: [{ name: 'key' }],
      automountServiceAccountToken: false,
    })
    expect(object).to.deep.equal({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'sa',
        ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'u', controller: true }],
      },
      secrets: [{ name: 'sa-token' }],
      imagePullSecrets: [{ name: 'key' }],
      automountServiceAccountToken: false,
    })
  })

  it('skips fields the lab does not declare', () => {
    // metadata{name:"x"} then field 100 (varint 1), unknown to the declarations.
    const raw = Uint8Array.of(0x0a, 0x03, 0x0a, 0x01, 0x78, 0xa0, 0x06, 0x01)
    const body = encodeProtobufForTest('v1', 'Namespace', {}, { raw })
    expect(decodeProtobufBody(body).object).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x' },
    })
  })

  it('answers 400 for values JSON cannot carry', () => {
    const farFuture = encodeProtobufForTest('v1', 'Namespace', {
      metadata: { creationTimestamp: { seconds: 400000000000 } },
    })
    const badFields = encodeProtobufForTest('v1', 'Namespace', {
      metadata: { managedFields: [{ fieldsV1: { Raw: Buffer.from('{not json') } }] },
    })
    for (const body of [farFuture, badFields]) {
      try {
        decodeProtobufBody(body)
        expect.fail('expected a StatusError')
      } catch (err) {
        expect(err).to.be.instanceOf(StatusError)
        expect((err as StatusError).code).to.equal(400)
        expect((err as StatusError).message).to.match(/^failed to decode "v1, Kind=Namespace"/)
      }
    }
  })
})

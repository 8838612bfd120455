import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'
import { containerEnv, containerMounts } from './container-view.js'
import { MemFs } from './mem-fs.js'

const OBJECTS: Record<string, KubeObject> = {
  'configmaps/ns/cfg': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg' },
    data: { mode: 'lab', 'app.conf': 'a=1\n' },
  },
  'secrets/ns/pw': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'pw' },
    data: { password: Buffer.from('s3cret').toString('base64') },
  },
  'serviceaccounts/ns/default': {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default' },
    secrets: [{ name: 'default-token-x' }],
  } as KubeObject,
  'nodes//n1': {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1' },
    status: { allocatable: { cpu: '4', memory: '8Gi' } },
  },
  'secrets/ns/default-token-x': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'default-token-x' },
    data: { token: Buffer.from('tok').toString('base64') },
  },
}

/** A client that serves the objects above and one Service per namespace. */
const client = {
  get: async (ref: { resource: string }, name: string, ns?: string) => {
    const o = OBJECTS[`${ref.resource}/${ns ?? ''}/${name}`]
    if (!o) throw new Error(`${ref.resource} "${name}" not found`)
    return o
  },
  list: async () => ({
    items: [
      {
        metadata: { name: 'web-svc' },
        spec: { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 8000, protocol: 'TCP' }] },
      },
    ],
  }),
} as unknown as KubeClient

const POD: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', labels: { app: 'web' } },
  spec: {
    nodeName: 'n1',
    volumes: [
      {
        name: 'cfg',
        configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'conf/app.conf' }] },
      },
      { name: 'pw', secret: { secretName: 'pw' } },
      {
        name: 'info',
        downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] },
      },
      { name: 'scratch', emptyDir: {} },
      { name: 'whole', configMap: { name: 'cfg' } },
    ],
  },
}

const CONTAINER = {
  name: 'c',
  envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
  env: [
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'pw', key: 'password' } } },
    { name: 'URL', value: 'http://$(POD_IP):80' },
    { name: 'MISSING', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x' } } },
  ],
  volumeMounts: [
    { name: 'cfg', mountPath: '/etc/cfg' },
    { name: 'pw', mountPath: '/etc/pw' },
    { name: 'info', mountPath: '/etc/podinfo' },
    { name: 'scratch', mountPath: '/scratch' },
    { name: 'whole', mountPath: '/etc/mode', subPath: 'mode' },
  ],
}

const view = () => ({
  client,
  pod: POD,
  container: CONTAINER,
  podIP: '192.168.1.5',
  hostIP: '127.0.10.105',
  podVolumes: new Map<string, MemFs>(),
})

describe('the container view', () => {
  it('builds env from envFrom, the downward API, secrets, $(VAR) references and Service links', async () => {
    const env = await containerEnv(view())
    expect(env).to.include({
      CFG_mode: 'lab',
      POD_IP: '192.168.1.5',
      PASSWORD: 's3cret',
      URL: 'http://192.168.1.5:80',
      WEB_SVC_SERVICE_HOST: '10.96.0.20',
      WEB_SVC_SERVICE_PORT_HTTP: '8000',
      HOSTNAME: 'p',
    })
    expect(env).to.not.have.property('MISSING')
  })

  it('mounts ConfigMap items, decoded Secrets, downward API files, emptyDirs, a subPath file and the token', async () => {
    const v = view()
    const { mounts, files } = await containerMounts(v)
    const at = (path: string) => mounts.find((m) => m.path === path)!
    expect(at('/etc/cfg').fs.read('/conf/app.conf').toString()).to.equal('a=1\n')
    expect(at('/etc/cfg').readOnly).to.equal(true)
    expect(at('/etc/pw').fs.read('/password').toString()).to.equal('s3cret')
    expect(at('/etc/podinfo').fs.read('/labels').toString()).to.equal('app="web"')
    expect(at('/scratch').readOnly).to.equal(false)
    expect(v.podVolumes.get('scratch')).to.equal(at('/scratch').fs)
    expect(files).to.deep.equal([['/etc/mode', Buffer.from('lab')]])
    expect(
      at('/var/run/secrets/kubernetes.io/serviceaccount').fs.read('/token').toString()
    ).to.equal('tok')
  })

  it('leaves out the token when automountServiceAccountToken is false', async () => {
    const v = {
      ...view(),
      pod: { ...POD, spec: { ...(POD.spec as object), automountServiceAccountToken: false } },
    }
    const { mounts } = await containerMounts(v)
    expect(mounts.map((m) => m.path)).to.not.include(
      '/var/run/secrets/kubernetes.io/serviceaccount'
    )
  })
})

describe('the container view, typed fields', () => {
  it('reads keys, resource amounts and Secret envFrom, each as the kubelet does', async () => {
    const container = {
      name: 'c',
      envFrom: [{ secretRef: { name: 'pw' }, prefix: 'S_' }],
      env: [
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
        { name: 'CPU_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.cpu' } } },
        {
          name: 'CPU_M',
          valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } },
        },
        { name: 'MEM_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
        {
          name: 'MEM_MI',
          valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } },
        },
      ],
      resources: { limits: { cpu: '500m' }, requests: { memory: '64Mi' } },
    }
    const env = await containerEnv({ ...view(), container })
    expect(env).to.include({ S_password: 's3cret', MODE: 'lab' })
    // 1.11 rounds up in the divisor's unit (1 core), reads unset requests as 0 and unset limits
    // as the node's allocatable; the lab wrote the quantity as given (500m) and 1 for any cpu.
    expect(env).to.include({
      CPU: '1',
      CPU_M: '500',
      CPU_REQ: '0',
      MEM: '67108864',
      MEM_MI: '64',
      MEM_LIMIT: String(8 * 2 ** 30),
    })
  })

  it('reads another container by containerName, and leaves an unknown resource out', async () => {
    const pod = {
      ...POD,
      spec: {
        ...(POD.spec as object),
        containers: [{ name: 'side', resources: { limits: { memory: '1Ki' } } }],
      },
    }
    const container = {
      name: 'c',
      env: [
        {
          name: 'SIDE_MEM',
          valueFrom: { resourceFieldRef: { containerName: 'side', resource: 'limits.memory' } },
        },
        {
          name: 'NOPE',
          valueFrom: { resourceFieldRef: { containerName: 'gone', resource: 'limits.memory' } },
        },
        { name: 'GPU', valueFrom: { resourceFieldRef: { resource: 'limits.nvidia.com/gpu' } } },
      ],
    }
    const env = await containerEnv({ ...view(), pod, container })
    expect(env).to.include({ SIDE_MEM: '1024' })
    expect(env).to.not.have.any.keys('NOPE', 'GPU')
  })

  it('reads mistyped fields as absent (the sim stores what it is given)', async () => {
    const container = {
      name: 'c',
      envFrom: ['cfg', { configMapRef: 'cfg' }],
      env: [
        { name: 'A', valueFrom: { fieldRef: 'status.podIP' } },
        { name: 'B', valueFrom: 'x' },
        { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
      resources: 'lots',
      volumeMounts: [7, { name: 'bad', mountPath: '/bad' }],
    }
    const pod = {
      ...POD,
      spec: { hostname: 'h', volumes: [{ name: 'bad', configMap: 'cfg' }], serviceAccountName: 7 },
    }
    const v = { ...view(), pod, container } as unknown as Parameters<typeof containerEnv>[0]
    const env = await containerEnv(v)
    expect(env).to.not.have.any.keys('A', 'B', 'CFG_mode')
    expect(env).to.include({ C: '0', HOSTNAME: 'h' })
    const { mounts } = await containerMounts(v)
    expect(mounts.map((m) => [m.path, m.readOnly])).to.deep.equal([['/bad', false]])
  })
})

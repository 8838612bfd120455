import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:https'
import { isStatusError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { mulberry32, startTestCluster } from '../../testing/apiserver/index.js'

// Malformed input over real HTTPS: a seeded generator builds hundreds of bad (and some good)
// requests; every answer must be 2xx for a valid request or a 4xx JSON Status whose code is the
// HTTP status, never a 5xx, and the server must still answer afterwards. A failure names the seed
// and the case number, so it can be replayed.

const SEED = 20180717
const CASES = 500

type Rand = () => number

/** A seeded generator (mulberry32). */
const random: (seed: number) => Rand = mulberry32

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!
}

/** Splits a space-separated word list (keeps the tables below short). */
function words(s: string): string[] {
  return s.split(' ')
}

interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: Buffer
}

const testdata = new URL('../protobuf/testdata/', import.meta.url)
const PROTOBUF = words('configmap namespace secret deployment').map((k) =>
  readFileSync(new URL(`kubectl-create-${k}-post.pb`, testdata))
)

const PREFIXES = [
  ...words(
    '/api/v1 /api/v1/namespaces/default /api/v1/namespaces/fuzz /apis/apps/v1/namespaces/fuzz'
  ),
  ...words(
    '/apis/extensions/v1beta1/namespaces/default /apis/batch/v1 /apis/apiextensions.k8s.io/v1beta1'
  ),
  ...words('/apis/authorization.k8s.io/v1 /apis /api /openapi/v3 /apis/example.com/v1'),
  '',
]
const SEGMENTS = [
  ...words(
    'pods services configmaps secrets deployments replicasets namespaces nodes events jobs endpoints'
  ),
  ...words(
    'customresourcedefinitions selfsubjectaccessreviews default fuzz kubernetes x watch status scale'
  ),
  ...words(
    'log binding eviction finalize proxy rollback %zz % .. . %2F %2E%2E %00 %C3%BC %F0%9F%98%80 %FF%FE'
  ),
  ...words('~ " \' <script> UPPER - a:b a;b %20'),
  'a'.repeat(300),
]
const METHODS = words('GET GET GET POST POST PUT PATCH PATCH DELETE HEAD OPTIONS TRACE')

// Real endpoints (and objects the suite creates first) with the methods they serve, so that
// bodies get past routing into decoding, defaulting, admission and validation.
const COLLECTION = words('GET POST POST POST POST DELETE')
const OBJECT = words('GET PUT PUT PATCH PATCH PATCH DELETE')
const SUB = words('GET PUT PATCH')
const TARGETS: [string, string[]][] = [
  ['/api/v1/namespaces/fuzz/configmaps', COLLECTION],
  ['/api/v1/namespaces/fuzz/configmaps/fuzz-cm', OBJECT],
  ['/api/v1/namespaces/fuzz/services', COLLECTION],
  ['/api/v1/namespaces/fuzz/services/svc', OBJECT],
  ['/api/v1/namespaces/fuzz/pods', COLLECTION],
  ['/api/v1/namespaces/fuzz/pods/fuzz-pod', OBJECT],
  ['/api/v1/namespaces/fuzz/pods/fuzz-pod/status', SUB],
  ['/api/v1/namespaces/fuzz/pods/fuzz-pod/binding', ['POST']],
  ['/api/v1/namespaces/fuzz/pods/fuzz-pod/eviction', ['POST']],
  ['/api/v1/namespaces/fuzz/pods/fuzz-pod/log', ['GET']],
  ['/apis/apps/v1/namespaces/fuzz/deployments', COLLECTION],
  ['/apis/apps/v1/namespaces/fuzz/deployments/dep', OBJECT],
  ['/apis/apps/v1/namespaces/fuzz/deployments/dep/scale', SUB],
  ['/apis/extensions/v1beta1/namespaces/fuzz/deployments/dep/scale', SUB],
  ['/api/v1/namespaces', COLLECTION],
  ['/api/v1/namespaces/fuzz/finalize', ['PUT']],
  ['/apis/apiextensions.k8s.io/v1beta1/customresourcedefinitions', COLLECTION],
  ['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', ['POST']],
  ['/api/v1/watch/namespaces/fuzz/configmaps', ['GET']],
]

const QUERY: Record<string, readonly string[]> = {
  labelSelector: [
    'a in (',
    'a=b',
    '!',
    'x,,y',
    '=',
    'a notin',
    'a in (b',
    'a!=',
    'a=b,c in (d,e)',
    'a>x',
    '%zz',
    'k'.repeat(300) + '=v',
  ],
  fieldSelector: [
    'metadata.name=',
    'spec.nodeName=x',
    'foo',
    '=x',
    'metadata.name==a,b',
    'status.phase!=Running',
    '\\',
    'a=b\\',
  ],
  limit: ['-1', 'abc', '0', '1', '1e99', '99999999999999999999', ''],
  continue: [
    'garbage',
    '',
    '!!!',
    ...['{"rv":1}', '{"rv":1,"start":5}', '{"rv":-1,"start":"a"}'].map((t) =>
      Buffer.from(t).toString('base64url')
    ),
  ],
  timeoutSeconds: words('abc -5 0 1 1.5'),
  watch: ['maybe', 'true', 'false', '1', ''],
  resourceVersion: ['abc', '-1', '0', '', '99999999999999999999', '1'],
  resourceVersionMatch: words('NotOlderThan Exact bogus'),
  sendInitialEvents: words('true maybe'),
  allowWatchBookmarks: words('true x'),
  dryRun: words('All None x'),
  fieldManager: ['fuzz', 'x'.repeat(200), ''],
  force: words('true maybe'),
  propagationPolicy: ['Orphan', 'Bogus', ''],
  gracePeriodSeconds: words('abc -1 0'),
  includeObject: words('None Object Bogus'),
  container: ['a', 'x', ''],
  tailLines: words('abc 5'),
}
const WRITE_TYPES = words('application/json application/json application/json application/yaml')
const PATCH_TYPES = words(
  'application/merge-patch+json application/json-patch+json application/apply-patch+yaml'
)
const CONTENT_TYPES = [
  ...WRITE_TYPES,
  ...PATCH_TYPES,
  ...words('application/vnd.kubernetes.protobuf text/plain ;;; */* APPLICATION/JSON'),
  ...['', 'application/json; charset=', 'multipart/form-data; boundary=x'],
]
const ACCEPTS = [
  undefined,
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
  'application/json;as=Table;v=v9;g=meta.k8s.io',
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  ...words('application/vnd.kubernetes.protobuf text/html ,,,'),
]
const KEYS = words(
  'metadata name namespace labels annotations spec status kind apiVersion items ports containers selector ' +
    'matchLabels replicas template data finalizers target port nodePort type clusterIP image generateName ' +
    'resourceVersion uid ownerReferences versions group names plural scope deletionTimestamp managedFields x'
)
const LEAVES: unknown[] = [
  ...(JSON.parse(
    '["", "x", "Bad Name!", "default", -1, 0, 1.5, 65536, true, false, null]'
  ) as unknown[]),
  ...['ü😀', 2 ** 53, 'a'.repeat(70)],
]

/** Returns a random JSON value; lists are homogeneous (see the strategic merge patch note below). */
function randomJson(r: Rand, depth: number): unknown {
  const roll = r()
  if (depth <= 0 || roll < 0.35) return pick(r, LEAVES)
  if (roll < 0.55) {
    const first = randomJson(r, depth - 1)
    return Array.from({ length: 1 + Math.floor(r() * 3) }, () => structuredClone(first))
  }
  const o: Record<string, unknown> = {}
  for (let i = Math.floor(r() * 4); i >= 0; i--) o[pick(r, KEYS)] = randomJson(r, depth - 1)
  return o
}

function nested(depth: number, open: string, close: string): string {
  return open.repeat(depth) + '1' + close.repeat(depth)
}

function mutate(r: Rand, b: Buffer): Buffer {
  const out = Buffer.from(b)
  if (r() < 0.3) return out.subarray(0, Math.floor(r() * out.length))
  for (let i = 0; i < 1 + Math.floor(r() * 8); i++)
    out[Math.floor(r() * out.length)] = Math.floor(r() * 256)
  return out
}

const RAW_BODIES = [
  // ' | ' separates the entries (it occurs in none of them).
  ...'{ | [] | [1,2] | "str" | 42 | null | true | {"metadata": | \u0000\u0001 | {"a":1}{"b":2}'.split(
    ' | '
  ),
  ...'a: [ | - - - | &a [*a] | metadata: {name: y} | \t\t | {"metadata":{"name":"x"} | \uFEFF{}'.split(
    ' | '
  ),
  nested(3000, '{"a":', '}'),
  nested(20000, '[', ']'),
  `{"metadata":{"name":"deep-object"},"data":${nested(3000, '{"a":', '}')}}`,
  `{"metadata":{"name":"deep-array"},"spec":${nested(5000, '[', ']')}}`,
  `{"spec":{"template":${nested(2500, '{"b":', '}')}}}`,
  'a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n',
]
const labels = { a: 'b' }
const OBJECTS: unknown[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fuzz-pod' } },
  { apiVersion: 'apps/v9', kind: 'Deployment', metadata: { name: 'x' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fuzz-cm', labels }, data: { k: 'v' } },
  { metadata: { name: 123 } },
  { metadata: { name: 'fuzz-cm', resourceVersion: '1' }, data: {} },
  { metadata: { name: 'dep', resourceVersion: '2' } },
  { metadata: 'x' },
  { metadata: { name: 'x', labels: 'abc' } },
  { metadata: { name: 'x', labels: { 'bad key!': 'v' } } },
  { metadata: { name: 'Bad Name!' } },
  { metadata: { name: 'svc-null-port' }, spec: { ports: [null] } },
  { metadata: { name: 'svc-str-port' }, spec: { type: 'NodePort', ports: ['x'] } },
  {
    metadata: { name: 'svc-bad-port' },
    spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 'x' }] },
  },
  { metadata: { name: 'pod-null' }, spec: { containers: [null, 5] } },
  { metadata: { name: 'svc-ports-str' }, spec: { ports: 'x' } },
  {
    metadata: { name: 'dep' },
    spec: {
      selector: { matchExpressions: [null] },
      template: { metadata: { labels }, spec: { containers: [{ name: 'a', image: 'b' }] } },
    },
  },
  { metadata: { generateName: 'gen-' } },
  { metadata: { name: 'x', namespace: 'elsewhere' } },
  { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'x' }, target: { name: 'node-1' } },
  { apiVersion: 'policy/v1beta1', kind: 'Eviction', metadata: { name: 'x' } },
  { kind: 'DeleteOptions', propagationPolicy: 5, gracePeriodSeconds: 'x', preconditions: 'y' },
  { spec: { replicas: -3 } },
  { spec: { replicas: 'many' } },
  { spec: { finalizers: 'x' }, metadata: { name: 'fuzz' } },
  [{ op: 'test', path: '/metadata/name', value: 'nope' }],
  [{ op: 'bogus' }],
  [{ op: 'add', path: 'no-slash', value: 1 }],
  [{ op: 'replace', path: '', value: 5 }],
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'a.b' },
    spec: { group: 'b', names: { plural: 'a', kind: 'A' }, versions: [null, { name: 5 }] },
  },
]

/** Returns a body for a method; `fitting` picks a content type the endpoint accepts. */
function randomBody(
  r: Rand,
  method: string,
  fitting: boolean
): { body?: Buffer; contentType?: string } {
  const roll = r()
  // Strategic merge patch answers 500 for some malformed lists, as kube-apiserver does (reported
  // separately), so it is not among the generated content types.
  const contentType = !fitting
    ? pick(r, CONTENT_TYPES)
    : method === 'PATCH'
      ? pick(r, PATCH_TYPES)
      : pick(r, WRITE_TYPES)
  if (roll < 0.05) return {}
  if (roll < 0.25) return { body: Buffer.from(pick(r, RAW_BODIES)), contentType }
  if (roll < 0.35) {
    const pb = pick(r, PROTOBUF)
    const garbage = Buffer.concat([
      Buffer.from('k8s\0'),
      Buffer.from(Array.from({ length: 40 }, () => Math.floor(r() * 256))),
    ])
    const body = pick(r, [pb, mutate(r, pb), mutate(r, pb), garbage, Buffer.from('not protobuf')])
    return { body, contentType: 'application/vnd.kubernetes.protobuf' }
  }
  if (roll < 0.6) return { body: Buffer.from(JSON.stringify(pick(r, OBJECTS))), contentType }
  return { body: Buffer.from(JSON.stringify(randomJson(r, 4))), contentType }
}

function randomRequest(r: Rand): FuzzRequest {
  let method: string
  let path: string
  const targeted = r() < 0.6
  if (targeted) {
    const [p, methods] = pick(r, TARGETS)
    ;[method, path] = [pick(r, methods), p]
  } else {
    method = pick(r, METHODS)
    const segs = Array.from({ length: Math.floor(r() * 5) }, () => pick(r, SEGMENTS))
    path = `${pick(r, PREFIXES)}/${segs.join(r() < 0.1 ? '//' : '/')}${r() < 0.1 ? '/' : ''}`
    if (r() < 0.05) path = `/api/v1/namespaces/${'n'.repeat(5000)}/pods`
  }
  const params = new URLSearchParams()
  for (const [k, values] of Object.entries(QUERY))
    if (r() < (targeted ? 0.04 : 0.12)) params.set(k, pick(r, values))
  if (method === 'PATCH' && r() < 0.7) params.set('fieldManager', 'fuzz')
  const query = params.toString()
  const headers: Record<string, string> = {}
  const accept = pick(r, ACCEPTS)
  if (accept) headers.accept = accept
  const { body, contentType } =
    method === 'GET' || method === 'HEAD' ? {} : randomBody(r, method, targeted && r() < 0.85)
  if (contentType !== undefined) headers['content-type'] = contentType
  return { method, path: query ? `${path}?${query}` : path, headers, ...(body ? { body } : {}) }
}

interface Reply {
  status: number
  contentType: string
  text: string
}

/** Returns what is wrong with an answer, or undefined. */
function problem(q: FuzzRequest, a: Reply): string | undefined {
  if (a.status >= 500 || a.status < 200) return `HTTP ${a.status}: ${a.text.slice(0, 300)}`
  if (a.status < 300 || q.method === 'HEAD') return undefined
  if (a.status < 400) return `unexpected HTTP ${a.status}`
  if (a.contentType !== 'application/json') return `content type ${a.contentType}`
  let s: Record<string, unknown>
  try {
    s = JSON.parse(a.text) as Record<string, unknown>
  } catch {
    return `not JSON: ${a.text.slice(0, 200)}`
  }
  if (s.kind !== 'Status' || s.apiVersion !== 'v1' || s.status !== 'Failure')
    return `not a Status: ${a.text.slice(0, 200)}`
  if (s.code !== a.status) return `Status code ${String(s.code)} for HTTP ${a.status}`
  if (typeof s.message !== 'string' || !s.message || typeof s.reason !== 'string')
    return 'Status without message or reason'
  return undefined
}

function describeRequest(i: number, q: FuzzRequest): string {
  const body = q.body
    ? ` body(${q.body.length})=${JSON.stringify(q.body.subarray(0, 120).toString('latin1'))}`
    : ''
  return `seed ${SEED} case ${i}: ${q.method} ${q.path.slice(0, 200)} ${JSON.stringify(q.headers)}${body}`
}

describe('malformed requests over HTTPS', function () {
  this.timeout(30_000)
  let cluster: StartedSimCluster
  let agent: Agent
  const serverErrors: string[] = []

  function send(q: FuzzRequest): Promise<Reply> {
    const url = new URL(cluster.api.url)
    const auth = { authorization: `Bearer ${cluster.pki.token}` }
    const length = q.body ? { 'content-length': String(q.body.length) } : {}
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: q.method,
          path: q.path,
          headers: { ...auth, ...q.headers, ...length },
        },
        (res) => {
          const base = {
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
          }
          // A watch stream has no Content-Length: its headers are the answer.
          if (
            res.headers['content-length'] === undefined &&
            res.statusCode === 200 &&
            q.method !== 'HEAD'
          ) {
            req.destroy()
            return resolve({ ...base, text: '' })
          }
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ ...base, text: Buffer.concat(chunks).toString('utf8') }))
        }
      )
      req.on('error', reject)
      req.end(q.body)
    })
  }

  /** Creates the objects the targets name, unless they exist (the fuzz deletes and breaks them). */
  async function restoreFixtures(): Promise<void> {
    const ref = (apiVersion: string, resource: string) => ({
      apiVersion,
      resource,
      namespaced: resource !== 'namespaces',
    })
    const meta = (name: string) => ({ name, namespace: 'fuzz' })
    const containers = [
      { name: 'a', image: 'a' },
      { name: 'b', image: 'b' },
    ]
    const template = { metadata: { labels: { app: 'dep' } }, spec: { containers } }
    const fixtures: [ReturnType<typeof ref>, KubeObject][] = [
      [ref('v1', 'namespaces'), { metadata: { name: 'fuzz' } }],
      [ref('v1', 'configmaps'), { metadata: meta('fuzz-cm'), data: { k: 'v' } }],
      [
        ref('v1', 'services'),
        { metadata: meta('svc'), spec: { type: 'NodePort', ports: [{ port: 80 }] } },
      ],
      [ref('v1', 'pods'), { metadata: meta('fuzz-pod'), spec: { containers } }],
      [
        ref('apps/v1', 'deployments'),
        { metadata: meta('dep'), spec: { selector: { matchLabels: { app: 'dep' } }, template } },
      ],
    ]
    const client = cluster.client('fuzz')
    for (const [r, obj] of fixtures) {
      // AlreadyExists (or a terminating namespace) is fine: the fuzz goes on with what there is.
      await client.create(r, obj).catch((err: unknown) => {
        if (!isStatusError(err)) throw err
      })
    }
  }

  before(async () => {
    cluster = await startTestCluster({ onError: (err) => serverErrors.push(String(err)) })
    agent = new Agent({ keepAlive: true, ca: cluster.pki.ca.certPem, maxSockets: 1 })
    await restoreFixtures()
  })

  after(async () => {
    agent.destroy()
    await cluster.stop()
  })

  it(`answers ${CASES} generated requests with 2xx or a 4xx Status, never a 5xx`, async () => {
    const r = random(SEED)
    const failures: string[] = []
    const codes = new Map<number, number>()
    for (let i = 0; i < CASES; i++) {
      if (i % 40 === 0) await restoreFixtures()
      const q = randomRequest(r)
      const a = await send(q)
      codes.set(a.status, (codes.get(a.status) ?? 0) + 1)
      const p = problem(q, a)
      if (p) failures.push(`${describeRequest(i, q)} -> ${p}`)
    }
    expect(failures.slice(0, 10), `${failures.length} bad answers`).to.deep.equal([])
    expect(serverErrors).to.deep.equal([])
    // The generator must reach the interesting answers, not just routing errors.
    expect([...codes.keys()]).to.include.members([200, 201, 400, 404, 405, 415, 422])
    expect((codes.get(400) ?? 0) + (codes.get(422) ?? 0)).to.be.greaterThan(CASES / 4)
  })

  it('still answers /version and lists every resource (JSON and Table) after the fuzz', async () => {
    const version = await send({ method: 'GET', path: '/version', headers: {} })
    expect(version.status).to.equal(200)
    expect(JSON.parse(version.text)).to.include({ gitVersion: 'v1.11.1' })
    const failures: string[] = []
    for (const info of cluster.api.catalog.resources()) {
      if (!info.verbs.includes('list')) continue
      const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`
      for (const accept of [undefined, 'application/json;as=Table;v=v1;g=meta.k8s.io']) {
        const a = await send({
          method: 'GET',
          path: `${base}/${info.resource}`,
          headers: accept ? { accept } : {},
        })
        if (a.status !== 200)
          failures.push(
            `${base}/${info.resource} ${accept ?? ''}: HTTP ${a.status} ${a.text.slice(0, 200)}`
          )
      }
    }
    expect(failures).to.deep.equal([])
  })
})

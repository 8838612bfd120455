/**
 * One-off script that records the protobuf request bodies the real kubectl and helm send and
 * saves them as fixtures beside this file (`*.pb`, indexed in `requests.json`).
 *
 *   npx tsx src/apiserver/protobuf/testdata/capture.ts
 *
 * It starts a small recording HTTP server on 127.0.0.1 (plain http, `insecure-skip-tls-verify`)
 * that answers just enough for the commands to succeed, echoing decoded objects back as JSON.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { decodeProtobufBody } from '../decode-protobuf-body.js'
import { isProtobufContentType } from '../content-type.js'

const run = promisify(execFile)
const outDir = fileURLToPath(new URL('.', import.meta.url))
const bin = fileURLToPath(new URL('../../../../.clients/bin/', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'pb-capture-'))

interface Recorded {
  fixture: string
  method: string
  path: string
  contentType: string
}
const recorded: Recorded[] = []
const secrets = new Map<string, Record<string, unknown>>()
let label = 'unlabelled'
let seq = 0

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

function status(code: number, message: string, reason = 'NotFound') {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  }
}

function matches(obj: Record<string, unknown>, selector: string | null): boolean {
  const labels = ((obj['metadata'] as Record<string, unknown>)['labels'] ?? {}) as Record<
    string,
    string
  >
  return (selector ?? '').split(',').every((term) => {
    const [k, v] = term.split('=')
    return !k || labels[k] === v
  })
}

function handle(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x')
  const path = url.pathname
  let object: Record<string, unknown> | undefined
  if (isProtobufContentType(req.headers['content-type']) && body.length > 0) {
    seq++
    const fixture = `${label}-${(req.method ?? 'x').toLowerCase()}.pb`
    writeFileSync(join(outDir, fixture), body)
    recorded.push({
      fixture,
      method: req.method ?? '',
      path: url.pathname + url.search,
      contentType: req.headers['content-type'] ?? '',
    })
    object = decodeProtobufBody(body).object
  }
  const secretName = /\/secrets\/([^/]+)$/.exec(path)?.[1]
  if (path === '/version')
    return send(res, 200, {
      major: '1',
      minor: '33',
      gitVersion: 'v1.33.0',
      platform: 'linux/amd64',
    })
  if (path === '/api')
    return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] })
  if (path === '/apis')
    return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] })
  if (path === '/api/v1') {
    const r = (name: string, kind: string) => ({
      name,
      singularName: '',
      namespaced: true,
      kind,
      verbs: ['create', 'delete', 'get', 'list', 'update'],
    })
    return send(res, 200, {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [r('secrets', 'Secret'), r('configmaps', 'ConfigMap')],
    })
  }
  if (req.method === 'GET' && path.endsWith('/secrets')) {
    const items = [...secrets.values()].filter((s) =>
      matches(s, url.searchParams.get('labelSelector'))
    )
    return send(res, 200, {
      kind: 'SecretList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items,
    })
  }
  if (secretName && req.method === 'GET') {
    const s = secrets.get(secretName)
    return s ? send(res, 200, s) : send(res, 404, status(404, `secrets "${secretName}" not found`))
  }
  if (secretName && req.method === 'DELETE') {
    secrets.delete(secretName)
    return send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' })
  }
  if (object && (req.method === 'POST' || req.method === 'PUT')) {
    const meta: Record<string, unknown> = {
      ...(object['metadata'] as Record<string, unknown>),
      uid: `uid-${seq}`,
      resourceVersion: String(seq),
    }
    const reply: Record<string, unknown> = { ...object, metadata: meta }
    if (object['kind'] === 'SelfSubjectAccessReview') reply['status'] = { allowed: true }
    if (object['kind'] === 'Secret') secrets.set(String(meta['name']), reply)
    return send(res, req.method === 'POST' ? 201 : 200, reply)
  }
  send(res, 404, status(404, 'the server could not find the requested resource'))
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    process.stderr.write(
      `${label}: ${req.method} ${req.url} ${req.headers['content-type'] ?? ''}\n`
    )
    try {
      handle(req, Buffer.concat(chunks), res)
    } catch (err) {
      send(res, 500, status(500, String(err), 'InternalError'))
    }
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = (server.address() as AddressInfo).port
const kubeconfig = join(work, 'kubeconfig')
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters: [{name: rec, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: rec, user: {token: rec-token}}]
contexts: [{name: rec, context: {cluster: rec, user: rec, namespace: onap}}]
current-context: rec
`
)
const env = {
  ...process.env,
  HOME: work,
  KUBECONFIG: kubeconfig,
  HELM_CONFIG_HOME: join(work, 'helm-config'),
  HELM_CACHE_HOME: join(work, 'helm-cache'),
  HELM_DATA_HOME: join(work, 'helm-data'),
}

async function capture(name: string, tool: 'kubectl' | 'helm', args: string[]): Promise<void> {
  label = name
  seq = 0
  const { stdout } = await run(join(bin, tool), args, { env })
  process.stderr.write(`  → ${stdout.trim()}\n`)
}

const chart = join(work, 'demo-chart')
mkdirSync(chart)
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo-chart\nversion: 0.1.0\n')
try {
  await capture('kubectl-create-namespace', 'kubectl', ['create', 'namespace', 'onap'])
  await capture('kubectl-create-secret', 'kubectl', [
    'create',
    'secret',
    'generic',
    's',
    '--from-literal=a=b',
  ])
  await capture('kubectl-create-configmap', 'kubectl', [
    'create',
    'configmap',
    'c',
    '--from-literal=k=v',
  ])
  await capture('kubectl-create-deployment', 'kubectl', [
    'create',
    'deployment',
    'web',
    '--image=nginx',
    '--replicas=3',
    '--port=80',
  ])
  await capture('kubectl-create-serviceaccount', 'kubectl', ['create', 'serviceaccount', 'sa'])
  await capture('kubectl-auth-can-i', 'kubectl', ['auth', 'can-i', 'create', 'pods'])
  await capture('helm-install', 'helm', ['install', 'demo', chart, '--namespace', 'onap'])
  await capture('helm-uninstall', 'helm', ['uninstall', 'demo', '--namespace', 'onap'])
  writeFileSync(join(outDir, 'requests.json'), JSON.stringify(recorded, null, 2) + '\n')
} finally {
  server.close()
  rmSync(work, { recursive: true, force: true })
}

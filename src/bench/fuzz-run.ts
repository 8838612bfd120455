/** A small deterministic generator (the run is the same every time). */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const PATHS = [
  '/api/v1/namespaces/rbench/configmaps/..',
  '/api/v1/namespaces/rbench/configmaps/%2e%2e',
  '/api/v1/namespaces/rbench/configmaps/a%2Fb',
  '/api/v1/namespaces/rbench/configmaps/big-0',
  '/api/v1/namespaces/rbench/configmaps',
  '/api/v1/namespaces/rbench/secrets',
  '/api/v1/namespaces/rbench/pods',
  '/api/v1/namespaces/%zz/pods',
  '/apis/apps/v1/namespaces/rbench/deployments',
  '/api/v1/namespaces',
  '/api/v1/nodes/x/status',
  '/apis/nope/v9/things',
  '/version',
  '/healthz',
  '/openapi/v2',
]
const QUERIES = [
  '',
  '?resourceVersion=abc',
  '?resourceVersion=-1',
  '?resourceVersion=0x2',
  '?resourceVersion=Infinity',
  '?limit=-5',
  '?limit=2&continue=garbage',
  '?labelSelector=a%20in%20(',
  '?fieldSelector=metadata.nope=1',
  '?watch=true&timeoutSeconds=1&resourceVersion=NaN',
  '?watch=maybe',
  '?dryRun=Some',
  '?propagationPolicy=Sideways',
]
const BODIES: (() => unknown)[] = [
  () => undefined,
  () => Buffer.from('{"metadata":'),
  () => Buffer.from('\u0000\u00ff garbage'),
  () => ({}),
  () => ({ metadata: { name: '..' } }),
  () => ({ metadata: { name: 'x'.repeat(300) } }),
  () => ({ metadata: { name: 'ok-cm' }, data: { k: 'v' } }),
  () => ({ metadata: { name: 'deep' }, data: nest(600) }),
  () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 'no' } }),
  () => ({ metadata: { name: 'too-big' }, data: { k: 'z'.repeat(1100 * 1024) } }),
]

function nest(depth: number): unknown {
  let v: unknown = 'leaf'
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

/** Sends one request and resolves with its status ('hang' when it got no answer in time). */
export type FuzzSend = (
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>
) => Promise<{ status: number | 'hang' }>

/**
 * Sends `count` generated hostile requests (bad names, versions, selectors, bodies, patch types),
 * 8 at a time and deterministic from run to run; returns the status-code table
 * (`reset` for a connection that failed).
 */
export async function fuzzRun(
  send: FuzzSend,
  count: number,
  deadline: number
): Promise<Map<string, number>> {
  const table = new Map<string, number>()
  const next = rng(11)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
  const patchTypes = [
    'application/merge-patch+json',
    'application/json-patch+json',
    'application/strategic-merge-patch+json',
    'text/plain',
  ]
  const jobs = Array.from({ length: count }, () => ({
    method: pick(methods),
    path: pick(PATHS) + pick(QUERIES),
    body: pick(BODIES)(),
    type: pick(patchTypes),
  }))
  let at = 0
  const worker = async () => {
    while (at < jobs.length && Date.now() < deadline) {
      const j = jobs[at++]!
      const headers: Record<string, string> = j.method === 'PATCH' ? { 'content-type': j.type } : {}
      let key: string
      try {
        const r = await send(j.method, j.path, j.body, headers)
        key = String(r.status)
      } catch {
        key = 'reset'
      }
      table.set(key, (table.get(key) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return table
}

import { noResource, StatusError } from '../../api/errors.js'
import type { ResourceInfo } from '../../api/resources/index.js'
import type { GenericRegistry } from '../registry/index.js'
import type { ApiRequest, ApiResponse } from '../request/index.js'
import type { ProxiedResponse, StreamingRuntime } from '../streaming/index.js'

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'te',
  'trailer',
])

/** Splits `[scheme:]name[:port]` as the proxy subresources name their target. */
function splitTarget(raw: string): { name: string; port: string } {
  const parts = raw.split(':')
  if (parts.length === 3) return { name: parts[1]!, port: parts[2]! }
  return { name: parts[0]!, port: parts[1] ?? '' }
}

/**
 * Serves `<resource>/<name>[:port]/proxy/<path>` (kubectl proxy, `kubectl get --raw`) where the
 * resource's record says where it goes (its proxyTarget): an address sent from the host through
 * the lab's network (a Service's cluster IP, a pod's IP), or a node's simulated kubelet.
 */
export async function serveProxy(
  req: ApiRequest,
  info: ResourceInfo,
  ns: string,
  rawName: string,
  registry: GenericRegistry,
  runtime: StreamingRuntime | undefined
): Promise<ApiResponse> {
  const { name, port } = splitTarget(rawName)
  const obj = registry.get(info, ns, name)
  if (!runtime)
    throw new StatusError(
      503,
      'ServiceUnavailable',
      `${info.resource}/proxy: this API server has no network to proxy through`
    )
  const marker = req.path.indexOf('/proxy')
  const rest = marker >= 0 ? req.path.slice(marker + '/proxy'.length) : ''
  const query = req.query.toString()
  const path = `${rest || '/'}${query ? `?${query}` : ''}`
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && !HOP_BY_HOP.has(k) && k !== 'authorization' && k !== 'host')
      headers[k] = v
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
  const proxied = { method: req.method, path, headers, body }
  let answer: ProxiedResponse
  const target = info.strategy?.proxyTarget?.(obj, rawName, port)
  if (!target) throw noResource()
  if ('node' in target) answer = await runtime.nodeProxy(target.node, proxied)
  else {
    try {
      answer = await runtime.proxy(`http://${target.host}:${target.port}${path}`, proxied)
    } catch (err) {
      const code = (err as { code?: string }).code
      if (target.refused && code === 'ECONNREFUSED')
        throw new StatusError(503, 'ServiceUnavailable', target.refused)
      throw new StatusError(
        503,
        'ServiceUnavailable',
        `error trying to reach ${target.what}: dial tcp ${target.host}:${target.port}: connect: ${code === 'ETIMEDOUT' ? 'connection timed out' : 'connection refused'}`
      )
    }
  }
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(answer.headers))
    if (!HOP_BY_HOP.has(k.toLowerCase())) out[k] = v
  return {
    status: answer.status,
    contentType: answer.headers['content-type'] ?? 'application/octet-stream',
    headers: out,
    stream: {
      start(write, end) {
        write(answer.body)
        end()
        return () => undefined
      },
    },
  }
}

import type { KubeObject } from '../../api/types.js'
import type { ProxiedResponse } from '../../apiserver/index.js'
import { renderCadvisorMetrics } from '../cadvisor-metrics.js'
import type { ContainerUsageMeter } from '../container-usage.js'
import { renderKubeletMetrics, statsSummary } from '../kubelet-stats.js'

const METRICS_TYPE = 'text/plain; version=0.0.4'

const text = (body: string, type = 'text/plain; charset=utf-8'): ProxiedResponse => ({
  status: 200,
  headers: { 'content-type': type },
  body: Buffer.from(body),
})

/**
 * Answers a request to a node's kubelet (what `nodes/<name>/proxy/…` reaches): `/healthz`,
 * `/pods` (the pods bound to it), `/stats/summary`, `/metrics` and `/metrics/cadvisor`; 404 for
 * anything else.
 */
export function kubeletEndpoint(
  node: string,
  pods: KubeObject[],
  path: string,
  usage?: ContainerUsageMeter
): ProxiedResponse {
  switch (path.split('?')[0]) {
    case '/healthz':
      return text('ok')
    case '/pods':
    case '/pods/':
      return text(
        JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: pods }),
        'application/json'
      )
    case '/stats/summary':
      return text(JSON.stringify(statsSummary(node, pods, usage, Date.now())), 'application/json')
    case '/metrics':
      return text(renderKubeletMetrics(pods), METRICS_TYPE)
    case '/metrics/cadvisor':
      return text(renderCadvisorMetrics(pods, usage, Date.now()), METRICS_TYPE)
  }
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from('404 page not found\n'),
  }
}

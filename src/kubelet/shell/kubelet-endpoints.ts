import type { KubeObject } from '../../api/types.js'
import type { ProxiedResponse } from '../../apiserver/index.js'

const text = (body: string, type = 'text/plain; charset=utf-8'): ProxiedResponse => ({
  status: 200,
  headers: { 'content-type': type },
  body: Buffer.from(body),
})

/**
 * Answers a request to a node's kubelet (what `nodes/<name>/proxy/…` reaches): `/healthz`,
 * `/pods` (the pods bound to it), `/stats/summary` and `/metrics`; 404 for anything else.
 */
export function kubeletEndpoint(node: string, pods: KubeObject[], path: string): ProxiedResponse {
  const now = new Date().toISOString()
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
      return text(
        JSON.stringify({
          node: {
            nodeName: node,
            startTime: now,
            cpu: { time: now, usageNanoCores: 0 },
            memory: { time: now, workingSetBytes: 0 },
          },
          pods: pods.map((p) => ({
            podRef: { name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid },
            startTime: now,
            containers: [],
          })),
        }),
        'application/json'
      )
    case '/metrics':
      return text(
        '# HELP kubelet_running_pod_count Number of pods currently running\n' +
          '# TYPE kubelet_running_pod_count gauge\n' +
          `kubelet_running_pod_count ${pods.length}\n`
      )
  }
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from('404 page not found\n'),
  }
}

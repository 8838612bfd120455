/**
 * The `k8s.gcr.io/coredns:1.1.3` container as kubeadm 1.11's Corefile runs it: the `prometheus`
 * plugin's `:9153/metrics` (this pod's counters, see CorednsMetrics) and the `health` plugin's
 * `:8080/health` (`OK`). DNS itself (port 53) is the lab's cluster DNS, answered in the network.
 */
import { target, text } from '../msb/http-reply.js'
import type { AppFactory } from '../types.js'
import type { CorednsMetrics } from './coredns-metrics.js'

/** client_golang's text exposition content type (expfmt.FmtText). */
const EXPOSITION = 'text/plain; version=0.0.4; charset=utf-8'
// Go's http.ServeMux answer for a path nothing handles.
const notFound = () => text(404, '404 page not found\n')

/** Returns the CoreDNS app over the lab's per-pod DNS counters. */
export function corednsApp(metrics: CorednsMetrics): AppFactory {
  return (ctx) => ({
    handle: async (req, c) => {
      const { pathname } = target(req)
      if (c.port === 9153 && pathname === '/metrics')
        return text(200, metrics.exposition(ctx.pod.ip), EXPOSITION)
      if (c.port === 8080 && pathname === '/health') return text(200, 'OK')
      return notFound()
    },
  })
}

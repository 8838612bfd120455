/** @module metrics: kube-apiserver 1.11's request metrics for /metrics (Prometheus text format). */
export {
  RequestMetrics,
  requestLabels,
  type RequestLabels,
  type ServedRequest,
} from './request-metrics.js'

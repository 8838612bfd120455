/**
 * The add-on components' own metrics on `http-monitoring` (9093): Mixer's Report RPCs and
 * dispatches to the Prometheus adapter (reference §5: the Mixer dashboard reads
 * `grpc_server_handled_total` and `mixer_runtime_dispatch_count`), and each process's start time.
 */
import { goFloat } from './go-float.js'
import { renderLabels } from './exposition.js'

/** Counters a component keeps about itself. */
export interface ComponentCounters {
  /** Seconds since the epoch when the process started. */
  startTimeSeconds: number
  /** Mixer: Report RPCs handled (one per RequestReport in the lab). */
  reports?: number
}

/** Renders a component's self metrics in the text exposition format. */
export function renderComponentMetrics(c: ComponentCounters): string {
  const out: string[] = []
  if (c.reports !== undefined && c.reports > 0) {
    out.push(
      '# HELP grpc_server_handled_total Total number of RPCs completed on the server, regardless of success or failure.'
    )
    out.push('# TYPE grpc_server_handled_total counter')
    const rpc = {
      grpc_code: 'OK',
      grpc_method: 'Report',
      grpc_service: 'istio.mixer.v1.Mixer',
      grpc_type: 'unary',
    }
    out.push(`grpc_server_handled_total${renderLabels(rpc)} ${goFloat(c.reports)}`)
    out.push(
      '# HELP mixer_runtime_dispatch_count Total number of adapter dispatches handled by Mixer.'
    )
    out.push('# TYPE mixer_runtime_dispatch_count counter')
    const dispatch = {
      adapter: 'prometheus',
      error: 'false',
      handler: 'handler.prometheus.istio-system',
      meshFunction: 'metric',
    }
    out.push(`mixer_runtime_dispatch_count${renderLabels(dispatch)} ${goFloat(c.reports)}`)
  }
  out.push(
    '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.'
  )
  out.push('# TYPE process_start_time_seconds gauge')
  out.push(`process_start_time_seconds ${goFloat(c.startTimeSeconds)}`)
  return `${out.join('\n')}\n`
}

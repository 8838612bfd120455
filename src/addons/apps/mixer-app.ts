/**
 * The mixer image's app: istio-telemetry serves Istio's metrics on 42422 (`/metrics`) and its own on
 * 9093; istio-policy serves its own on 9093. While an istio-telemetry instance runs, the lab's
 * telemetry store takes the sidecars' reports (Mixer receives them); when none runs they are lost.
 */
import { jsonReply, parseTarget, reply, textError } from '../http-reply.js'
import { renderComponentMetrics } from '../telemetry/component-metrics.js'
import { expositionContentType, renderExposition } from '../telemetry/exposition.js'
import type { TelemetryStore } from '../telemetry/telemetry-store.js'
import type { AddonAppFactory } from './addon-app.js'

/** Returns the mixer app factory; `running` counts the telemetry instances that take reports. */
export function mixerApp(store: TelemetryStore, running: { telemetry: number }): AddonAppFactory {
  return (ctx) => {
    const telemetry = ctx.pod.labels['istio-mixer-type'] === 'telemetry'
    const started = Date.now() / 1000
    const reportsAtStart = store.reportsReceived
    if (telemetry) running.telemetry++
    return {
      handle: async (req, c) => {
        const { pathname } = parseTarget(req)
        if (c.port === 42422 && telemetry) {
          if (pathname === '/metrics')
            return reply(200, renderExposition(store), expositionContentType)
          return textError(404, '404 page not found')
        }
        if (c.port === 9093) {
          if (pathname === '/metrics') {
            const reports = telemetry ? store.reportsReceived - reportsAtStart : undefined
            return reply(
              200,
              renderComponentMetrics({ startTimeSeconds: started, reports }),
              expositionContentType
            )
          }
          if (pathname === '/version') return jsonReply(200, { version: '1.0.0' })
          return textError(404, '404 page not found')
        }
        return textError(404, '404 page not found')
      },
      stop: () => {
        if (telemetry) running.telemetry--
      },
    }
  }
}

// The monitoring ports: Pilot's and Galley's `http-monitoring`, the statsd exporter's scrape port.
const MONITORING_PORTS = new Set([9093, 9102])

/**
 * Returns an app that serves a process's self metrics (`/metrics`) on its monitoring port (9093, or
 * the statsd exporter's 9102); its other ports answer 404.
 */
export function selfMonitoringApp(): AddonAppFactory {
  return () => {
    const started = Date.now() / 1000
    return {
      handle: async (req, c) =>
        MONITORING_PORTS.has(c.port) && parseTarget(req).pathname === '/metrics'
          ? reply(200, renderComponentMetrics({ startTimeSeconds: started }), expositionContentType)
          : textError(404, '404 page not found'),
    }
  }
}

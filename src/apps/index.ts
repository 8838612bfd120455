/**
 * @module apps: what the containers of the lab's pods serve. Application behaviour is data (the
 * `app:` section of image-behaviour entries: ports, routes, latency, error rate, calls, trace
 * header forwarding) or a built-in app named by `app.handler` (ONAP's kube2msb, msb-discovery,
 * msb-consul, msb-iag/eag, swagger documents; the mesh and add-ons register theirs);
 * containers without either get the generic echo app.
 *
 * - `startApps(o)` returns the network's AppHost plus `registerHandler(name, factory)`.
 * - `parseAppSection`/`parseApps` check `app:` sections (errors name file:line:field).
 * - `parseAppOverrides` reads a scenario's run-time changes (latency, error rate, crash).
 */
export * from './types.js'
export { startApps } from './start-apps.js'
export type { AppsOptions, StartedApps } from './start-apps.js'
export { parseAppSection, parseApps } from './parse-app.js'
export { parseAppOverrides } from './parse-overrides.js'
export { TRACE_HEADERS, traceHeaders } from './trace-headers.js'
export { BUILTIN_APPS } from './builtin-apps.js'
export { SERVICE_INFO_ANNOTATION, parseServiceInfo } from './msb/service-info.js'
export type { ServiceAnnotation } from './msb/service-info.js'
export { GatewayErrors, msbErrorPage } from './msb/error-pages.js'
export { createApigatewayApp } from './msb/apigateway-app.js'
export { corednsApp, CorednsMetrics } from './coredns/index.js'

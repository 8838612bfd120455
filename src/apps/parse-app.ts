import { asObject, isObject } from '../api/types.js'
import { ConfigFileError, type ConfigProblem } from '../cluster/index.js'
import type { BehaviourAppSection, ImageBehaviour } from '../kubelet/index.js'
import { parseLatency } from './latency.js'
import type { AppSpec, CallSpec, RouteSpec } from './types.js'

type Problems = (path: string, message: string) => void
type Raw = Record<string, unknown>

const APP_FIELDS = [
  'ports',
  'handler',
  'config',
  'routes',
  'forwardTraceHeaders',
  'accessLog',
  'latencyMs',
]
const ROUTE_FIELDS = [
  'method',
  'path',
  'status',
  'headers',
  'body',
  'json',
  'latencyMs',
  'errorRate',
  'errorStatus',
  'calls',
]
const CALL_FIELDS = ['method', 'url', 'headers']

/**
 * Returns the app of a behaviour entry's `app:` section, checked field by field; throws a
 * ConfigFileError whose lines read `file:line: items[3].app.routes[0].status: must be …`.
 */
export function parseAppSection(name: string, section: BehaviourAppSection): AppSpec {
  const found: ConfigProblem[] = []
  const problem: Problems = (path, message) =>
    found.push({
      path: `${section.path}.${path}`,
      line: section.lineOf(path),
      message: `${section.path}.${path}: ${message}`,
    })
  const spec = appSpec(name, section.value, problem)
  if (found.length > 0) throw new ConfigFileError(section.source, found)
  return spec
}

/** Returns the apps of every behaviour that has an `app:` section, by behaviour name. */
export function parseApps(behaviours: readonly ImageBehaviour[]): Map<string, AppSpec> {
  const out = new Map<string, AppSpec>()
  for (const b of behaviours) if (b.app) out.set(b.name, parseAppSection(b.name, b.app))
  return out
}

function appSpec(name: string, v: Raw, problem: Problems): AppSpec {
  unknownFields(v, APP_FIELDS, '', problem)
  const ports = v.ports === undefined ? [] : v.ports
  if (!Array.isArray(ports) || !ports.every(isPort))
    problem('ports', 'must be a list of port numbers (1-65535)')
  if (v.handler !== undefined && typeof v.handler !== 'string')
    problem('handler', 'must be a string')
  if (v.config !== undefined && !isObject(v.config)) problem('config', 'must be a map')
  const routes = v.routes ?? []
  if (!Array.isArray(routes)) problem('routes', 'must be a list')
  if (v.forwardTraceHeaders !== undefined && typeof v.forwardTraceHeaders !== 'boolean')
    problem('forwardTraceHeaders', 'must be true or false')
  if (v.accessLog !== undefined && typeof v.accessLog !== 'string')
    problem('accessLog', 'must be a string')
  else if (typeof v.accessLog === 'string' && badTemplate(v.accessLog))
    problem('accessLog', BAD_TEMPLATE)
  if (v.handler === undefined && Array.isArray(routes) && routes.length === 0)
    problem('routes', 'Required value: an app needs routes or a handler')
  const latency = parseLatency(v.latencyMs, (m) => problem('latencyMs', m))
  return {
    name,
    ports: Array.isArray(ports) ? (ports as number[]) : [],
    ...(typeof v.handler === 'string' ? { handler: v.handler } : {}),
    config: asObject(v.config),
    routes: Array.isArray(routes) ? routes.map((r, i) => route(r, `routes[${i}]`, problem)) : [],
    forwardTraceHeaders: v.forwardTraceHeaders === true,
    accessLog: typeof v.accessLog === 'string' ? v.accessLog : '',
    ...(latency ? { latency } : {}),
  }
}

function route(r: unknown, path: string, problem: Problems): RouteSpec {
  if (!isObject(r)) {
    problem(path, 'must be a map')
    return {
      method: '*',
      path: '/',
      status: 200,
      headers: {},
      body: '',
      errorRate: 0,
      errorStatus: 500,
      calls: [],
    }
  }
  unknownFields(r, ROUTE_FIELDS, `${path}.`, problem)
  if (typeof r.path !== 'string' || !r.path.startsWith('/'))
    problem(`${path}.path`, 'Required value: a path pattern starting with "/"')
  if (r.method !== undefined && (typeof r.method !== 'string' || !/^([A-Z]+|\*)$/.test(r.method)))
    problem(`${path}.method`, 'must be an upper-case HTTP method or *')
  const status = r.status ?? 200
  if (!isStatus(status)) problem(`${path}.status`, 'must be an HTTP status (100-599)')
  const errorStatus = r.errorStatus ?? 500
  if (!isStatus(errorStatus)) problem(`${path}.errorStatus`, 'must be an HTTP status (100-599)')
  const errorRate = r.errorRate ?? 0
  if (typeof errorRate !== 'number' || errorRate < 0 || errorRate > 1)
    problem(`${path}.errorRate`, 'must be a number from 0 to 1')
  const headers = stringMap(r.headers, `${path}.headers`, problem)
  if (r.body !== undefined && typeof r.body !== 'string')
    problem(`${path}.body`, 'must be a string')
  if (r.body !== undefined && r.json !== undefined)
    problem(`${path}.json`, 'conflicts with body (give one of them)')
  const calls = r.calls ?? []
  if (!Array.isArray(calls)) problem(`${path}.calls`, 'must be a list')
  const latency = parseLatency(r.latencyMs, (m) => problem(`${path}.latencyMs`, m))
  const json = r.json !== undefined
  return {
    method: typeof r.method === 'string' ? r.method : '*',
    path: typeof r.path === 'string' ? r.path : '/',
    status: status as number,
    headers: json ? { 'content-type': 'application/json', ...headers } : headers,
    body: json ? JSON.stringify(r.json) : typeof r.body === 'string' ? r.body : '',
    errorRate: typeof errorRate === 'number' ? errorRate : 0,
    errorStatus: errorStatus as number,
    calls: Array.isArray(calls) ? calls.map((c, i) => call(c, `${path}.calls[${i}]`, problem)) : [],
    ...(latency ? { latency } : {}),
  }
}

function call(c: unknown, path: string, problem: Problems): CallSpec {
  if (!isObject(c)) {
    problem(path, 'must be a map')
    return { method: 'GET', url: '', headers: {} }
  }
  unknownFields(c, CALL_FIELDS, `${path}.`, problem)
  if (typeof c.url !== 'string' || !/^http:\/\//.test(c.url))
    problem(`${path}.url`, 'Required value: an http:// URL')
  else if (badTemplate(c.url)) problem(`${path}.url`, BAD_TEMPLATE)
  if (c.method !== undefined && (typeof c.method !== 'string' || !/^[A-Z]+$/.test(c.method)))
    problem(`${path}.method`, 'must be an upper-case HTTP method')
  return {
    method: typeof c.method === 'string' ? c.method : 'GET',
    url: typeof c.url === 'string' ? c.url : '',
    headers: stringMap(c.headers, `${path}.headers`, problem),
  }
}

function stringMap(v: unknown, path: string, problem: Problems): Record<string, string> {
  if (v === undefined) return {}
  if (!isObject(v) || !Object.values(v).every((x) => typeof x === 'string')) {
    problem(path, 'must be a map of strings')
    return {}
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x as string]))
}

function unknownFields(v: Raw, known: string[], prefix: string, problem: Problems): void {
  for (const k of Object.keys(v)) if (!known.includes(k)) problem(`${prefix}${k}`, 'unknown field')
}

const isPort = (p: unknown): boolean =>
  Number.isInteger(p) && (p as number) > 0 && (p as number) < 65536
const isStatus = (s: unknown): boolean =>
  Number.isInteger(s) && (s as number) >= 100 && (s as number) <= 599

const BAD_TEMPLATE = 'has a "{{" not closed as {{name}}'
// Every "{{" must open a {{name}} the template engine replaces; anything else is a typo.
const badTemplate = (t: string): boolean => /\{\{(?!\s*[\w.-]+\s*\}\})/.test(t)

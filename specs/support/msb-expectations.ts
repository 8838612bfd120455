// The MSB expectations: fixtures/expected/msb.yaml plus the msbServiceInfo of onap-services.yaml.
import { join } from 'node:path'
import { readYamlNode } from './yaml-reader.js'

/** One registration the page's charts make (a service-info entry). */
export interface MsbEntry {
  /** The Kubernetes Service carrying it. */
  service: string
  serviceName: string
  version: string
  url: string
  protocol: string
  visualRange: string
  path: string
}

/** One of the page's swagger URLs and what it must return. */
export interface SwaggerUrl {
  path: string
  status: number
  swagger: string
  title: string
  basePath: string
  /** The Kubernetes Service behind it (to say why it fails). */
  service: string
}

/** Everything the MSB checks compare the lab with. */
export interface MsbExpectations {
  gateway: { service: string; port: number }
  discovery: { service: string; port: number }
  portal: string
  swagger: SwaggerUrl[]
  unregistered: { path: string; status: number; message: string }
  /** The registrations of the page's Services (onap-services.yaml `msbServiceInfo`). */
  registered: MsbEntry[]
}

/** Reads msb.yaml and onap-services.yaml of an expectations folder. */
export function readMsbExpectations(dir: string): MsbExpectations {
  const root = readYamlNode(join(dir, 'msb.yaml'))
  const svc = (k: string) => ({
    service: root.get(k).get('service').str(),
    port: root.get(k).get('port').num(),
  })
  const services = readYamlNode(join(dir, 'onap-services.yaml')).get('services').list()
  return {
    gateway: svc('gateway'),
    discovery: svc('discovery'),
    portal: root.get('portal').str(),
    swagger: root
      .get('swagger')
      .list()
      .map((u) => ({
        path: u.get('path').str(),
        status: u.get('status').num(),
        swagger: u.get('swagger').str(),
        title: u.get('title').str(),
        basePath: u.get('basePath').str(),
        service: u.get('service').str(),
      })),
    unregistered: {
      path: root.get('unregistered').get('path').str(),
      status: root.get('unregistered').get('status').num(),
      message: root.get('unregistered').get('message').str(),
    },
    registered: services.flatMap((s) =>
      s
        .get('msbServiceInfo')
        .list()
        .map((e) => ({
          service: s.get('name').str(),
          serviceName: e.get('serviceName').str(),
          version: e.get('version').optStr(''),
          url: e.get('url').str(),
          protocol: e.get('protocol').str(),
          visualRange: e.get('visualRange').optStr('1'),
          path: e.get('path').optStr(''),
        }))
    ),
  }
}

/** Returns the entries of a live `msb.onap.org/service-info` annotation; malformed ones give none (kube2msb skips them). */
export function serviceInfoEntries(service: string, value: string | undefined): MsbEntry[] {
  if (value === undefined) return []
  let doc: unknown
  try {
    doc = JSON.parse(value)
  } catch {
    // kube2msb logs and skips a malformed annotation; so does the expectation derived from it.
    return []
  }
  if (!Array.isArray(doc)) return []
  return doc.map((e: Record<string, unknown>) => {
    const s = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : '')
    return {
      service,
      serviceName: s('serviceName'),
      version: s('version'),
      url: s('url'),
      protocol: s('protocol'),
      visualRange: s('visualRange') || '1',
      path: s('path'),
    }
  })
}

/** Returns the path a client uses to reach a registration through MSB's gateway. */
export function publishedPath(e: MsbEntry): string {
  if (e.protocol === 'UI') return `/iui/${e.serviceName}/`
  if (e.protocol === 'REST')
    return `/api/${e.serviceName}${e.version ? `/${e.version}` : ''}/swagger.json`
  return e.path || `/${e.serviceName}/`
}

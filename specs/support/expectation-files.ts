// The data files of fixtures/expected/, read into typed values. Fields that are notes only
// (`page`, `pageAge`, `chartDir`, `stub`, …) are not read.
import { join } from 'node:path'
import { readYamlNode, type YamlNode } from './yaml-reader.js'

/** One Deployment of onap-pods.yaml: its pod template and READY per policy. */
export interface PodsFileDeployment {
  name: string
  release: string
  containers: string[]
  initContainers: string[]
  /** The template's sidecar.istio.io/inject annotation; null when it has none. */
  inject: string | null
  /** READY by policy key (`policyDisabled`, `policyEnabled`, …). */
  ready: Record<string, string>
  status: string
}

/** onap-pods.yaml. */
export interface OnapPodsFile {
  namespace: string
  sidecarContainer: string
  deployments: PodsFileDeployment[]
}

/** One Service of a services file. */
export interface ServicesFileService {
  name: string
  /** The `release` label; undefined when the file does not say. */
  release: string | undefined
  type: string
  /** PORT(S) items: `port[:nodePort]/PROTO`. */
  ports: string[]
  /** The EXTERNAL-IP column; undefined when the file does not say. */
  externalIP: string | undefined
}

/** onap-services.yaml and istio-system-services.yaml. */
export interface ServicesFile {
  namespace: string
  services: ServicesFileService[]
}

/** One workload row of istio-system-pods.yaml. */
export interface PodsFileWorkload {
  name: string
  ready: string
  status: string
}

/** istio-system-pods.yaml. */
export interface IstioPodsFile {
  namespace: string
  deployments: PodsFileWorkload[]
  jobs: PodsFileWorkload[]
}

/** One chart of helm-search.yaml. */
export interface SearchFileChart {
  /** `local/onap`. */
  name: string
  version: string
  appVersion: string
  description: string
}

/** helm-search.yaml. */
export interface HelmSearchFile {
  /** The search term (the last word of `command`, `helm search onap`). */
  term: string
  charts: SearchFileChart[]
}

/** One namespace of namespaces.yaml. */
export interface NamespacesFileNamespace {
  name: string
  status: string
  /** The istio-injection label, "" when absent. */
  istioInjection: string
}

/** All files of an expectations folder. */
export interface ExpectationFiles {
  onapPods: OnapPodsFile
  onapServices: ServicesFile
  istioPods: IstioPodsFile
  istioServices: ServicesFile
  helmSearch: HelmSearchFile
  namespaces: NamespacesFileNamespace[]
}

/** Reads every expectation file of `dir` (fixtures/expected by default). */
export function readExpectationFiles(dir: string): ExpectationFiles {
  const file = (name: string) => readYamlNode(join(dir, name))
  return {
    onapPods: onapPodsFile(file('onap-pods.yaml')),
    onapServices: servicesFile(file('onap-services.yaml')),
    istioPods: istioPodsFile(file('istio-system-pods.yaml')),
    istioServices: servicesFile(file('istio-system-services.yaml')),
    helmSearch: helmSearchFile(file('helm-search.yaml')),
    namespaces: file('namespaces.yaml')
      .get('namespaces')
      .list()
      .map((n) => ({
        name: n.get('name').str(),
        status: n.get('status').optStr('Active'),
        istioInjection: n.get('istioInjection').optStr(''),
      })),
  }
}

/** Reads onap-pods.yaml. */
export function onapPodsFile(root: YamlNode): OnapPodsFile {
  return {
    namespace: root.get('namespace').str(),
    sidecarContainer: root.get('sidecarContainer').optStr('istio-proxy'),
    deployments: root
      .get('deployments')
      .list()
      .map((d) => ({
        name: d.get('name').str(),
        release: d.get('release').str(),
        containers: strings(d.get('containers')),
        initContainers: strings(d.get('initContainers')),
        inject: d.get('inject').isAbsent() ? null : d.get('inject').str(),
        ready: Object.fromEntries(
          d
            .get('ready')
            .entries()
            .map(([k, v]) => [k, v.str()])
        ),
        status: d.get('status').optStr('Running'),
      })),
  }
}

/** Reads a services file. */
export function servicesFile(root: YamlNode): ServicesFile {
  return {
    namespace: root.get('namespace').str(),
    services: root
      .get('services')
      .list()
      .map((s) => ({
        name: s.get('name').str(),
        release: s.get('release').isAbsent() ? undefined : s.get('release').str(),
        type: s.get('type').str(),
        ports: strings(s.get('ports')),
        externalIP: s.get('externalIP').isAbsent() ? undefined : s.get('externalIP').str(),
      })),
  }
}

/** Reads istio-system-pods.yaml. */
export function istioPodsFile(root: YamlNode): IstioPodsFile {
  const workloads = (node: YamlNode): PodsFileWorkload[] =>
    node.list().map((w) => ({
      name: w.get('name').str(),
      ready: w.get('ready').str(),
      status: w.get('status').str(),
    }))
  return {
    namespace: root.get('namespace').str(),
    deployments: workloads(root.get('deployments')),
    jobs: workloads(root.get('jobs')),
  }
}

/** Reads helm-search.yaml. */
export function helmSearchFile(root: YamlNode): HelmSearchFile {
  const command = root.get('command').optStr('helm search onap')
  return {
    term: command.trim().split(/\s+/).at(-1) ?? '',
    charts: root
      .get('charts')
      .list()
      .map((c) => ({
        name: c.get('name').str(),
        version: c.get('version').str(),
        appVersion: c.get('appVersion').optStr(''),
        description: c.get('description').optStr(''),
      })),
  }
}

function strings(node: YamlNode): string[] {
  return node.list().map((n) => n.str())
}

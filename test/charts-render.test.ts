import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { parse, parseAllDocuments } from 'yaml'

// Packages fixtures/charts the way the lab's `make all` step must (common → components → onap,
// '@local' resolved through a repository named "local"), then renders them with the real helm 4
// and checks the pod shapes and Services against fixtures/expected. Everything happens in a
// temporary directory: helm writes charts/ and requirements.lock into the charts it updates.

const exec = promisify(execFile)
const root = resolve(import.meta.dirname, '..')
const helmBin = join(root, '.clients', 'bin', 'helm')
const chartsDir = join(root, 'fixtures', 'charts')
const expectedDir = join(root, 'fixtures', 'expected')
const releases = ['msb', 'vfc', 'multicloud'] as const

type Policy = 'enabled' | 'disabled'
interface Container {
  name: string
  image: string
  args?: string[]
}
interface PodTemplate {
  metadata: { annotations?: Record<string, string> }
  spec: {
    hostNetwork?: boolean
    containers: Container[]
    initContainers?: Container[]
    volumes?: { configMap?: { name: string } }[]
  }
}
interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; annotations?: Record<string, string> }
  spec?: {
    template?: PodTemplate
    type?: string
    ports?: { name: string; port: number; nodePort?: number; protocol?: string }[]
  }
}
interface PodExpectation {
  name: string
  release: string
  image: string
  containers: string[]
  initContainers: string[]
  waitsFor: string | null
  inject: string | null
  ready: Record<'policyDisabled' | 'policyEnabled', string>
}
interface ServiceExpectation {
  name: string
  release: string
  type: string
  ports: string[]
  portNames: string[]
  msbServiceInfo: Record<string, string>[]
}
interface SearchRow {
  name: string
  version: string
  appVersion: string
  description: string
}

/** Returns JSON with object keys sorted, so comparisons ignore key order. */
function canon(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort())
      : v
  )
}

function readExpected<T>(file: string, key: string): T[] {
  const doc = parse(readFileSync(join(expectedDir, file), 'utf8')) as Record<string, T[]>
  return doc[key]!
}

/** Returns READY as kubectl prints it once every container is ready: containers (+ istio-proxy). */
function readyOf(pod: PodTemplate, policy: Policy): string {
  // Istio 1.0 injectRequired: y|yes|true|on is true, empty or missing is "not set", else false.
  const value = pod.metadata.annotations?.['sidecar.istio.io/inject'] ?? ''
  const explicit = value === '' ? undefined : /^(y|yes|true|on)$/i.test(value)
  const inject =
    !pod.spec.hostNetwork && (policy === 'enabled' ? explicit !== false : explicit === true)
  const n = pod.spec.containers.length + (inject ? 1 : 0)
  return `${n}/${n}`
}

/** Returns one line per difference between the expected pods and the rendered Deployments. */
function diffPods(expected: PodExpectation[], rendered: Manifest[]): string[] {
  const out: string[] = []
  const deployments = new Map(
    rendered.filter((m) => m.kind === 'Deployment').map((m) => [m.metadata.name, m])
  )
  for (const want of expected) {
    const got = deployments.get(want.name)
    if (!got?.spec?.template) {
      out.push(`${want.name}: no Deployment rendered`)
      continue
    }
    const pod = got.spec.template
    const init = pod.spec.initContainers ?? []
    const actual = {
      apiVersion: got.apiVersion,
      image: pod.spec.containers[0]?.image,
      containers: pod.spec.containers.map((c) => c.name),
      initContainers: init.map((c) => c.name),
      waitsFor: init[0]?.args?.[init[0].args.indexOf('--container-name') + 1] ?? null,
      inject: pod.metadata.annotations?.['sidecar.istio.io/inject'] ?? null,
      ready: { policyDisabled: readyOf(pod, 'disabled'), policyEnabled: readyOf(pod, 'enabled') },
    }
    const wanted = { ...want, apiVersion: 'extensions/v1beta1' }
    for (const [key, value] of Object.entries(actual)) {
      const w = canon(wanted[key as keyof typeof wanted])
      if (canon(value) !== w) out.push(`${want.name}: ${key} ${canon(value)} != ${w}`)
    }
  }
  const names = new Set(expected.map((p) => p.name))
  for (const name of deployments.keys()) if (!names.has(name)) out.push(`${name}: not expected`)
  return out
}

/** Returns one line per difference between the expected and the rendered Services. */
function diffServices(expected: ServiceExpectation[], rendered: Manifest[]): string[] {
  const out: string[] = []
  const services = new Map(
    rendered.filter((m) => m.kind === 'Service').map((m) => [m.metadata.name, m])
  )
  for (const want of expected) {
    const got = services.get(want.name)
    if (!got?.spec?.ports) {
      out.push(`${want.name}: no Service rendered`)
      continue
    }
    const info = got.metadata.annotations?.['msb.onap.org/service-info']
    const actual = {
      type: got.spec.type ?? 'ClusterIP',
      ports: got.spec.ports.map(
        (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`
      ),
      portNames: got.spec.ports.map((p) => p.name),
      msbServiceInfo: info ? (JSON.parse(info) as unknown) : [],
    }
    for (const [key, value] of Object.entries(actual)) {
      const w = canon(want[key as keyof ServiceExpectation])
      if (canon(value) !== w) out.push(`${want.name}: ${key} ${canon(value)} != ${w}`)
    }
  }
  const names = new Set(expected.map((s) => s.name))
  for (const name of services.keys()) if (!names.has(name)) out.push(`${name}: not expected`)
  return out
}

describe('fixtures/charts with helm 4', () => {
  const pods = readExpected<PodExpectation>('onap-pods.yaml', 'deployments')
  const services = readExpected<ServiceExpectation>('onap-services.yaml', 'services')
  const search = readExpected<SearchRow>('helm-search.yaml', 'charts')
  const packaged: string[] = []
  const rendered = new Map<string, Manifest[]>()
  let work = ''
  let dist = ''
  let env: NodeJS.ProcessEnv = {}
  let server: Server | undefined
  let repoUrl = ''

  async function helm(...args: string[]): Promise<string> {
    const { stdout } = await exec(helmBin, args, { env, cwd: work, maxBuffer: 64 << 20 })
    return stdout
  }

  async function template(release: string, chart: string, ...args: string[]): Promise<Manifest[]> {
    const out = await helm('template', release, chart, '--namespace', 'onap', ...args)
    return parseAllDocuments(out)
      .map((d) => d.toJS() as Manifest | null)
      .filter((m): m is Manifest => m !== null)
  }

  async function packageChart(dir: string): Promise<void> {
    if (existsSync(join(dir, 'requirements.yaml'))) await helm('dependency', 'update', dir)
    await helm('package', dir, '--destination', dist)
    packaged.push(basename(dir))
  }

  async function reindex(): Promise<void> {
    await helm('repo', 'index', dist, '--url', repoUrl)
  }

  const chartDirs = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .filter(
        (e) => e.isDirectory() && e.name !== 'charts' && existsSync(join(dir, e.name, 'Chart.yaml'))
      )
      .map((e) => join(dir, e.name))
      .sort()

  before(async function () {
    this.timeout(60_000)
    if (!existsSync(helmBin)) throw new Error(`helm is missing at ${helmBin}: run npm ci`)
    work = mkdtempSync(join(tmpdir(), 'charts-render-'))
    dist = join(work, 'dist')
    mkdirSync(dist)
    cpSync(chartsDir, join(work, 'src'), { recursive: true })
    env = { ...process.env, HELM_NO_PLUGINS: '1' }
    for (const v of ['CONFIG', 'CACHE', 'DATA']) env[`HELM_${v}_HOME`] = join(work, v.toLowerCase())
    env.HELM_REPOSITORY_CONFIG = join(work, 'config', 'repositories.yaml')
    env.HELM_REPOSITORY_CACHE = join(work, 'cache', 'repository')
    // The page's `helm serve`: a chart repository over the packages in dist/.
    server = createServer((req, res) => {
      const file = join(dist, basename(decodeURIComponent((req.url ?? '/').split('?')[0]!)))
      if (existsSync(file) && statSync(file).isFile()) res.end(readFileSync(file))
      else res.writeHead(404).end()
    })
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok))
    repoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    // make all: common/* first, then each component (its own sub-packages, dependencies
    // resolved from "local", package), then the onap umbrella.
    const src = join(work, 'src')
    for (const dir of chartDirs(join(src, 'common'))) await packageChart(dir)
    await reindex()
    await helm('repo', 'add', 'local', repoUrl)
    for (const dir of chartDirs(src)) {
      if (basename(dir) === 'onap') continue
      for (const sub of chartDirs(dir)) await packageChart(sub)
      await packageChart(dir)
    }
    await reindex()
    await packageChart(join(src, 'onap'))
    await reindex()
    await helm('repo', 'update')

    for (const r of releases) rendered.set(r, await template(r, join(dist, `${r}-2.0.0.tgz`)))
  })

  after(() => {
    server?.close()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('packages common first, the components next and the onap umbrella last', () => {
    expect(packaged[0]).to.equal('common')
    expect(packaged.at(-1)).to.equal('onap')
    expect(packaged).to.include.members(['msb', 'vfc', 'multicloud', 'postgres', 'sdnc-prom'])
    const lock = readFileSync(join(work, 'src', 'msb', 'requirements.lock'), 'utf8')
    expect(lock).to.contain(`repository: ${repoUrl}`)
    expect(existsSync(join(work, 'src', 'msb', 'charts', 'common-2.0.0.tgz'))).to.equal(true)
  })

  it("lists the page's `helm search onap` rows, in order", async () => {
    const rows = JSON.parse(await helm('search', 'repo', 'onap', '--output', 'json')) as Record<
      string,
      string
    >[]
    const got = rows.map((r) => ({
      name: r.name,
      version: r.version,
      appVersion: r.app_version,
      description: r.description,
    }))
    const want = search.map(({ name, version, appVersion, description }) => ({
      name,
      version,
      appVersion,
      description,
    }))
    expect(got).to.deep.equal(want)
  })

  for (const release of releases) {
    it(`renders the ${release} pods with the containers, init containers and annotation of their READY`, () => {
      const want = pods.filter((p) => p.release === release)
      expect(want).to.have.length.above(0)
      expect(diffPods(want, rendered.get(release)!)).to.deep.equal([])
    })

    it(`renders the ${release} Services with the page's ports, NodePorts and MSB registrations`, () => {
      const want = services.filter((s) => s.release === release)
      expect(diffServices(want, rendered.get(release)!)).to.deep.equal([])
    })

    it(`only mounts ConfigMaps that the ${release} release creates`, () => {
      const manifests = rendered.get(release)!
      const created = new Set(
        manifests.filter((m) => m.kind === 'ConfigMap').map((m) => m.metadata.name)
      )
      const mounted = manifests
        .flatMap((m) => m.spec?.template?.spec.volumes ?? [])
        .flatMap((v) => (v.configMap ? [v.configMap.name] : []))
      expect(mounted).to.have.length.above(0)
      expect(mounted.filter((name) => !created.has(name))).to.deep.equal([])
    })
  }

  it('makes every readiness check wait for a container another pod runs', () => {
    const containers = new Set(pods.flatMap((p) => p.containers))
    const waits = pods.flatMap((p) => (p.waitsFor ? [p.waitsFor] : []))
    expect(waits).to.deep.equal(['msb-discovery', 'msb-consul', 'msb-discovery', 'msb-discovery'])
    expect(waits.filter((w) => !containers.has(w))).to.deep.equal([])
  })

  it("also resolves common from a file:// repository, with no repository named 'local'", async () => {
    const base = join(work, 'file-dependency')
    cpSync(join(chartsDir, 'common'), join(base, 'common'), { recursive: true })
    cpSync(join(chartsDir, 'msb'), join(base, 'msb'), { recursive: true })
    const requirements = join(base, 'msb', 'requirements.yaml')
    const text = readFileSync(requirements, 'utf8')
    writeFileSync(
      requirements,
      text.replace("repository: '@local'", "repository: 'file://../common/common'")
    )
    expect(readFileSync(requirements, 'utf8')).to.not.contain("repository: '@local'")
    const saved = env
    env = { ...env, HELM_REPOSITORY_CONFIG: join(base, 'no-repositories.yaml') }
    try {
      await helm('dependency', 'update', join(base, 'msb'))
      const manifests = await template('msb', join(base, 'msb'))
      expect(
        diffPods(
          pods.filter((p) => p.release === 'msb'),
          manifests
        )
      ).to.deep.equal([])
    } finally {
      env = saved
    }
  })

  it('renders no component from the umbrella with disable-allcharts.yaml', async () => {
    const umbrella = join(dist, 'onap-2.0.0.tgz')
    const disable = join(work, 'src', 'onap', 'resources', 'environments', 'disable-allcharts.yaml')
    const off = await template('common', umbrella, '-f', disable)
    expect(off.map((m) => `${m.kind}/${m.metadata.name}`)).to.have.members([
      'Secret/onap-docker-registry-key',
      'ClusterRoleBinding/onap-binding',
    ])
    // Positive control: the same umbrella with one component switched back on.
    const msb = await template('common', umbrella, '-f', disable, '--set', 'msb.enabled=true')
    expect(msb.filter((m) => m.kind === 'Deployment')).to.have.length(5)
  })

  it('fails the READY check for a chart copy without the inject annotation', async () => {
    const copy = join(work, 'negative', 'msb')
    cpSync(join(work, 'src', 'msb'), copy, { recursive: true })
    const file = join(copy, 'charts', 'msb-consul', 'templates', 'deployment.yaml')
    const text = readFileSync(file, 'utf8')
    const stripped = text.replace(/\n\s+annotations:\n\s+sidecar\.istio\.io\/inject: .*/, '')
    expect(stripped).to.not.equal(text)
    writeFileSync(file, stripped)
    const want = pods.filter((p) => p.release === 'msb')
    expect(diffPods(want, await template('msb', copy))).to.deep.equal([
      'msb-msb-consul: inject null != "true"',
      'msb-msb-consul: ready {"policyDisabled":"1/1","policyEnabled":"2/2"} != ' +
        '{"policyDisabled":"2/2","policyEnabled":"2/2"}',
    ])
  })

  it('fails the Services check when a NodePort suffix changes', async () => {
    const moved = await template(
      'msb',
      join(dist, 'msb-2.0.0.tgz'),
      '--set',
      'msb-iag.service.nodePort=89'
    )
    expect(
      diffServices(
        services.filter((s) => s.release === 'msb'),
        moved
      )
    ).to.deep.equal([
      'msb-iag: ports ["80:30289/TCP","443:30283/TCP"] != ["80:30280/TCP","443:30283/TCP"]',
    ])
  })
})

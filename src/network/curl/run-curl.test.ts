import { expect } from 'chai'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { KubeProxy } from '../kube-proxy.js'
import { PodDirectory } from '../pod-directory.js'
import { ServiceTable } from '../service-table.js'
import { SimPodNetwork } from '../sim-pod-network.js'
import { endpoints, pod, service } from '../../testing/network/objects.js'
import { NetError, NetErrorCodes, type AppHost, type Origin } from '../types.js'
import { runCurl } from './run-curl.js'

const TESTDATA = join(import.meta.dirname, 'testdata')

/** An app that answers `/`, `/echo`, `/status/<n>`, `/redirect`, `/reset` and `/slow`. */
const app: AppHost = {
  serve: (to, port, _from, req) => {
    if (port !== 8080)
      return Promise.reject(
        new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${to.ip}:${String(port)}`)
      )
    const text = (status: number, body: string, headers: Record<string, string> = {}) =>
      Promise.resolve({
        status,
        headers: { 'content-type': 'text/plain', ...headers },
        body: Buffer.from(body),
      })
    const status = /^\/status\/(\d+)$/.exec(req.path)
    if (status) return text(Number(status[1]), `status ${status[1]!}\n`)
    switch (req.path) {
      case '/':
        return text(200, 'hello from web\n')
      case '/echo':
        return text(
          200,
          `${JSON.stringify({ method: req.method, headers: req.headers, body: req.body.toString() })}\n`,
          {
            'content-type': 'application/json',
          }
        )
      case '/redirect':
        return text(302, '', { location: '/' })
      case '/loop':
        return text(301, '', { location: '/loop' })
      case '/reset':
        return Promise.reject(new NetError(NetErrorCodes.reset, 'read ECONNRESET'))
      case '/slow':
        return new Promise(() => undefined)
      default:
        return Promise.reject(new Error('the app crashed'))
    }
  },
}

function network() {
  const pods = new PodDirectory()
  const services = new ServiceTable()
  pods.set(pod('web-1', '10.244.1.2'))
  pods.set(pod('client', '10.244.1.9', { labels: { app: 'client' } }))
  services.setService(service('web', '10.96.0.10', [{ name: 'http', port: 80, targetPort: 8080 }]))
  services.setEndpoints(endpoints('web', ['10.244.1.2'], [{ name: 'http', port: 8080 }]))
  services.setService(service('none', '10.96.0.11', [{ name: 'http', port: 80 }]))
  const net = new SimPodNetwork({ pods, services, proxy: new KubeProxy(), nodeAt: () => undefined })
  net.setAppHost(app)
  const origin: Origin = {
    kind: 'pod',
    pod: pods.byName('default', 'client')!.info,
    container: 'app',
  }
  return { net, origin }
}

const CASES: Record<string, string[]> = {
  'get-progress-meter': ['http://web/'],
  silent: ['-s', 'http://web/'],
  verbose: ['-sv', 'http://web.default.svc.cluster.local/'],
  'verbose-refused': ['-v', 'http://none/'],
  include: ['-si', 'http://web/'],
  head: ['-sI', 'http://web/'],
  'fail-404': ['-sSf', 'http://web/status/404'],
  'fail-404-silent': ['-sf', 'http://web/status/404'],
  'no-fail-503': ['-s', '-w', '\\n%{http_code}\\n', 'http://web/status/503'],
  'not-found': ['-sS', 'http://nope/'],
  'not-found-meter': ['http://nope:8080/x'],
  refused: ['-sS', 'http://none/'],
  'refused-silent': ['-s', 'http://none/'],
  reset: ['-sS', 'http://web/reset'],
  crash: ['-sS', 'http://web/crash'],
  timeout: ['-sS', '-m', '0.05', 'http://web/slow'],
  'write-out': [
    '-s',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code} %{remote_ip}:%{remote_port} %{content_type} %{size_download} %{method} %{url_effective} %{exitcode}%% %{nope}\\n',
    'http://web/',
  ],
  'write-out-failure': [
    '-so',
    '/dev/null',
    '-w',
    '%{http_code} %{exitcode} %{errormsg}\\n',
    'http://none/',
  ],
  post: [
    '-s',
    '-XPUT',
    '-H',
    'X-A: b',
    '-H',
    'Accept:',
    '-H',
    'X-Empty;',
    '-d',
    'a=1',
    '--data-raw',
    '@b=2',
    'http://web/echo',
  ],
  'user-agent': ['-s', '-A', 'probe/1', 'http://web/echo'],
  'redirect-follow': ['-sL', '-w', '%{num_redirects} %{url_effective}\\n', 'http://web/redirect'],
  'redirect-include': ['-siL', 'http://web/redirect'],
  'redirect-loop': ['-sSL', '--max-redirs', '3', 'http://web/loop'],
  'redirect-no-follow': ['-si', 'http://web/redirect'],
  'unknown-option': ['--foo', 'http://web/'],
  'no-url': ['-s'],
  'missing-parameter': ['http://web/', '-m'],
  'bad-number': ['-m', 'soon', 'http://web/'],
  https: ['-sSk', 'https://web/'],
  'unsupported-protocol': ['-sS', 'ftp://web/'],
  'no-scheme': ['-s', 'web:80/'],
  'output-file-unwritable': ['-sS', '-o', '/tmp/out', 'http://web/'],
  'localhost-nothing-listens': ['-sS', 'http://localhost:9999/'],
  'localhost-is-the-pod': ['-s', '-w', ' %{remote_ip}\\n', 'http://localhost:8080/'],
}

function render(argv: string[], code: number, stdout: string, stderr: string): string {
  return `$ curl ${argv.map((a) => JSON.stringify(a)).join(' ')}\nexit: ${String(code)}\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n`
}

describe('runCurl()', () => {
  for (const [name, argv] of Object.entries(CASES)) {
    it(`${name}: ${argv.join(' ')}`, async () => {
      const { net, origin } = network()
      let stdout = ''
      let stderr = ''
      const code = await runCurl(argv, {
        network: net,
        origin,
        stdout: (c) => (stdout += c.toString()),
        stderr: (c) => (stderr += c),
        now: () => 0,
      })
      const got = render(argv, code, stdout, stderr)
      const file = join(TESTDATA, `${name}.golden`)
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, got)
      expect(got).to.equal(readFileSync(file, 'utf8'))
    })
  }

  it('writes -o files through the context and reads -d @file', async () => {
    const { net, origin } = network()
    const files = new Map<string, Buffer>([['/data.txt', Buffer.from('x=1\ny=2\n')]])
    let stdout = ''
    const code = await runCurl(['-s', '-d', '@/data.txt', '-o', '/out.json', 'http://web/echo'], {
      network: net,
      origin,
      stdout: (c) => (stdout += c.toString()),
      stderr: () => undefined,
      writeFile: (p, d) => void files.set(p, d),
      readFile: (p) => {
        const f = files.get(p)
        if (!f) throw new Error(`no ${p}`)
        return f
      },
    })
    expect(code).to.equal(0)
    expect(stdout).to.equal('')
    expect(JSON.parse(files.get('/out.json')!.toString())).to.include({ body: 'x=1y=2' })
  })

  it('exits 26 when -d @file cannot be read', async () => {
    const { net, origin } = network()
    let stderr = ''
    const code = await runCurl(['-sS', '-d', '@/missing', 'http://web/echo'], {
      network: net,
      origin,
      stdout: () => undefined,
      stderr: (c) => (stderr += c),
    })
    expect(code).to.equal(26)
    expect(stderr).to.equal('curl: (26) Failed to open/read local data from file/application\n')
  })
})

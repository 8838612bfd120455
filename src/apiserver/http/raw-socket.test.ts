import { expect } from 'chai'
import { connect } from 'node:tls'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { startTestCluster } from '../../testing/apiserver/index.js'

/** Sends raw bytes over TLS and returns everything the server writes before it closes. */
function rawExchange(port: number, caPem: string, data: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const s = connect({ host: '127.0.0.1', port, ca: caPem, servername: 'localhost' }, () =>
      s.write(data)
    )
    s.on('data', (c: Buffer) => chunks.push(c))
    s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')))
    s.on('error', reject)
  })
}

// Requests Node's HTTP parser refuses never reach the API handler; the server must still answer
// them with a Status (and close the connection) rather than a bare status line or nothing.
describe('HTTPS server socket layer', () => {
  let cluster: StartedSimCluster
  const serverErrors: unknown[] = []

  before(async () => {
    cluster = await startTestCluster({ onError: (err) => serverErrors.push(err) })
  })

  after(() => cluster.stop())

  it('answers raw garbage, unknown methods and CONNECT with a 4xx Status and closes', async () => {
    const auth = `Authorization: Bearer ${cluster.pki.token}\r\n`
    const close = 'Connection: close\r\n'
    const unicode = Buffer.concat([
      Buffer.from('GET /api/v1/namespaces/'),
      Buffer.from('ü😀', 'utf8'),
      Buffer.from(`/pods HTTP/1.1\r\nHost: x\r\n${auth}\r\n`),
    ])
    const cases: [name: string, data: Buffer | string, code: number][] = [
      ['unknown method', `FOO /version HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400],
      ['CONNECT', `CONNECT /version HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 405],
      ['CONNECT without credentials', 'CONNECT /version HTTP/1.1\r\nHost: x\r\n\r\n', 401],
      ['raw unicode in the path', unicode, 400],
      ['space in the path', `GET /api/v1/name spaces HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400],
      ['header without a colon', 'GET /version HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400],
      ['binary garbage', Buffer.from([0, 1, 2, 255, 13, 10, 13, 10]), 400],
      ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
      ['path without a slash', `GET version HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 400],
      [
        'bad Content-Length',
        `POST /api/v1/namespaces HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: abc\r\n\r\n`,
        400,
      ],
      [
        'huge header',
        `GET /version HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`,
        431,
      ],
      [
        'percent garbage in the query',
        `GET /api/v1/pods?labelSelector=%zz HTTP/1.1\r\nHost: x\r\n${auth}${close}\r\n`,
        400,
      ],
      ['no credentials', `GET /api HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 401],
      ['TRACE', `TRACE /version HTTP/1.1\r\nHost: x\r\n${auth}${close}\r\n`, 405],
      ['OPTIONS *', `OPTIONS * HTTP/1.1\r\nHost: x\r\n${auth}${close}\r\n`, 404],
    ]
    const failures: string[] = []
    for (const [name, data, code] of cases) {
      const raw = await rawExchange(cluster.api.port, cluster.pki.ca.certPem, data)
      const m = /^HTTP\/1\.1 (\d{3}) [^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(raw)
      if (!m) {
        failures.push(`${name}: no HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`)
        continue
      }
      const status = Number(m[1])
      let body: Record<string, unknown>
      try {
        body = JSON.parse(m[3]!) as Record<string, unknown>
      } catch {
        failures.push(
          `${name}: HTTP ${status}, body is not JSON: ${JSON.stringify(m[3]!.slice(0, 200))}`
        )
        continue
      }
      if (status !== code || body.kind !== 'Status' || body.code !== status) {
        failures.push(`${name}: HTTP ${status} ${JSON.stringify(body).slice(0, 200)}`)
      }
    }
    expect(failures).to.deep.equal([])
    expect(serverErrors).to.deep.equal([])
  })

  it('keeps serving after the garbage', async () => {
    const raw = await rawExchange(
      cluster.api.port,
      cluster.pki.ca.certPem,
      `GET /version HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${cluster.pki.token}\r\nConnection: close\r\n\r\n`
    )
    expect(raw).to.match(/^HTTP\/1\.1 200 OK/)
    expect(raw).to.contain('"gitVersion":"v1.11.1"')
  })
})

import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  startChartRepoServer,
  type StartedChartRepoServer,
} from '../src/install/chart-repo-server.js'
import { ROOT } from '../src/testing/install/lab-options.js'

const HELM = join(ROOT, '.clients', 'bin', 'helm')

describe('startChartRepoServer()', function () {
  this.timeout(20_000)
  let dir = ''
  let dist = ''
  let server: StartedChartRepoServer

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chart-repo-'))
    dist = join(dir, 'dist')
    const chart = join(dir, 'demo')
    mkdirSync(dist)
    mkdirSync(chart)
    writeFileSync(
      join(chart, 'Chart.yaml'),
      'apiVersion: v1\nname: demo\nversion: 2.0.0\ndescription: ONAP demo\n'
    )
    const env = {
      ...process.env,
      HELM_CONFIG_HOME: join(dir, 'h'),
      HELM_CACHE_HOME: join(dir, 'h'),
      HELM_DATA_HOME: join(dir, 'h'),
    }
    server = await startChartRepoServer({ dir: dist, port: 0 })
    execFileSync(HELM, ['package', chart, '--destination', dist], { env })
    execFileSync(HELM, ['repo', 'index', dist, '--url', server.url], { env })
  })
  after(async () => {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves index.yaml with the sha256 digest of each chart archive it serves', async () => {
    const res = await fetch(`${server.url}/index.yaml`)
    expect(res.status).to.equal(200)
    expect(res.headers.get('content-type')).to.equal('application/x-yaml')
    const index = parse(await res.text()) as {
      entries: Record<string, { digest: string; urls: string[] }[]>
    }
    const [entry] = index.entries['demo']!
    expect(entry!.urls).to.deep.equal([`${server.url}/demo-2.0.0.tgz`])
    const tgz = Buffer.from(await (await fetch(entry!.urls[0]!)).arrayBuffer())
    expect(entry!.digest).to.equal(createHash('sha256').update(tgz).digest('hex'))
  })

  it('answers 404 outside the directory and 405 to writes', async () => {
    for (const path of [
      '/missing.tgz',
      '/..%2Fdemo%2FChart.yaml',
      '/%2e%2e/etc/passwd',
      '/.hidden',
      '/%E0%A4%A',
    ]) {
      expect((await fetch(`${server.url}${path}`)).status, path).to.equal(404)
    }
    expect((await fetch(`${server.url}/index.yaml`, { method: 'POST' })).status).to.equal(405)
    expect((await fetch(`${server.url}/index.yaml`, { method: 'HEAD' })).status).to.equal(200)
  })

  it('says the port is in use when something listens there already', async () => {
    const other = createServer()
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok))
    const port = (other.address() as AddressInfo).port
    try {
      const err = await startChartRepoServer({ dir: dist, port }).catch((e: Error) => e)
      expect((err as Error).message).to.match(
        new RegExp(
          `^port ${port} is in use: listen EADDRINUSE.*\\(another helm serve\\? stop it or free the port\\)$`
        )
      )
    } finally {
      other.close()
    }
  })
})

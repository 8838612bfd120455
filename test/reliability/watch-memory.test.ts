import { expect } from 'chai'
import type { StartedSimCluster } from '../../src/backends/sim/index.js'
import { startHttpsServer, type StartedHttpsServer } from '../../src/apiserver/http/index.js'
import { startTestCluster } from '../../src/testing/apiserver/index.js'
import type { KubeObject } from '../../src/api/types.js'
import { send, until, watch, type Target } from './https-client.js'

// Finding 1: one client's watches must not take the daemon down. Scaled down to run in seconds on
// two cores; what is asserted is the mechanism: one serialisation per event whatever the number
// of watchers, a bounded buffer per stalled watcher, stalled watchers closed with 410 Expired.
describe('reliability: watch memory', function () {
  this.timeout(60_000)
  let cluster: StartedSimCluster
  let http: StartedHttpsServer
  let t: Target

  before(async () => {
    cluster = await startTestCluster()
    // A second listener over the same handler, so the test can read each watch's buffered bytes.
    http = await startHttpsServer({
      handler: cluster.api.handler,
      certPem: cluster.pki.apiserver.certPem,
      keyPem: cluster.pki.apiserver.keyPem,
      caPem: cluster.pki.ca.certPem,
      token: cluster.pki.token,
      host: '127.0.0.1',
      port: 0,
    })
    t = { url: http.url, caPem: cluster.pki.ca.certPem, token: cluster.pki.token }
    const r = await send(
      t,
      'POST',
      '/api/v1/namespaces',
      JSON.stringify({ metadata: { name: 'big' } })
    )
    expect(r.status).to.equal(201)
  })
  after(async () => {
    await http.close()
    await cluster.stop()
  })

  const store = () => cluster.api.store
  const cm = (name: string, bytes: number, round: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'big' },
    data: { blob: String(round % 10).repeat(bytes) },
  })

  it('replays an old window to 16 watchers with one serialisation per event and bounded buffers', async () => {
    const objects = 10
    const size = 256 * 1024
    const from = store().currentRv()
    for (let i = 0; i < objects; i++) store().create('configmaps', cm(`c${i}`, size, 0))
    for (let round = 1; round <= 4; round++)
      for (let i = 0; i < objects; i++) {
        const o = store().get({ storage: 'configmaps', namespace: 'big', name: `c${i}` })!
        store().update('configmaps', { ...o, data: cm('', size, round).data })
      }
    const events = objects * 5
    const before = store().window.encodings
    // 16 clients that do not read yet: the server must stop producing, not queue the window.
    const ws = Array.from({ length: 16 }, () =>
      watch(t, `/api/v1/namespaces/big/configmaps?watch=true&resourceVersion=${from}`, true)
    )
    expect(await Promise.all(ws.map((w) => w.status))).to.deep.equal(ws.map(() => 200))
    expect(await until(() => http.watchBuffers().length === 16)).to.equal(true)
    await new Promise((r) => setTimeout(r, 300))
    const buffered = http.watchBuffers()
    // One event (256 KiB plus JSON) and the stream's high-water mark at most; without
    // backpressure every watcher would hold the whole 12.5 MiB window.
    for (const b of buffered) expect(b).to.be.below(size + 64 * 1024)
    for (const w of ws) w.resume()
    expect(await until(() => ws.every((w) => w.lines.length === events), 30_000)).to.equal(true)
    for (const w of ws) {
      const rvs = w.lines.map((l) =>
        Number((JSON.parse(l) as { object: KubeObject }).object.metadata.resourceVersion)
      )
      expect(rvs).to.deep.equal([...rvs].sort((a, b) => a - b))
      expect(new Set(rvs).size).to.equal(events)
    }
    // Each event was serialised once for all 16 watchers.
    expect(store().window.encodings - before).to.equal(events)
    for (const w of ws) w.abort()
  })

  it('closes watchers that stopped reading once they fall too far behind, and they reconnect', async () => {
    const size = 100 * 1024
    store().create('configmaps', cm('hot', size, 0))
    const list = (await send(t, 'GET', '/api/v1/namespaces/big/configmaps')).json()
    const rv = (list.metadata as { resourceVersion: string }).resourceVersion
    const ws = Array.from({ length: 5 }, () =>
      watch(t, `/api/v1/namespaces/big/configmaps?watch=true&resourceVersion=${rv}`, true)
    )
    await Promise.all(ws.map((w) => w.status))
    // 32 MiB is the budget of a watcher that stopped reading: 400 updates of 100 KiB pass it.
    for (let round = 1; round <= 400; round++) {
      const o = store().get({ storage: 'configmaps', namespace: 'big', name: 'hot' })!
      store().update('configmaps', { ...o, data: cm('', size, round).data })
      if (round % 50 === 0) await new Promise((r) => setImmediate(r))
    }
    expect(await until(() => http.watchBuffers().length === 0, 15_000), 'watchers closed').to.equal(
      true
    )
    for (const w of ws) w.resume()
    await Promise.all(ws.map((w) => w.ended))
    for (const w of ws) {
      const last = JSON.parse(w.lines[w.lines.length - 1]!) as {
        type: string
        object: { code: number; reason: string }
      }
      expect(last.type).to.equal('ERROR')
      expect(last.object).to.include({ code: 410, reason: 'Expired' })
    }
    // A closed watcher reconnects as clients do: list, then watch from the list's version.
    const again = (await send(t, 'GET', '/api/v1/namespaces/big/configmaps')).json()
    const w = watch(
      t,
      `/api/v1/namespaces/big/configmaps?watch=true&resourceVersion=${(again.metadata as { resourceVersion: string }).resourceVersion}`
    )
    expect(await w.status).to.equal(200)
    const o = store().get({ storage: 'configmaps', namespace: 'big', name: 'hot' })!
    store().update('configmaps', { ...o, data: { small: 'x' } })
    expect(await until(() => w.lines.length === 1)).to.equal(true)
    expect(JSON.parse(w.lines[0]!)).to.have.property('type', 'MODIFIED')
    w.abort()
  })
})

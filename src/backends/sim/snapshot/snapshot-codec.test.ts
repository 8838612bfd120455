import { expect } from 'chai'
import { gunzipSync, gzipSync } from 'node:zlib'
import { decodeSnapshot, encodeSnapshot, newHeader } from './snapshot-codec.js'
import type { LabSnapshot } from './snapshot-types.js'

const pod = (name: string, rv: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'onap', uid: `uid-${name}`, resourceVersion: String(rv) },
})

function sample(version = '0.1.0'): LabSnapshot {
  const objects: [string, ReturnType<typeof pod>][] = [
    ['pods', pod('a', 7)],
    ['pods', pod('b', 9)],
  ]
  return {
    header: newHeader(version, 9, { objects: 2, logs: 1, files: 1 }, new Date(0)),
    lab: {
      kindConfig: { name: 'kind-config.yaml', text: 'kind: Cluster\n' },
      profile: { name: 'lab.yaml', text: 'timeFactor: 0.01\n' },
      until: 'cluster',
      seed: 42,
    },
    pki: {
      ca: { certPem: 'CA', keyPem: 'CAKEY' },
      apiserver: { certPem: 'S', keyPem: 'SK' },
      admin: { certPem: 'A', keyPem: 'AK' },
      token: 'tok',
    } as LabSnapshot['pki'],
    machines: { controlPlane: true, kubelets: ['m', 'w1'], chartRepo: 'http://127.0.0.1:8879' },
    store: { rv: 9, objects },
    logs: [{ namespace: 'onap', pod: 'a', container: 'c', current: [[1, 'hello']], ended: false }],
    files: [{ path: 'charts/dist/index.yaml', mode: 0o644, data: 'YQ==' }],
  }
}

/** Re-gzips the NDJSON body after `edit`, so that only the record layer is wrong. */
function rewrite(buf: Buffer, edit: (lines: string[]) => string[]): Buffer {
  const lines = gunzipSync(buf).toString().split('\n')
  return gzipSync(Buffer.from(edit(lines).join('\n')))
}

describe('snapshot codec', () => {
  it('round-trips every record: objects with their resourceVersions and UIDs, the counter, logs, files', () => {
    const s = sample()
    const back = decodeSnapshot(encodeSnapshot(s), 'x.snap', '0.1.0')
    expect(back).to.deep.equal(s)
    expect(back.store.objects.map(([, o]) => o.metadata.uid)).to.deep.equal(['uid-a', 'uid-b'])
  })

  it("keeps a scenario's schedule in a record of its own, and a snapshot without one has none", () => {
    const schedule = {
      started: true,
      elapsedMs: 5000,
      left: [{ index: 1, atMs: 8000, name: 'fail' }],
      done: [{ index: 0, atMs: 3000, name: 'kill', ranAtMs: 3000 }],
      inForce: [],
    }
    const buf = encodeSnapshot({ ...sample(), schedule })
    const lines = gunzipSync(buf).toString().trimEnd().split('\n')
    expect(JSON.parse(lines[lines.length - 2]!)).to.deep.equal({ t: 'schedule', schedule })
    expect(decodeSnapshot(buf, 's.snap', '0.1.0').schedule).to.deep.equal(schedule)
    expect(decodeSnapshot(encodeSnapshot(sample()), 's.snap', '0.1.0')).to.not.have.property(
      'schedule'
    )
  })

  it("keeps the mesh's telemetry (Mixer's metrics, Jaeger's spans) in a record of its own", () => {
    const telemetry = {
      metrics: {
        reportsReceived: 2,
        series: { istio_requests_total: [] },
        labelSets: [],
        observations: [],
      },
      spans: [],
    }
    const back = decodeSnapshot(encodeSnapshot({ ...sample(), telemetry }), 't.snap', '0.1.0')
    expect(back.telemetry).to.deep.equal(telemetry)
    expect(decodeSnapshot(encodeSnapshot(sample()), 't.snap', '0.1.0')).to.not.have.property(
      'telemetry'
    )
  })

  it('is gzip of NDJSON whose first record is the versioned header and last the checksum', () => {
    const lines = gunzipSync(encodeSnapshot(sample())).toString().trimEnd().split('\n')
    const first = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(first).to.include({ t: 'header', format: 'onap-mesh-lab/snapshot', formatVersion: 1 })
    const last = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>
    expect(last).to.include({ t: 'end', records: lines.length - 1 })
    expect(last.sha256).to.match(/^[0-9a-f]{64}$/)
  })

  it('refuses a snapshot of another lab version, naming both versions', () => {
    expect(() => decodeSnapshot(encodeSnapshot(sample('0.2.0')), 'old.snap', '0.1.0')).to.throw(
      'failed to read the snapshot old.snap: it was written by onap-mesh-lab 0.2.0, and this is onap-mesh-lab 0.1.0'
    )
  })

  it('refuses another format version', () => {
    const s = sample()
    s.header.formatVersion = 2
    expect(() => decodeSnapshot(encodeSnapshot(s), 'f.snap', '0.1.0')).to.throw(
      'its format version is 2, and this lab reads format version 1'
    )
  })

  it('refuses a truncated file, whether cut in the compressed data or after a record', () => {
    const buf = encodeSnapshot(sample())
    expect(() => decodeSnapshot(buf.subarray(0, buf.length - 20), 't.snap', '0.1.0')).to.throw(
      /t\.snap: the file is truncated/
    )
    const cut = rewrite(buf, (l) => l.slice(0, 5))
    expect(() => decodeSnapshot(cut, 't.snap', '0.1.0')).to.throw(
      't.snap: the file is truncated (no end record'
    )
  })

  it('refuses a corrupted file: a flipped compressed byte, or a changed record under an intact gzip', () => {
    const buf = Buffer.from(encodeSnapshot(sample()))
    buf[Math.floor(buf.length / 2)]! ^= 0xff
    expect(() => decodeSnapshot(buf, 'c.snap', '0.1.0')).to.throw(
      /c\.snap: the file is (corrupted|truncated)/
    )
    const edited = rewrite(encodeSnapshot(sample()), (l) =>
      l.map((x) => x.replace('"uid-a"', '"uid-z"'))
    )
    expect(() => decodeSnapshot(edited, 'c.snap', '0.1.0')).to.throw(
      'c.snap: the file is corrupted (its checksum does not match its records)'
    )
  })

  it('refuses a file that is not a snapshot at all', () => {
    expect(() => decodeSnapshot(Buffer.from('hello'), 'n.snap', '0.1.0')).to.throw(
      /n\.snap: the file is corrupted or not a snapshot/
    )
    const json = gzipSync(Buffer.from('{"kind":"List"}\n'))
    expect(() => decodeSnapshot(json, 'n.snap', '0.1.0')).to.throw('it is not a lab snapshot')
  })
})

import { expect } from 'chai'
import type { IncomingMessage } from 'node:http'
import { Duplex } from 'node:stream'
import { notFound } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { RuntimeError, type StreamingRuntime } from './runtime-types.js'
import { createUpgradeHandler } from './upgrade-handler.js'

/** A socket that records what the handler writes. */
function fakeSocket(): { socket: Duplex; written: () => Promise<string> } {
  let out = ''
  let done: () => void = () => undefined
  const ended = new Promise<void>((r) => (done = r))
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString()
      cb()
    },
    final(cb) {
      done()
      cb()
    },
  })
  return { socket, written: async () => (await ended, out) }
}

function request(path: string, headers: Record<string, string>): IncomingMessage {
  return { url: path, headers } as unknown as IncomingMessage
}

const POD: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'box', namespace: 'default' },
  spec: { nodeName: 'n1', containers: [{ name: 'box', image: 'busybox' }] },
}

const getPod = async (ns: string, name: string) => {
  if (name !== 'box') throw notFound({ group: '', resource: 'pods' }, name)
  return { ...POD, metadata: { ...POD.metadata, namespace: ns } }
}

async function answer(
  path: string,
  headers: Record<string, string>,
  runtime?: StreamingRuntime
): Promise<{ code: number; status: Record<string, unknown> }> {
  const handle = createUpgradeHandler({ getPod, ...(runtime ? { runtime } : {}) })
  const { socket, written } = fakeSocket()
  handle(request(path, headers), socket, Buffer.alloc(0))
  const raw = await written()
  return {
    code: Number(/^HTTP\/1\.1 (\d+)/.exec(raw)?.[1]),
    status: JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>,
  }
}

const WS = { upgrade: 'websocket', 'sec-websocket-protocol': 'v5.channel.k8s.io' }
const EXEC = '/api/v1/namespaces/default/pods/box/exec?command=ls&stdout=true'

describe('createUpgradeHandler()', () => {
  const refusing: StreamingRuntime = {
    exec: () => Promise.reject(new RuntimeError(500, 'container not found ("box")')),
    attach: () => Promise.reject(new RuntimeError(500, 'container not found ("box")')),
    portForward: () => Promise.reject(new Error('refused')),
    proxy: () => Promise.reject(new Error('refused')),
    nodeProxy: () => Promise.reject(new Error('refused')),
  }
  /** Returns the answer to a WebSocket upgrade of `path` on a runtime that refuses everything. */
  const wsRefused = (path: string) => answer(path, WS, refusing)

  it('answers a missing pod with its NotFound Status', async () => {
    const r = await wsRefused('/api/v1/namespaces/default/pods/nopod/exec?command=ls&stdout=true')
    expect(r.code).to.equal(404)
    expect(r.status.message).to.equal('pods "nopod" not found')
  })

  it('names the subresource when there is no runtime, or the upgrade is unknown', async () => {
    const none = await answer(EXEC, WS)
    expect(none.code).to.equal(503)
    expect(none.status.message).to.contain('pods/exec')
    const h2c = await answer(EXEC, { upgrade: 'h2c' }, refusing)
    expect(h2c.code).to.equal(400)
    expect(h2c.status.message).to.contain('pods/exec: the upgrade to "h2c" is not supported')
  })

  it('refuses paths that do not stream, bad queries and unknown subprotocols with a Status', async () => {
    const other = await wsRefused('/api/v1/namespaces/default/pods/box/log')
    expect(other.code).to.equal(400)
    expect(other.status.message).to.contain('only pods/exec, pods/attach and pods/portforward')
    const noStreams = await wsRefused('/api/v1/namespaces/default/pods/box/exec?command=ls')
    expect(noStreams.status.message).to.equal(
      'you must specify at least 1 of stdin, stdout, stderr'
    )
    const noCommand = await wsRefused('/api/v1/namespaces/default/pods/box/exec?stdout=1')
    expect(noCommand.status.message).to.equal(
      'you must specify at least one command for the container'
    )
    const badContainer = await wsRefused(`${EXEC}&container=x`)
    expect(badContainer.status.message).to.equal('container x is not valid for pod box')
  })

  it("relays the runtime's refusal before upgrading", async () => {
    const r = await wsRefused(EXEC)
    expect(r.code).to.equal(500)
    expect(r.status).to.include({ reason: 'InternalError', message: 'container not found ("box")' })
  })
})

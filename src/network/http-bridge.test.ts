import { expect } from 'chai'
import { connect, type AddressInfo } from 'node:net'
import { createBridgeServer } from './http-bridge.js'
import { NetError } from './types.js'

/** Sends one raw request and resolves with what the client saw: the bytes, or its error code. */
function rawGet(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () =>
      s.write('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')
    )
    let got = ''
    s.on('data', (d: Buffer) => (got += d.toString()))
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
    s.on('close', () => resolve(got === '' ? 'closed without an answer' : got))
  })
}

describe('createBridgeServer()', () => {
  it('resets the connection when the backend refuses, as iptables to a closed port does', async () => {
    const server = createBridgeServer(() =>
      Promise.reject(new NetError('ECONNREFUSED', 'connection refused'))
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      // Not an empty reply (curl's exit 52): the client sees its connection reset.
      expect(await rawGet((server.address() as AddressInfo).port)).to.equal('ECONNRESET')
    } finally {
      server.close()
    }
  })

  it('answers what the backend answers', async () => {
    const server = createBridgeServer(() =>
      Promise.resolve({ status: 200, headers: {}, body: Buffer.from('ok') })
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      expect(await rawGet((server.address() as AddressInfo).port)).to.match(/^HTTP\/1.1 200/)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})

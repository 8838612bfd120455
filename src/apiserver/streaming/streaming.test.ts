import { expect } from 'chai'
import { createDeflate, constants } from 'node:zlib'
import {
  decodeChannelMessage,
  encodeChannelMessage,
  negotiateChannelProtocol,
} from './channel-protocol.js'
import { exitStatus } from './exec-status.js'
import { queryBool } from './query-bool.js'
import { HeaderDecoder, HeaderEncoder } from './spdy/header-block.js'
import { SPDY3_DICTIONARY } from './spdy/header-dictionary.js'
import { SpdySession } from './spdy/spdy-session.js'

/** Compresses header blocks as Go's spdy framer does: one zlib stream with the dictionary, sync-flushed. */
function goCompressor(): (pairs: [string, string][]) => Promise<Buffer> {
  const z = createDeflate({ dictionary: SPDY3_DICTIONARY })
  const out: Buffer[] = []
  z.on('data', (b: Buffer) => out.push(b))
  return (pairs) =>
    new Promise((resolve) => {
      const parts: Buffer[] = []
      const u32 = (n: number) => {
        const b = Buffer.alloc(4)
        b.writeUInt32BE(n)
        return b
      }
      parts.push(u32(pairs.length))
      for (const [k, v] of pairs)
        parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v))
      out.length = 0
      z.write(Buffer.concat(parts))
      z.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out)))
    })
}

function synStream(id: number, block: Buffer): Buffer {
  const body = Buffer.concat([Buffer.alloc(10), block])
  body.writeUInt32BE(id, 0)
  const head = Buffer.alloc(8)
  head.writeUInt16BE(0x8003, 0)
  head.writeUInt16BE(1, 2)
  head.writeUInt32BE(body.length, 4)
  return Buffer.concat([head, body])
}

describe('streaming protocols', () => {
  describe('negotiateChannelProtocol()', () => {
    it("picks the client's first supported subprotocol", () => {
      expect(
        negotiateChannelProtocol(['v5.channel.k8s.io', 'v4.channel.k8s.io'])?.version
      ).to.equal(5)
      expect(negotiateChannelProtocol(['v9.channel.k8s.io', 'v4.channel.k8s.io'])?.name).to.equal(
        'v4.channel.k8s.io'
      )
      expect(negotiateChannelProtocol(['base64.channel.k8s.io'])?.base64).to.equal(true)
      expect(negotiateChannelProtocol([])?.name).to.equal('channel.k8s.io')
    })
    it('refuses a list with nothing it knows', () => {
      expect(negotiateChannelProtocol(['chat', 'v9.channel.k8s.io'])).to.equal(undefined)
    })
  })

  describe('channel messages', () => {
    it('binary: the channel byte, then the data; base64: an ASCII digit, then base64', () => {
      const v5 = negotiateChannelProtocol(['v5.channel.k8s.io'])!
      const b64 = negotiateChannelProtocol(['base64.channel.k8s.io'])!
      expect(encodeChannelMessage(v5, 1, 'hi')).to.deep.equal(Buffer.from([1, 104, 105]))
      expect(encodeChannelMessage(b64, 2, 'hi')).to.equal('2aGk=')
      expect(decodeChannelMessage(b64, Buffer.from('0aGk='), false)).to.deep.equal({
        channel: 0,
        data: Buffer.from('hi'),
      })
      expect(decodeChannelMessage(v5, Buffer.alloc(0), true)).to.equal(undefined)
    })
  })

  describe('exitStatus()', () => {
    it('carries NonZeroExitCode with the ExitCode cause, or Success', () => {
      expect(exitStatus(0, ['ls'])).to.deep.equal({ metadata: {}, status: 'Success' })
      const s = exitStatus(3, ['sh', '-c', 'exit 3']) as { reason: string; details: unknown }
      expect(s.reason).to.equal('NonZeroExitCode')
      expect(s.details).to.deep.equal({ causes: [{ reason: 'ExitCode', message: '3' }] })
    })
  })

  describe('queryBool()', () => {
    it('reads true, True, 1 and the empty value as true; false, False, 0 and absence as false', () => {
      const q = new URLSearchParams('a=true&b=True&c=1&d=&e=false&f=False&g=0')
      expect(['a', 'b', 'c', 'd'].map((k) => queryBool(q, k))).to.deep.equal([
        true,
        true,
        true,
        true,
      ])
      expect(['e', 'f', 'g', 'h'].map((k) => queryBool(q, k))).to.deep.equal([
        false,
        false,
        false,
        false,
      ])
    })
  })

  describe('SPDY header blocks', () => {
    it("decodes a zlib stream primed with SPDY/3's dictionary across blocks", async () => {
      const compress = goCompressor()
      const d = new HeaderDecoder()
      expect(
        await d.decode(
          await compress([
            ['streamType', 'error'],
            ['port', '80'],
          ])
        )
      ).to.deep.equal({
        streamtype: 'error',
        port: '80',
      })
      expect(await d.decode(await compress([['streamType', 'data']]))).to.deep.equal({
        streamtype: 'data',
      })
      d.close()
    })

    it('fails a corrupt block instead of hanging', async () => {
      const d = new HeaderDecoder()
      let failed = false
      await d.decode(Buffer.from('not zlib at all')).catch(() => (failed = true))
      expect(failed).to.equal(true)
    })

    it('encodes blocks any zlib reader can read, each ending with a sync-flush marker', async () => {
      const e = new HeaderEncoder()
      const d = new HeaderDecoder()
      const first = e.encode({ a: 'b' })
      expect(first.subarray(-5)).to.deep.equal(Buffer.from([0, 0, 0, 0xff, 0xff]))
      expect(await d.decode(first)).to.deep.equal({ a: 'b' })
      expect(await d.decode(e.encode({}))).to.deep.equal({})
    })
  })

  describe('SpdySession', () => {
    it('replies to SYN_STREAM, relays data both ways and answers PING', async () => {
      const sent: Buffer[] = []
      const got: string[] = []
      const session = new SpdySession(
        (b) => sent.push(b),
        (s) => {
          s.onData((b) => got.push(`${s.headers.streamtype}:${b.toString()}`))
          s.write('pong')
        }
      )
      const compress = goCompressor()
      session.feed(synStream(1, await compress([['streamtype', 'data']])))
      const data = Buffer.alloc(8 + 4)
      data.writeUInt32BE(1, 0)
      data.writeUInt32BE(4, 4)
      data.write('ping', 8)
      session.feed(data)
      const ping = Buffer.from([0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 9])
      session.feed(ping)
      await new Promise((r) => setTimeout(r, 20))
      expect(got).to.deep.equal(['data:ping'])
      const types = sent.map((b) =>
        b[0]! & 0x80 ? `ctl${b.readUInt16BE(2)}` : `data${b.readUInt32BE(0)}`
      )
      expect(types).to.deep.equal(['ctl2', 'data1', 'ctl6'])
      expect(sent[1]!.subarray(8).toString()).to.equal('pong')
      session.close()
    })
  })
})

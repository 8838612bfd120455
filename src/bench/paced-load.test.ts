import { expect } from 'chai'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pacedLoad } from './paced-load.js'

function server(delayMs: number, status = 200): Promise<{ s: Server; target: string }> {
  const body = Buffer.alloc(20_000, 'x')
  const s = createServer((_req, res) => {
    setTimeout(() => res.writeHead(status, { 'content-length': body.length }).end(body), delayMs)
  })
  return new Promise((r) =>
    s.listen(0, '127.0.0.1', () =>
      r({ s, target: `127.0.0.1:${String((s.address() as AddressInfo).port)}` })
    )
  )
}

describe('pacedLoad()', () => {
  it('holds the target rate and reads whole responses', async () => {
    const { s, target } = await server(0)
    try {
      const r = await pacedLoad({
        targets: [target],
        path: '/',
        rps: 200,
        durationMs: 1000,
        connections: 8,
      })
      expect(r.errors).to.equal(0)
      expect(r.rps).to.be.within(140, 220)
      expect(r.missed).to.be.below(20)
      expect(r.perSecond.reduce((a, b) => a + b, 0)).to.equal(r.ok)
    } finally {
      s.close()
    }
  })

  it('counts the tokens it could not send when every connection is busy', async () => {
    const { s, target } = await server(50)
    try {
      const r = await pacedLoad({
        targets: [target],
        path: '/',
        rps: 400,
        durationMs: 600,
        connections: 2,
        maxConnections: 2,
        backlogMs: 100,
      })
      // Two connections with 50 ms answers carry at most 40 req/s.
      expect(r.rps).to.be.below(45)
      expect(r.missed).to.be.above(100)
      expect(r.peakConnections).to.equal(2)
    } finally {
      s.close()
    }
  })

  it('opens connections when every one is busy, so slow answers still get the rate', async () => {
    const { s, target } = await server(50)
    try {
      const o = { targets: [target], path: '/', rps: 400, durationMs: 800, connections: 2 }
      // 400 req/s of 50 ms answers need ≥ 20 connections (Little's law); the pool grows to them.
      const grown = await pacedLoad({ ...o, maxConnections: 40 })
      expect(grown.errors).to.equal(0)
      expect(grown.peakConnections).to.be.within(20, 40)
      expect(grown.rps).to.be.above(300)
      expect(grown.missed).to.be.below(40)
    } finally {
      s.close()
    }
  })

  it('counts only the measured window after a warm-up, starting it on schedule', async () => {
    // A server that stalls every answer of the first 300 ms (the warm-up) until 300 ms.
    const body = Buffer.alloc(1000, 'x')
    const t0 = performance.now()
    const s = createServer((_req, res) => {
      const wait = Math.max(0, t0 + 300 - performance.now())
      setTimeout(() => res.writeHead(200, { 'content-length': body.length }).end(body), wait)
    })
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    const target = `127.0.0.1:${String((s.address() as AddressInfo).port)}`
    let measuring = 0
    try {
      const r = await pacedLoad({
        targets: [target],
        path: '/',
        rps: 200,
        durationMs: 500,
        warmupMs: 400,
        connections: 2,
        maxConnections: 2,
        onMeasuring: () => measuring++,
      })
      expect(measuring).to.equal(1)
      // The warm-up's backlog is not carried in: at most the window's 100 tokens are answered.
      expect(r.ok).to.be.within(80, 101)
      expect(r.seconds).to.be.within(0.45, 0.7)
      expect(r.perSecond.reduce((a, b) => a + b, 0)).to.equal(r.ok)
    } finally {
      s.close()
    }
  })

  it('catches up after a stall with its backlog, and drops what is older (missed)', async () => {
    // A server that holds every answer until 300 ms after its first request (a stall).
    const stalled = async () => {
      const body = Buffer.alloc(1000, 'x')
      let first = 0
      const s = createServer((_req, res) => {
        first ||= performance.now()
        const wait = Math.max(0, first + 300 - performance.now())
        setTimeout(() => res.writeHead(200, { 'content-length': body.length }).end(body), wait)
      })
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
      return { s, target: `127.0.0.1:${String((s.address() as AddressInfo).port)}` }
    }
    const run = async (backlogMs: number) => {
      const { s, target } = await stalled()
      try {
        const o = {
          targets: [target],
          path: '/',
          rps: 100,
          durationMs: 800,
          connections: 2,
          maxConnections: 2,
        }
        return await pacedLoad({ ...o, backlogMs })
      } finally {
        s.close()
      }
    }
    // ~30 tokens fall due during the stall: a 1 s backlog keeps them all, a 10 ms one drops them.
    const caughtUp = await run(1000)
    const dropped = await run(10)
    expect(caughtUp.missed).to.equal(0)
    expect(dropped.missed).to.be.above(15)
    expect(caughtUp.ok).to.be.above(dropped.ok)
  })

  it('counts non-200 answers as errors', async () => {
    const { s, target } = await server(0, 503)
    try {
      const r = await pacedLoad({
        targets: [target],
        path: '/',
        rps: 100,
        durationMs: 300,
        connections: 2,
      })
      expect(r.ok).to.equal(0)
      expect(r.errors).to.be.above(10)
    } finally {
      s.close()
    }
  })

  it('refuses a target that is not on loopback', async () => {
    let err: unknown
    await pacedLoad({
      targets: ['10.0.0.1:80'],
      path: '/',
      rps: 1,
      durationMs: 10,
      connections: 1,
    }).catch((e: unknown) => (err = e))
    expect(String(err)).to.match(/only targets loopback/)
  })
})

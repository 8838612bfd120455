import { expect } from 'chai'
import { SpanStore } from './span-store.js'
import type { StoredSpan } from './stored-span.js'

const span = (traceId: string, id = traceId): StoredSpan => ({
  traceId,
  id,
  name: 'op',
  startUs: 1,
  durationUs: 1,
  serviceName: 'svc',
  tags: {},
  logs: [],
})
const hex = (i: number) => i.toString(16).padStart(16, '0')
const at = (s: StoredSpan, serviceName: string, name: string): StoredSpan => ({
  ...s,
  serviceName,
  name,
})

describe('SpanStore (MEMORY_MAX_TRACES)', () => {
  it('evicts the oldest trace first; a later span of a kept trace neither moves nor evicts it', () => {
    const store = new SpanStore(3)
    store.add([span(hex(1)), span(hex(2)), span(hex(3))])
    store.add([span(hex(1), hex(11))])
    store.add([span(hex(4))])
    expect(store.trace(hex(1))).to.equal(undefined)
    expect(store.trace(hex(2))?.map((s) => s.id)).to.deep.equal([hex(2)])
    expect(store.dump().map((s) => s.traceId)).to.deep.equal([hex(2), hex(3), hex(4)])
    // An evicted trace that gets a span again is a new, newest trace.
    store.add([span(hex(1), hex(12))])
    expect(store.dump().map((s) => s.id)).to.deep.equal([hex(3), hex(4), hex(12)])
    expect(store.spansReceived).to.equal(6)
  })

  it('keeps exactly the newest traces over many evictions, and after a load', () => {
    const store = new SpanStore(10)
    for (let i = 0; i < 5000; i++) store.add([span(hex(i))])
    const kept = Array.from({ length: 10 }, (_, i) => hex(4990 + i))
    expect(store.dump().map((s) => s.traceId)).to.deep.equal(kept)
    store.load(store.dump().slice(5))
    for (let i = 0; i < 7; i++) store.add([span(hex(9000 + i))])
    expect(store.dump().map((s) => s.traceId)).to.deep.equal([
      ...kept.slice(7),
      ...Array.from({ length: 7 }, (_, i) => hex(9000 + i)),
    ])
  })

  it('files a batch with runs of one trace and one service span by span', () => {
    const store = new SpanStore(2)
    store.add([
      at(span(hex(1), hex(11)), 'a', 'x'),
      at(span(hex(1), hex(12)), 'a', 'y'),
      at(span(hex(2), hex(21)), 'b', 'x'),
      at(span(hex(1), hex(13)), 'a', 'x'),
      at(span(hex(3), hex(31)), 'a', 'z'),
      at(span(hex(3), hex(32)), 'b', 'y'),
    ])
    expect(store.trace(hex(1))).to.equal(undefined)
    expect(store.trace(hex(2))?.map((s) => s.id)).to.deep.equal([hex(21)])
    expect(store.trace(hex(3))?.map((s) => s.id)).to.deep.equal([hex(31), hex(32)])
    expect([store.operationsOf('a'), store.operationsOf('b')]).to.deep.equal([
      ['x', 'y', 'z'],
      ['x', 'y'],
    ])
  })
})

import { expect } from 'chai'
import { readdirSync, readFileSync } from 'node:fs'
import { StatusError } from '../../api/errors.js'
import { encodeProtobufForTest } from './encode-protobuf-for-test.js'
import { decodeProtobufBody } from './index.js'
import { mulberry32 } from '../../testing/apiserver/index.js'

const MAGIC = Buffer.from('k8s\0', 'latin1')
const testdata = new URL('./testdata/', import.meta.url)
const fixtures = readdirSync(testdata)
  .filter((name) => name.endsWith('.pb'))
  .map((name) => ({ name, body: readFileSync(new URL(name, testdata)) }))

// A seeded generator (mulberry32) so a failing case can be replayed.
const random = mulberry32

function randomBytes(next: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)))
}

/** Decodes and returns the StatusError thrown, or undefined on success; fails on anything else. */
function attempt(body: Uint8Array, what: string): StatusError | undefined {
  try {
    const { object } = decodeProtobufBody(body)
    expect(() => JSON.stringify(object), what).to.not.throw()
    expect(object['kind'], what).to.be.a('string')
    return undefined
  } catch (err) {
    expect(err, what).to.be.instanceOf(StatusError)
    const code = (err as StatusError).code
    expect(code >= 400 && code < 500, `${what}: code ${code}`).to.equal(true)
    return err as StatusError
  }
}

/** Returns where typeMeta ends and where raw ends in a fixture (one-byte lengths only). */
function envelopeBounds(body: Buffer): { typeMetaEnd: number; rawEnd: number } {
  let i = 4
  const varint = () => {
    let value = 0
    for (let shift = 0; ; shift += 7) {
      const b = body[i++]!
      value += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return value
    }
  }
  expect(body[i++]).to.equal(0x0a)
  const typeMetaEnd = varint() + i
  i = typeMetaEnd
  expect(body[i++]).to.equal(0x12)
  const rawLength = varint()
  return { typeMetaEnd, rawEnd: i + rawLength }
}

describe('decodeProtobufBody() on hostile input', () => {
  it('has fixtures to work on', () => {
    expect(fixtures.length).to.be.greaterThan(5)
  })

  it('answers 4xx to random bytes', () => {
    const next = random(1)
    for (let n = 0; n < 300; n++) {
      const body = randomBytes(next, Math.floor(next() * 120))
      expect(attempt(body, `random #${n}`), `random #${n}`).to.be.instanceOf(StatusError)
    }
  })

  it('answers 4xx to the magic followed by random bytes', () => {
    const next = random(2)
    for (let n = 0; n < 300; n++) {
      const body = Buffer.concat([MAGIC, randomBytes(next, Math.floor(next() * 120))])
      expect(attempt(body, `magic+random #${n}`), `magic+random #${n}`).to.be.instanceOf(
        StatusError
      )
    }
  })

  it('answers 4xx to a known kind carrying random bytes', () => {
    const next = random(3)
    for (let n = 0; n < 300; n++) {
      const raw = randomBytes(next, Math.floor(next() * 80))
      attempt(encodeProtobufForTest('apps/v1', 'Deployment', {}, { raw }), `raw #${n}`)
    }
  })

  for (const { name, body } of fixtures) {
    it(`answers 4xx to every truncation of ${name} that cuts into the object`, () => {
      const { typeMetaEnd, rawEnd } = envelopeBounds(body)
      for (let length = 0; length < body.length; length++) {
        const err = attempt(body.subarray(0, length), `${name}[0:${length}]`)
        // Cut right after typeMeta, the envelope is whole and just has no object: that decodes.
        // Past rawEnd only the empty contentEncoding/contentType fields are lost.
        if (length < rawEnd && length !== typeMetaEnd) {
          expect(err, `${name}[0:${length}]`).to.be.instanceOf(StatusError)
        }
      }
    })

    it(`never crashes on byte flips of ${name}`, () => {
      const next = random(body.length)
      for (let n = 0; n < 200; n++) {
        const copy = Buffer.from(body)
        copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256)
        attempt(copy, `${name} flip #${n}`)
      }
    })
  }

  it('answers 400 to deeply nested groups instead of overflowing the stack', () => {
    // Field 15, wire type 3 (start group), repeated: an unknown field the decoder must skip.
    const raw = Buffer.alloc(200_000, 0x7b)
    const err = attempt(encodeProtobufForTest('v1', 'Namespace', {}, { raw }), 'nested groups')
    expect(err?.code).to.equal(400)
  })
})

import { expect } from 'chai'
import { MemoryLogStore } from './log-store.js'

describe('MemoryLogStore', () => {
  let t = Date.parse('2018-11-20T10:00:00.120Z')
  const store = () => new MemoryLogStore(() => new Date(t))

  it('stamps lines with RFC3339Nano times and filters by sinceTime and tailLines', () => {
    const s = store()
    s.append('ns', 'p', 'c', ['one'])
    t += 2000
    s.append('ns', 'p', 'c', ['two', 'three'])
    expect(s.read('ns', 'p', 'c', { previous: false, timestamps: true, tailLines: 1 })).to.equal(
      '2018-11-20T10:00:02.12Z three\n'
    )
    expect(
      s.read('ns', 'p', 'c', { previous: false, sinceTime: new Date('2018-11-20T10:00:01Z') })
    ).to.equal('two\nthree\n')
    expect(s.read('ns', 'p', 'c', { previous: false, tailLines: 0 })).to.equal('')
    expect(s.read('ns', 'p', 'other', { previous: false })).to.equal(undefined)
  })

  it('rotates a long log a file at a time: 50,000 to 55,000 lines kept, the newest last', () => {
    const s = store()
    for (let i = 0; i < 60_000; i += 1000)
      s.append(
        'ns',
        'p',
        'c',
        Array.from({ length: 1000 }, (_, j) => `line ${i + j}`)
      )
    const kept = s.read('ns', 'p', 'c', { previous: false })!.trimEnd().split('\n')
    expect(kept.length).to.be.within(50_000, 55_000)
    expect(kept.at(-1)).to.equal('line 59999')
    expect(kept[0]).to.equal(`line ${60_000 - kept.length}`)
    // The size kept beside the lines follows the rotation.
    expect(s.size('ns', 'p', 'c')).to.equal(Buffer.byteLength(kept.join('\n') + '\n'))
  })

  it('size() is the byte length read() returns, per instance, multi-byte characters included', () => {
    const s = store()
    expect(s.size('ns', 'p', 'c')).to.equal(0)
    s.append('ns', 'p', 'c', ['één', 'two'])
    expect(s.size('ns', 'p', 'c')).to.equal(
      Buffer.byteLength(s.read('ns', 'p', 'c', { previous: false })!)
    )
    expect(s.size('ns', 'p', 'c')).to.not.equal('één\ntwo\n'.length)
    s.newInstance('ns', 'p', 'c')
    expect(s.size('ns', 'p', 'c')).to.equal(0)
    const copy = store()
    s.append('ns', 'p', 'c', ['x'])
    copy.load(s.dump())
    expect(copy.size('ns', 'p', 'c')).to.equal(2)
  })

  it('follow sends new lines until the instance ends; an ended instance ends at once', async () => {
    const s = store()
    s.append('ns', 'p', 'c', ['before'])
    const got: string[] = []
    let ended = false
    s.follow(
      'ns',
      'p',
      'c',
      { previous: false },
      (x) => got.push(x),
      () => (ended = true)
    )
    s.append('ns', 'p', 'c', ['after'])
    expect(got).to.deep.equal(['after\n'])
    expect(ended).to.equal(false)
    s.endInstance('ns', 'p', 'c')
    expect(ended).to.equal(true)
    s.append('ns', 'p', 'c', ['late'])
    expect(got).to.deep.equal(['after\n'])
    let again = false
    s.follow(
      'ns',
      'p',
      'c',
      { previous: false },
      () => undefined,
      () => (again = true)
    )
    await Promise.resolve()
    expect(again).to.equal(true)
  })

  it('a restart ends the followers of the old instance and keeps it as previous', () => {
    const s = store()
    s.append('ns', 'p', 'c', ['first life'])
    let ended = false
    const stop = s.follow(
      'ns',
      'p',
      'c',
      { previous: false },
      () => undefined,
      () => (ended = true)
    )
    s.newInstance('ns', 'p', 'c')
    expect(ended).to.equal(true)
    expect(s.read('ns', 'p', 'c', { previous: true })).to.equal('first life\n')
    stop()
  })

  it("dump() and load() carry each container's lines, times, previous instance and end into another store", () => {
    const s = store()
    s.append('ns', 'p', 'c', ['first run'])
    s.newInstance('ns', 'p', 'c')
    s.append('ns', 'p', 'c', ['second run'])
    s.endInstance('ns', 'p', 'c')
    const copy = new MemoryLogStore()
    copy.load(structuredClone(s.dump()))
    const opts = { previous: false, timestamps: true }
    expect(copy.read('ns', 'p', 'c', opts)).to.equal(s.read('ns', 'p', 'c', opts))
    expect(copy.read('ns', 'p', 'c', { ...opts, previous: true })).to.equal(
      s.read('ns', 'p', 'c', { ...opts, previous: true })
    )
    expect(copy.read('ns', 'p', 'other', opts)).to.equal(undefined)
    expect(copy.dump()).to.deep.equal(s.dump())
  })
})

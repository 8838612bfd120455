import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { EventWindow, sizeOf } from './event-window.js'

const pod = (name: string, image: string, phase: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image, ports: [{ containerPort: 80 }] }], nodeName: 'n1' },
  status: { phase },
})

describe('EventWindow', () => {
  it('counts each event at the size of its object', () => {
    const w = new EventWindow({ events: 10, bytes: 1e6, encodedBytes: 1e6 })
    const p = pod('web-1', 'nginx', 'Pending')
    const q = { ...p, status: { phase: 'Running' } }
    w.push({ type: 'ADDED', storage: 'pods', rv: 1, object: p })
    w.push({ type: 'MODIFIED', storage: 'pods', rv: 2, object: q, old: p })
    expect(w.heldBytes).to.equal(sizeOf(p) + sizeOf(q))
    expect(w.totalBytes).to.equal(sizeOf(p) + sizeOf(q))
  })

  it('drops the oldest events beyond its byte limit', () => {
    const p = pod('web-1', 'nginx', 'Pending')
    const w = new EventWindow({ events: 10, bytes: sizeOf(p) * 2, encodedBytes: 1e6 })
    for (let rv = 1; rv <= 3; rv++) w.push({ type: 'ADDED', storage: 'pods', rv, object: p })
    expect(w.length).to.equal(2)
    expect(w.oldestRv()).to.equal(2)
  })
})

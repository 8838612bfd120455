import { expect } from 'chai'
import type { AppContext, HttpRequest, HttpResponse } from '../network/index.js'
import { accessLogLine } from './access-log.js'
import { requestVars } from './request-vars.js'
import { renderTemplate } from './template.js'

const pod = {
  namespace: 'onap',
  name: 'multicloud-0',
  ip: '10.244.1.7',
  nodeName: 'node-1',
  labels: { app: 'multicloud', version: 'v1' },
  serviceAccount: 'default',
  hasSidecar: true,
  pod: { metadata: {} },
}
const ctx = (from: AppContext['from']): AppContext => ({
  pod,
  container: 'multicloud',
  port: 9001,
  from,
  fetch: () => Promise.reject(new Error('no fetch')),
  log: () => undefined,
})
const req: HttpRequest = {
  method: 'GET',
  path: '/api/multicloud/v0/swagger.json?x=1',
  authority: 'multicloud:9001',
  headers: { 'user-agent': 'curl/7.58.0', 'x-request-id': 'abc' },
  body: Buffer.alloc(0),
}
const res: HttpResponse = { status: 200, headers: {}, body: Buffer.alloc(29_000) }

// What the line was before templates were compiled: every variable, rendered by renderTemplate.
function reference(template: string, c: AppContext): string {
  const vars = requestVars(req, c)
  vars.status = String(res.status)
  vars.bytes = String(res.body.length)
  return renderTemplate(template, vars)
}

describe('accessLogLine()', () => {
  const templates = [
    '[{{time}}] "{{method}} {{path}} HTTP/1.1" {{status}} {{bytes}}',
    '{{from}} - - [{{ time }}] "{{method}} {{path}} HTTP/1.1" {{status}} {{bytes}}',
    '{{pod}} {{namespace}} {{node}} {{podIP}} {{container}} {{port}} {{app}} {{version}}',
    '{{authority}} {{header.user-agent}} {{header.x-request-id}} {{header.absent}} {{param.id}}',
    '{{unknown}}plain text {{calls}} no variables {{ method}}',
    '',
    'no variables at all',
  ]
  for (const t of templates)
    it(`renders ${JSON.stringify(t)} as the full variable set does`, () => {
      for (const from of [
        { kind: 'host', ip: '127.0.0.1' } as const,
        { kind: 'pod', pod, container: 'istio-proxy' } as const,
      ]) {
        const c = ctx(from)
        const before = reference(t, c)
        const line = accessLogLine(t, req, c, res)
        // {{time}} may tick between the two renderings: compare with the time masked.
        const iso = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g
        expect(line.replace(iso, 'T')).to.equal(before.replace(iso, 'T'))
      }
    })

  it('writes the current time and the answer it logs (a different answer, a different line)', () => {
    const t0 = Date.now()
    const line = accessLogLine('{{time}} {{status}} {{bytes}}', req, ctx(pod as never), res)
    const [time, status, bytes] = line.split(' ')
    expect(Date.parse(time!)).to.be.within(t0, Date.now())
    expect([status, bytes]).to.deep.equal(['200', '29000'])
    const other = accessLogLine('{{status}} {{bytes}}', req, ctx(pod as never), {
      status: 503,
      headers: {},
      body: Buffer.from('no'),
    })
    expect(other).to.equal('503 2')
  })
})

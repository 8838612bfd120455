import { expect } from 'chai'
import { parse as parseYaml } from 'yaml'
import { StatusError } from '../../api/errors.js'
import { parseYamlBody } from './decode-body.js'

describe('parseYamlBody()', () => {
  const body = (s: string) => Buffer.from(s)

  it('reads a JSON body (as helm sends apply-patch+yaml) exactly as the YAML parser does', () => {
    const json = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'msb-iag', labels: { app: 'msb-iag', 'a/b': 'ü' } },
      spec: {
        replicas: 1,
        paused: false,
        template: { spec: { containers: [{ n: null, x: 1.5 }] } },
      },
    })
    expect(parseYamlBody(body(`  ${json}\n`))).to.deep.equal(parseYaml(json))
  })

  it('reads YAML, and a flow mapping that is not JSON, with the YAML parser', () => {
    expect(parseYamlBody(body('kind: Pod\nmetadata:\n  name: a\n'))).to.deep.equal({
      kind: 'Pod',
      metadata: { name: 'a' },
    })
    expect(parseYamlBody(body('{kind: Pod, metadata: {name: a}}'))).to.deep.equal({
      kind: 'Pod',
      metadata: { name: 'a' },
    })
  })

  it("answers 400 with the YAML parser's error for a body neither parser reads", () => {
    let err: unknown
    try {
      parseYamlBody(body('{"kind": "Pod", "metadata": {'))
    } catch (e) {
      err = e
    }
    expect(err).to.be.instanceOf(StatusError)
    expect((err as StatusError).status.code).to.equal(400)
    expect((err as StatusError).message).to.match(/^error decoding YAML: /)
  })

  it('still refuses JSON nested deeper than the limit', () => {
    const deep = '{"a":'.repeat(600) + '1' + '}'.repeat(600)
    expect(() => parseYamlBody(body(deep))).to.throw(/exceeded max depth of 500/)
  })
})

import { expect } from 'chai'
import { isStatusError } from '../errors.js'
import type { KubeObject } from '../types.js'
import {
  escapeFieldValue,
  fieldsOf,
  fieldSupport,
  parseFieldSelector,
  supportedFields,
} from './index.js'

function rejection(fn: () => unknown): { code: number; reason: string; message: string } {
  try {
    fn()
  } catch (err) {
    if (isStatusError(err)) return { code: err.code, reason: err.reason, message: err.message }
    throw err
  }
  throw new Error('expected a rejection')
}

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'onap' },
  spec: {
    nodeName: 'node-1',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
  },
  status: { phase: 'Running', podIP: '10.244.0.7' },
}

const event: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-1.17', namespace: 'onap' },
  involvedObject: {
    kind: 'Pod',
    namespace: 'onap',
    name: 'web-1',
    uid: 'u-1',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{web}',
  },
  reason: 'Started',
  source: { component: 'kubelet', host: 'node-1' },
  type: 'Normal',
}

describe('parseFieldSelector()', () => {
  it('matches =, == and != terms ANDed by commas', () => {
    const fields = fieldsOf('pods', pod)
    expect(parseFieldSelector('metadata.name=web-1').matches(fields)).to.equal(true)
    expect(
      parseFieldSelector('metadata.name==web-1,status.phase=Running').matches(fields)
    ).to.equal(true)
    expect(parseFieldSelector('status.phase!=Running').matches(fields)).to.equal(false)
    expect(
      parseFieldSelector('status.phase!=Failed,spec.nodeName=node-1').matches(fields)
    ).to.equal(true)
    expect(parseFieldSelector('spec.nodeName=node-2').matches(fields)).to.equal(false)
    expect(parseFieldSelector('').matches(fields)).to.equal(true)
    expect(parseFieldSelector(',,').isEmpty()).to.equal(true)
  })

  it('unescapes \\, \\= and \\\\ in values and escapes them when printing', () => {
    const sel = parseFieldSelector('a=x\\,y\\=z\\\\,b!=')
    expect(sel.matches({ a: 'x,y=z\\', b: 'q' })).to.equal(true)
    expect(sel.matches({ a: 'x,y=z\\', b: '' })).to.equal(false)
    expect(sel.toString()).to.equal('a=x\\,y\\=z\\\\,b!=')
    expect(escapeFieldValue('a,b=c\\')).to.equal('a\\,b\\=c\\\\')
  })

  it('reads a missing field as the empty string', () => {
    expect(parseFieldSelector('spec.nodeName=').matches({})).to.equal(true)
    expect(parseFieldSelector('spec.nodeName!=').matches({})).to.equal(false)
  })

  it('rejects malformed selectors with 400 BadRequest', () => {
    const cases: [string, string][] = [
      ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
      ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
      ['a=b=c', 'invalid field selector: unescapedRune character in value: 61'],
      ['a=b\\,c,d=e,f', "invalid selector: 'a=b\\,c,d=e,f'; can't understand 'f'"],
      ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
      ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
      ['a==b=', 'invalid field selector: unescapedRune character in value: 61'],
    ]
    for (const [input, message] of cases) {
      const err = rejection(() => parseFieldSelector(input))
      expect(err.code, input).to.equal(400)
      expect(err.reason).to.equal('BadRequest')
      expect(err.message, input).to.equal(message)
    }
  })

  it('rejects fields the resource does not support', () => {
    const err = rejection(() =>
      parseFieldSelector('metadata.name=x,spec.foo=y', fieldSupport('pods'))
    )
    expect(err).to.deep.equal({
      code: 400,
      reason: 'BadRequest',
      message: 'field label not supported: spec.foo',
    })
    expect(
      rejection(() => parseFieldSelector('status.phase=Active', fieldSupport('services'))).message
    ).to.equal('field label not supported: status.phase')
    // The left side is not trimmed, as upstream.
    expect(
      rejection(() => parseFieldSelector('metadata.name =x', fieldSupport('pods'))).message
    ).to.equal('field label not supported: metadata.name ')
    expect(
      parseFieldSelector('metadata.name=x', fieldSupport('configmaps')).requiresExactMatch(
        'metadata.name'
      )
    ).to.equal('x')
  })
})

describe('fieldsOf() and supportedFields()', () => {
  it('exposes the pod field set', () => {
    expect(fieldsOf('pods', pod)).to.deep.equal({
      'metadata.name': 'web-1',
      'metadata.namespace': 'onap',
      'spec.nodeName': 'node-1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.244.0.7',
      'status.nominatedNodeName': '',
    })
    const pending = { ...pod, status: { phase: 'Pending', podIPs: [{ ip: '10.0.0.9' }] } }
    expect(fieldsOf('pods', pending)['status.podIP']).to.equal('10.0.0.9')
  })

  it('selects events the way kubectl describe asks for them', () => {
    const sel = parseFieldSelector(
      'involvedObject.name=web-1,involvedObject.namespace=onap,involvedObject.uid=u-1',
      fieldSupport('events')
    )
    expect(sel.matches(fieldsOf('events', event))).to.equal(true)
    const other = {
      ...event,
      involvedObject: { kind: 'Pod', name: 'web-2', namespace: 'onap', uid: 'u-2' },
    }
    expect(sel.matches(fieldsOf('events', other))).to.equal(false)
    const fields = fieldsOf('events', event)
    expect(fields['source']).to.equal('kubelet')
    expect(fields['involvedObject.fieldPath']).to.equal('spec.containers{web}')
    expect(parseFieldSelector('type=Warning', fieldSupport('events')).matches(fields)).to.equal(
      false
    )
    expect(
      parseFieldSelector('reason=Started,type=Normal', fieldSupport('events')).matches(fields)
    ).to.equal(true)
  })

  it('reads events.k8s.io names as well', () => {
    const ev: KubeObject = {
      metadata: { name: 'e' },
      regarding: { kind: 'Node', name: 'n1' },
      reportingController: 'kubelet',
    }
    const fields = fieldsOf('events', ev)
    expect(fields['involvedObject.kind']).to.equal('Node')
    expect(fields['source']).to.equal('kubelet')
  })

  it('knows the per-resource field labels', () => {
    expect(supportedFields('configmaps')).to.deep.equal(['metadata.name', 'metadata.namespace'])
    expect(supportedFields('secrets')).to.include('type')
    expect(supportedFields('nodes')).to.deep.equal(['metadata.name', 'spec.unschedulable'])
    expect(supportedFields('namespaces')).to.deep.equal(['metadata.name', 'status.phase'])
    expect(supportedFields('jobs')).to.include('status.successful')
    expect(supportedFields('replicasets')).to.not.include('status.replicas')
    expect(supportedFields('replicasets', { group: 'extensions' })).to.include('status.replicas')
    expect(supportedFields('pods', { minor: 11 })).to.not.include('spec.hostNetwork')
    expect(supportedFields('pods', { minor: 33 })).to.include('spec.hostNetwork')
    expect(supportedFields('pods', { minor: 11 })).to.include('status.nominatedNodeName')
    expect(
      fieldsOf('nodes', { metadata: { name: 'n' }, spec: { unschedulable: true } })[
        'spec.unschedulable'
      ]
    ).to.equal('true')
    expect(
      fieldsOf('secrets', { metadata: { name: 's' }, type: 'helm.sh/release.v1' })['type']
    ).to.equal('helm.sh/release.v1')
    expect(
      fieldsOf('jobs', { metadata: { name: 'j' }, status: { succeeded: 2 } })['status.successful']
    ).to.equal('2')
  })
})

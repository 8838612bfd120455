import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { hpaPrinter } from './hpa-printer.js'
import { printCtx as ctx } from '../../testing/apiserver/index.js'

const ref = { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }

const hpa = (spec: object, status: object = {}): KubeObject => ({
  metadata: { name: 'web', creationTimestamp: '2024-05-01T11:00:00Z' },
  spec: { scaleTargetRef: ref, maxReplicas: 10, ...spec },
  status,
})

describe('hpaPrinter', () => {
  it('defines Name, Reference, Targets, MinPods, MaxPods, Replicas, Age', () => {
    expect(hpaPrinter.columns.map((c) => c.name)).to.deep.equal([
      'Name',
      'Reference',
      'Targets',
      'MinPods',
      'MaxPods',
      'Replicas',
      'Age',
    ])
  })

  it('prints an autoscaling/v1 CPU target', () => {
    const h = hpa(
      { minReplicas: 2, targetCPUUtilizationPercentage: 80 },
      { currentReplicas: 3, currentCPUUtilizationPercentage: 42 }
    )
    expect(hpaPrinter.cells(h, ctx)).to.deep.equal([
      'web',
      'Deployment/web',
      'cpu: 42%/80%',
      '2',
      10,
      3,
      '60m',
    ])
    expect(
      hpaPrinter.cells(hpa({ targetCPUUtilizationPercentage: 80 }), ctx).slice(2, 4)
    ).to.deep.equal(['cpu: <unknown>/80%', '1'])
  })

  it('prints autoscaling/v2 metrics, two at most', () => {
    const h = hpa(
      {
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
          },
          {
            type: 'Pods',
            pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } },
          },
          {
            type: 'External',
            external: { metric: { name: 'q' }, target: { type: 'Value', value: '5' } },
          },
        ],
      },
      {
        currentMetrics: [
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '80Mi' } } },
          { type: 'Pods', pods: { current: { averageValue: '7' } } },
        ],
      }
    )
    expect(hpaPrinter.cells(h, ctx)[2]).to.equal('memory: 80Mi/100Mi, 7/10 + 1 more...')
  })

  it('prints v2 utilization, object and external averages, and v2beta1 fields', () => {
    const v2 = hpa({
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } },
        { type: 'Object', object: { target: { type: 'AverageValue', averageValue: '3' } } },
      ],
    })
    expect(hpaPrinter.cells(v2, ctx)[2]).to.equal('cpu: <unknown>/<auto>, <unknown>/3 (avg)')
    const v2beta1 = hpa(
      { metrics: [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 50 } }] },
      {
        currentMetrics: [
          { type: 'Resource', resource: { name: 'cpu', currentAverageUtilization: 12 } },
        ],
      }
    )
    expect(hpaPrinter.cells(v2beta1, ctx)[2]).to.equal('cpu: 12%/50%')
    const odd = hpa({ metrics: [{ type: 'Mystery' }] })
    expect(hpaPrinter.cells(odd, ctx)[2]).to.equal('<unknown type>')
  })

  it('prints <none> without metrics and survives an empty object', () => {
    expect(hpaPrinter.cells(hpa({ metrics: [] }), ctx)[2]).to.equal('<none>')
    expect(hpaPrinter.cells({ metadata: {} }, ctx)).to.deep.equal([
      '',
      '/',
      '<none>',
      '1',
      0,
      0,
      '<unknown>',
    ])
  })
})

import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { cronJobPrinter, jobPrinter } from './batch-printers.js'
import { printCtx as ctx, printable, printedAgo as ago } from '../../testing/apiserver/index.js'

const template = { spec: { containers: [{ name: 'cleanup', image: 'istio/kubectl:1.0.0' }] } }

const job = (spec: object, status: object, meta = {}): KubeObject =>
  printable(
    'Job',
    { name: 'istio-cleanup-secrets', creationTimestamp: ago(7200), ...meta },
    spec,
    status
  )

describe('jobPrinter', () => {
  it('uses the modern columns: Name, Status, Completions, Duration, Age', () => {
    expect(jobPrinter.columns.map((c) => `${c.name}:${c.priority}`)).to.deep.equal([
      'Name:0',
      'Status:0',
      'Completions:0',
      'Duration:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ])
  })

  it('prints a completed job with its duration', () => {
    const j = job(
      {
        completions: 1,
        parallelism: 1,
        selector: { matchLabels: { 'controller-uid': 'abc' } },
        template,
      },
      {
        succeeded: 1,
        startTime: ago(7190),
        completionTime: ago(7165),
        conditions: [{ type: 'Complete', status: 'True' }],
      }
    )
    expect(jobPrinter.cells(j, ctx)).to.deep.equal([
      'istio-cleanup-secrets',
      'Complete',
      '1/1',
      '25s',
      '120m',
      'cleanup',
      'istio/kubectl:1.0.0',
      'controller-uid=abc',
    ])
  })

  it('prints running, failed, suspended and terminating jobs', () => {
    const running = job({ parallelism: 3 }, { startTime: ago(200), active: 3 })
    expect(jobPrinter.cells(running, ctx).slice(1, 4)).to.deep.equal([
      'Running',
      '0/1 of 3',
      '3m20s',
    ])
    const failed = job(
      { completions: 5 },
      { succeeded: 2, conditions: [{ type: 'Failed', status: 'True' }] }
    )
    expect(jobPrinter.cells(failed, ctx).slice(1, 4)).to.deep.equal(['Failed', '2/5', ''])
    const suspended = job({}, { conditions: [{ type: 'Suspended', status: 'True' }] })
    expect(jobPrinter.cells(suspended, ctx)[1]).to.equal('Suspended')
    const dying = job(
      {},
      { conditions: [{ type: 'Suspended', status: 'True' }] },
      { deletionTimestamp: ago(1) }
    )
    expect(jobPrinter.cells(dying, ctx)[1]).to.equal('Terminating')
    const notYet = job({}, { conditions: [{ type: 'Complete', status: 'False' }] })
    expect(jobPrinter.cells(notYet, ctx)[1]).to.equal('Running')
  })

  it('survives an empty job', () => {
    expect(jobPrinter.cells({ metadata: {} }, ctx)).to.deep.equal([
      '',
      'Running',
      '0/1',
      '',
      '<unknown>',
      '',
      '',
      '<none>',
    ])
  })
})

describe('cronJobPrinter', () => {
  it('prints schedule, timezone, suspend as text, active jobs and the last schedule', () => {
    const cj: KubeObject = {
      metadata: { name: 'backup', creationTimestamp: ago(3 * 86400) },
      spec: {
        schedule: '*/5 * * * *',
        suspend: true,
        jobTemplate: { spec: { template } },
      },
      status: { active: [{ name: 'backup-1' }], lastScheduleTime: ago(65) },
    }
    expect(cronJobPrinter.columns.map((c) => c.name)).to.deep.equal([
      'Name',
      'Schedule',
      'Timezone',
      'Suspend',
      'Active',
      'Last Schedule',
      'Age',
      'Containers',
      'Images',
      'Selector',
    ])
    expect(cronJobPrinter.cells(cj, ctx)).to.deep.equal([
      'backup',
      '*/5 * * * *',
      '<none>',
      'True',
      1,
      '65s',
      '3d',
      'cleanup',
      'istio/kubectl:1.0.0',
      '<none>',
    ])
  })

  it('prints a never scheduled cron job', () => {
    const cj: KubeObject = {
      metadata: { name: 'x' },
      spec: { schedule: '@daily', timeZone: 'Etc/UTC' },
    }
    expect(cronJobPrinter.cells(cj, ctx).slice(1, 6)).to.deep.equal([
      '@daily',
      'Etc/UTC',
      'False',
      0,
      '<none>',
    ])
  })
})

import { expect } from 'chai'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { stringify } from 'yaml'
import {
  createChartRepoClient,
  failureOf,
  fakeRun,
  loadExpectations,
  readSpecEnv,
  type FakeRun,
} from '../support/index.js'
import { checkChartRepository } from './chart-repo.js'

describe('checkChartRepository()', () => {
  let run: FakeRun
  beforeEach(() => {
    run = fakeRun(loadExpectations(readSpecEnv({})))
  })

  it('passes on an index with the page charts, ignoring charts helm search onap does not list', async () => {
    expect(Object.keys(run.lab.index.entries)).to.include('appc')
    await checkChartRepository(run.repo, run.expected)
  })

  it('lists the newest version of a chart', async () => {
    run.lab.index.entries.msb!.push({
      name: 'msb',
      version: '1.9.0',
      description: 'ONAP MicroServices Bus',
    })
    await checkChartRepository(run.repo, run.expected)
    run.lab.index.entries.msb!.push({
      name: 'msb',
      version: '2.1.0',
      description: 'ONAP MicroServices Bus',
    })
    expect(await failureOf(checkChartRepository(run.repo, run.expected))).to.match(
      /actual +local\/msb +2\.1\.0 \*/
    )
  })

  it('names a missing chart, a changed description and an extra onap chart', async () => {
    delete run.lab.index.entries.vfc
    run.lab.index.entries.onap![0]!.description = 'ONAP'
    run.lab.index.entries.extra = [
      { name: 'extra', version: '2.0.0', description: 'x', keywords: ['ONAP'] },
    ]
    const message = await failureOf(checkChartRepository(run.repo, run.expected))
    expect(message).to.contain(
      'charts of http://127.0.0.1:8879 matching "onap" (helm search onap): 1 missing, 1 extra, 1 differing'
    )
    expect(message).to.match(
      /missing +local\/vfc +2\.0\.0 +"" +ONAP Virtual Function Controller \(VF-C\)/
    )
    expect(message).to.match(/actual +local\/onap +2\.0\.0 +beijing +ONAP \*/)
    expect(message).to.match(/extra +local\/extra +2\.0\.0 +"" +x/)
  })

  describe('over HTTP', () => {
    let server: Server
    let url: string
    before(async () => {
      server = createServer((req, res) => {
        if (req.url !== '/index.yaml') return void res.writeHead(404).end()
        res.end(stringify({ apiVersion: 'v1', entries: run.lab.index.entries }))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(() => server.close())

    it('reads <repo>/index.yaml', async () => {
      await checkChartRepository(createChartRepoClient(url), run.expected)
    })

    it('says which URL failed', async () => {
      const message = await failureOf(
        checkChartRepository(createChartRepoClient(`${url}/nope`), run.expected)
      )
      expect(message).to.equal(
        `failed to read the chart repository index ${url}/nope/index.yaml: HTTP 404`
      )
      server.close()
      const refused = await failureOf(
        checkChartRepository(createChartRepoClient(url), run.expected)
      )
      expect(refused).to.equal(
        `failed to read the chart repository index ${url}/index.yaml: ECONNREFUSED`
      )
    })
  })
})

import { expect } from 'chai'
import { parseAppSection } from '../../apps/index.js'
import { parseScenario } from './scenario.js'
import { scenarioFromJson, scenarioToJson } from './scenario-json.js'

const SCENARIO = `apiVersion: onap-mesh-lab/v1alpha1
kind: Scenario
missingImages: [nexus3.onap.org:10001/onap/broken:1.0]
behaviours:
  - name: slow-web
    images: ["example/slow-web:*"]
    action: serve
    app:
      ports: [8080]
      routes:
        - path: /
          status: 700
join:
  token: abcdef.0000000000000000
`

describe('scenarioToJson() / scenarioFromJson()', () => {
  it('round-trips a scenario through JSON, app sections still naming their lines', () => {
    const parsed = parseScenario(SCENARIO, 'faults.yaml')
    const revived = scenarioFromJson(
      JSON.parse(JSON.stringify(scenarioToJson(parsed))) as ReturnType<typeof scenarioToJson>
    )
    const { behaviours: a, ...restA } = parsed
    const { behaviours: b, ...restB } = revived
    expect(restB).to.deep.equal(restA)
    const strip = (x: typeof a) => x.map(({ app, ...r }) => ({ ...r, value: app?.value }))
    expect(strip(b)).to.deep.equal(strip(a))
    const app = a[0]!.app!
    const back = b[0]!.app!
    for (const path of ['', 'ports', 'routes[0]', 'routes[0].status', 'routes[0].missing', 'nope'])
      expect(back.lineOf(path), path).to.equal(app.lineOf(path))
    // The same error, with the same line, from the parsed and from the revived scenario.
    const err = (s: typeof app) => {
      try {
        parseAppSection('slow-web', s)
        return ''
      } catch (e) {
        return (e as Error).message
      }
    }
    expect(err(back)).to.not.equal('')
    expect(err(back)).to.equal(err(app))
  })

  it('loses lineOf through plain JSON: why the line table exists', () => {
    const parsed = parseScenario(SCENARIO, 'faults.yaml')
    const plain = JSON.parse(JSON.stringify(parsed)) as typeof parsed
    expect(plain.behaviours[0]!.app!.lineOf).to.equal(undefined)
  })
})

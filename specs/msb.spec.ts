import {
  checkMsbDiscovery,
  checkMsbRoutes,
  checkMsbSwagger,
  checkMsbUnregistered,
} from './checks/index.js'
import { readMsbExpectations, specContext } from './support/index.js'

describe('msb', function () {
  // Every route is one HTTP request per node address; kube2msb registers a few seconds after install.
  this.timeout(60_000)
  const ctx = () => {
    const c = specContext()
    return { c, msb: readMsbExpectations(c.env.expectedDir), ns: c.expected.onap.namespace }
  }

  it('routes every MSB-registered service of the page through msb-iag on every node address', async () => {
    const { c, msb, ns } = ctx()
    await checkMsbRoutes(c.client, msb, ns)
  })

  it('lists in msb-discovery exactly the services whose annotations say so', async () => {
    const { c, msb, ns } = ctx()
    await checkMsbDiscovery(c.client, msb, ns)
  })

  it("answers the page's three swagger URLs on every node address", async () => {
    const { c, msb, ns } = ctx()
    await checkMsbSwagger(c.client, msb, ns)
  })

  it("answers an unregistered path with MSB's 502", async () => {
    const { c, msb, ns } = ctx()
    await checkMsbUnregistered(c.client, msb, ns)
  })
})

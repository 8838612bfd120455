import { checkIstioServices, checkOnapServices, checkReleaseDeployments } from './checks/index.js'
import { specContext } from './support/index.js'

describe('inventory', () => {
  it('has the onap services with their types, ports and NodePorts', async () => {
    const { client, expected } = specContext()
    await checkOnapServices(client, expected)
  })

  it('has the istio-system services', async () => {
    const { client, expected } = specContext()
    await checkIstioServices(client, expected)
  })

  it('has the deployments of each release (msb, vfc, multicloud)', async () => {
    const { client, expected } = specContext()
    await checkReleaseDeployments(client, expected)
  })
})

import { checkDeploymentsAvailable, checkIstioPods, checkOnapPods } from './checks/index.js'
import { specContext } from './support/index.js'

describe('readiness', () => {
  it('runs every onap pod with the READY count of the policy and few restarts', async () => {
    const { client, expected } = specContext()
    await checkOnapPods(client, expected)
  })

  it('runs every istio-system pod (hook jobs Completed)', async () => {
    const { client, expected } = specContext()
    await checkIstioPods(client, expected)
  })

  it('has every deployment available', async () => {
    const { client, expected } = specContext()
    await checkDeploymentsAvailable(client, expected)
  })
})

import {
  checkControlPlaneNotInjected,
  checkInjectorPolicy,
  checkNamespaceLabels,
  checkSidecars,
} from './checks/index.js'
import { specContext } from './support/index.js'

describe('injection', () => {
  it('labels onap istio-injection=enabled and istio-system disabled', async () => {
    const { client, expected } = specContext()
    await checkNamespaceLabels(client, expected)
  })

  it('runs the injector with the expected policy', async () => {
    const { client, expected } = specContext()
    await checkInjectorPolicy(client, expected)
  })

  it('gives each onap pod istio-proxy and istio-init exactly when policy and annotation say so', async () => {
    const { client, expected } = specContext()
    await checkSidecars(client, expected)
  })

  it('injects no istio-system pod', async () => {
    const { client, expected } = specContext()
    await checkControlPlaneNotInjected(client, expected)
  })
})

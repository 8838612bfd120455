import { checkNodeCapacity, checkNoOnapPodOnMaster, checkNodes } from './checks/index.js'
import { specContext } from './support/index.js'

describe('topology', () => {
  it('has 1 master and N workers, all Ready, the master tainted', async () => {
    const { client, expected } = specContext()
    await checkNodes(client, expected)
  })

  it('gives every node the capacity the lab profile configures', async function () {
    const { client, expected, env } = specContext()
    if (env.backend === 'kind') {
      console.log(
        '      skipped on LAB_BACKEND=kind: kind nodes report the host, not lab.yaml hardware'
      )
      this.skip()
    }
    await checkNodeCapacity(client, expected)
  })

  it('runs no onap pod on the master', async () => {
    const { client, expected } = specContext()
    await checkNoOnapPodOnMaster(client, expected)
  })
})

import { checkChartRepository } from './checks/index.js'
import { specContext } from './support/index.js'

describe('chart repository', () => {
  it('lists local/onap and the component charts as helm search onap does', async () => {
    const { repo, expected } = specContext()
    await checkChartRepository(repo, expected)
  })
})

import { expect } from 'chai'
import { useHandlerHarness } from '../../testing/apiserver/index.js'

// `GET /` lists the paths the server serves; /openapi/v3 only from 1.24, as kube-apiserver does.
describe('the root path list follows the version', () => {
  describe('1.11', () => {
    const h = useHandlerHarness({
      namespacePrefix: 'root',
      cluster: { kubernetesVersion: 'v1.11.1' },
    })
    it('lists /openapi/v2 and not /openapi/v3, which answers 404', async () => {
      const paths = (await h.ok('GET', '/')).paths as string[]
      expect(paths).to.include('/openapi/v2')
      expect(paths).to.not.include('/openapi/v3')
      expect((await h.send('GET', '/openapi/v3')).status).to.equal(404)
    })
  })

  describe('1.33 (negative case: the same check fails where v3 is served)', () => {
    const h = useHandlerHarness({
      namespacePrefix: 'root',
      cluster: { kubernetesVersion: 'v1.33.0' },
    })
    it('lists /openapi/v3 beside /openapi/v2', async () => {
      const paths = (await h.ok('GET', '/')).paths as string[]
      expect(paths).to.include.members(['/openapi/v2', '/openapi/v3'])
    })
  })
})
